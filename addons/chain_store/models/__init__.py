from . import chain_store_region
from . import chain_store_tag
from . import chain_store
from . import stock_warehouse
from . import pos_config
from . import res_users
