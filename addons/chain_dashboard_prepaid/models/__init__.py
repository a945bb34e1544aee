from . import chain_dashboard
