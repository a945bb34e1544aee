from . import test_lib_opening_stock
from . import test_demo_loader
from . import test_suite_channels
from . import test_lib_demo_members
from . import test_demo_members
from . import test_suite_prepaid
from . import test_suite_staff
