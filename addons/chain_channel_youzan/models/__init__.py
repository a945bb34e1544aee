from . import chain_channel
from . import chain_channel_adapter_youzan
from . import chain_channel_youzan_stock_push
