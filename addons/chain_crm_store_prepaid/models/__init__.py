from . import chain_crm_followup_plan
from . import chain_crm_followup
