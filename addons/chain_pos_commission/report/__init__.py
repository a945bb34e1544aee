from . import chain_commission_statement_xlsx
