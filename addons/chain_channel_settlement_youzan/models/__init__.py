from . import chain_channel_adapter_youzan
