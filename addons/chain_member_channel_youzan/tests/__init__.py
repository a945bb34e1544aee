from . import test_lib_youzan_customers
from . import test_youzan_members
