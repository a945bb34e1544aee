from . import chain_member_wallet_refund
