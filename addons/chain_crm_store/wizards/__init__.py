from . import chain_crm_lead_import
from . import chain_crm_lead_import_line
