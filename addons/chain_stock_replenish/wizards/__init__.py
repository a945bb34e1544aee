from . import chain_replenish_compute_wizard
from . import chain_orderpoint_copy_wizard
