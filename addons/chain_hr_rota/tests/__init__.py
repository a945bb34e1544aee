from . import test_lib_rota
from . import test_rota
from . import test_lib_attendance
from . import test_attendance_check
from . import test_coverage
from . import test_rota_access
from . import test_shift_swap
from . import test_grid
