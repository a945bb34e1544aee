from . import chain_kingdee_connection
from . import chain_kingdee_account_map
from . import chain_kingdee_day
from . import chain_kingdee_day_line
