from . import chain_pos_lot_accept_wizard
