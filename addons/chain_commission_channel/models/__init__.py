from . import chain_commission_rule
from . import chain_commission_statement
from . import sale_order
