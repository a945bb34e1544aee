from . import chain_member_points_adjust
from . import chain_member_merge
