from . import test_recall
from . import test_recall_access
from . import test_recall_guard
