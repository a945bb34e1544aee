from . import chain_channel_settlement_import
