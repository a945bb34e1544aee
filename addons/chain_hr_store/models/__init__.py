from . import chain_store
from . import hr_employee
