from . import test_form
from . import test_event_import
from . import test_followup
from . import test_lead
from . import test_lead_access
from . import test_conversion
from . import test_team
from . import test_report
