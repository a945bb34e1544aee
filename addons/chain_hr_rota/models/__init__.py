from . import res_company
from . import res_config_settings
from . import chain_hr_shift_template
from . import chain_hr_rota
from . import chain_hr_rota_line
from . import chain_hr_coverage_rule
from . import chain_hr_shift_swap
from . import chain_hr_attendance_check
