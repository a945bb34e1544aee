from . import chain_crm_case_compensate_wizard
