from . import chain_fapiao_import_wizard
