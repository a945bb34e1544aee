from . import test_settlement_pull
