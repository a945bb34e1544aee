"""Service-level arithmetic of after-sales cases, without the ORM.

>>> from datetime import datetime
>>> deadline(datetime(2026, 3, 1, 9, 0), 4)
datetime.datetime(2026, 3, 1, 13, 0)
>>> deadline(datetime(2026, 3, 1, 9, 0), 0) is False
True
>>> on_time(datetime(2026, 3, 1, 12, 0), datetime(2026, 3, 1, 13, 0))
True
>>> on_time(None, datetime(2026, 3, 1, 13, 0))
False
>>> hours_between(datetime(2026, 3, 1, 9, 0), datetime(2026, 3, 2, 10, 30))
25.5
"""

from datetime import timedelta

LOT_WINDOW_DAYS = 30


def deadline(start, hours):
    """``start`` plus ``hours`` (calendar hours); ``False`` without a start or with no hours."""
    if not start or not hours or hours <= 0:
        return False
    return start + timedelta(hours=hours)


def on_time(done, due):
    """Whether a step ``done`` at that moment met ``due``.

    Not done yet: ``False`` (it is not *on time* yet, the escalation says when it is late);
    no deadline: done is enough.
    """
    if not done:
        return False
    return not due or done <= due


def hours_between(start, end):
    """Hours from ``start`` to ``end`` (0.0 when either is missing), to one decimal."""
    if not start or not end:
        return 0.0
    return round((end - start).total_seconds() / 3600.0, 1)
