from . import chain_hr_rota
from . import chain_hr_rota_line
