from . import chain_recall_xlsx
