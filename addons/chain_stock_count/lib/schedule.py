"""Count plan schedule arithmetic (pure Python, no Odoo)."""

from datetime import timedelta


def next_date(current, interval_days, today):
    """The next due date of a plan (or ABC class) that was just counted on ``today``.

    :param current: the due date that has just been served (a ``date``, or None for a new plan).
    :param interval_days: days between two counts (> 0).
    :param today: the date of the run.

    The schedule keeps its rhythm (``current + interval``) unless that date is already past,
    e.g. after the job was stopped for a while: then it restarts from ``today`` rather than
    generating a backlog of counts on the following days.

    >>> from datetime import date
    >>> next_date(date(2026, 3, 1), 30, date(2026, 3, 1))
    datetime.date(2026, 3, 31)
    >>> next_date(date(2026, 3, 1), 30, date(2026, 3, 3))
    datetime.date(2026, 3, 31)
    >>> next_date(date(2026, 1, 1), 30, date(2026, 3, 1))
    datetime.date(2026, 3, 31)
    >>> next_date(None, 7, date(2026, 3, 1))
    datetime.date(2026, 3, 8)
    """
    if interval_days <= 0:
        raise ValueError(f"interval must be positive, got {interval_days}")
    step = timedelta(days=interval_days)
    if current and current + step > today:
        return current + step
    return today + step
