from . import youzan_customers
