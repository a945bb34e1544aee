from . import lead_form
