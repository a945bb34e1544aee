from . import res_company
from . import res_config_settings
from . import chain_stock_count_plan
from . import chain_stock_count
from . import chain_stock_count_line
