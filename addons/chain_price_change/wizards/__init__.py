from . import chain_price_change_wizard
