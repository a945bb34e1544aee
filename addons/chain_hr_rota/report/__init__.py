from . import chain_hr_attendance_report
from . import chain_hr_attendance_check_xlsx
