from . import test_hr_store
