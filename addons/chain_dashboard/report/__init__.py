from . import chain_dashboard_xlsx
