from . import test_lib_opening_stock
from . import test_demo_loader
from . import test_suite_channels
