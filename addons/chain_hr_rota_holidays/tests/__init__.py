from . import test_rota_leave
