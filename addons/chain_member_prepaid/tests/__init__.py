from . import test_wallet
from . import test_wallet_accounting
from . import test_wallet_concurrency
from . import test_wallet_security
from . import test_deposit
from . import test_service_card
from . import test_deposit_accounting
from . import test_deposit_concurrency
