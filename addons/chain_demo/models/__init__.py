from . import chain_store
from . import chain_stock_transfer
from . import chain_stock_count
from . import chain_replenish_allocation
from . import chain_member
from . import hr_employee
from . import crm_lead
from . import helpdesk_ticket
