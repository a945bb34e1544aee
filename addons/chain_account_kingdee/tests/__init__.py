from . import test_send
from . import test_security
