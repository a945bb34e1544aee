from . import test_wallet
from . import test_wallet_accounting
from . import test_wallet_concurrency
from . import test_wallet_security
