from . import chain_approval_rule
from . import chain_approval_rule_tier
from . import chain_approval_request
from . import chain_approval_delegation
from . import product_category
from . import tier_review
from . import stock_scrap
from . import stock_quant
