from . import test_lib_rota
from . import test_rota
