from . import chain_commission_statement
from . import res_company
from . import res_config_settings
