from . import chain_recall_waive_wizard
