from . import chain_member_duplicate
