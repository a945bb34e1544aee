from . import res_company
from . import chain_member_tier
from . import chain_member
from . import chain_member_identity
from . import chain_member_points_line
from . import chain_member_tier_history
from . import pos_order
