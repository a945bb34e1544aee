from . import test_hr_store
from . import test_access
from . import test_http_access
from . import test_kiosk
