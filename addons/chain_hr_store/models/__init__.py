from . import chain_store
from . import hr_employee
from . import hr_employee_public
from . import hr_attendance
