from . import chain_kingdee_send_wizard
