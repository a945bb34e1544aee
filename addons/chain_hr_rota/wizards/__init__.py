from . import chain_hr_rota_copy_wizard
