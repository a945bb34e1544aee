from . import chain_receipt_exception_wizard
from . import chain_lot_block_wizard
from . import chain_gs1_scan_wizard
