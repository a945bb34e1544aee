from . import test_declarations
from . import test_guarded_fields
from . import test_client_context
from . import test_demo_roles
