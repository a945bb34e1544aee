from . import test_lib_opening_stock
from . import test_demo_loader
