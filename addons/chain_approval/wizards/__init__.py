from . import chain_approval_reject_wizard
from . import chain_approval_preview
