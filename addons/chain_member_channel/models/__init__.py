from . import chain_channel
from . import chain_channel_adapter_generic
from . import chain_channel_message
from . import chain_member
from . import chain_member_points_line
from . import res_partner
from . import sale_order
from . import stock_picking
