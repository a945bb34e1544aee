"""Pure functions of the addon, no ORM: import the modules themselves (``lib.dashboard_snapshot``)."""
