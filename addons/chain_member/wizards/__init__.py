from . import chain_member_points_adjust
