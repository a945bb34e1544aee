from . import chain_crm_conversion_report
from . import chain_crm_conversion_xlsx
