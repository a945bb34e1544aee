from . import res_company
from . import res_config_settings
from . import product_template
from . import chain_member
from . import pos_session
from . import pos_order
