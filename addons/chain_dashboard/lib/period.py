"""Dashboard periods: pure date arithmetic, no ORM.

A period is a pair of dates ``(first, last)``, both included.
"""

from datetime import timedelta

PERIODS = ("today", "yesterday", "week", "month", "custom")


def period_bounds(kind, today, date_from=None, date_to=None):
    """Return ``(first, last)`` of the period ``kind`` seen on ``today``.

    ``week`` starts on Monday and ``month`` on the 1st; both end today.
    ``custom`` takes ``date_from`` and ``date_to`` and raises ``ValueError``
    when one is missing or when they are reversed.

    >>> from datetime import date
    >>> period_bounds("week", date(2026, 11, 25))
    (datetime.date(2026, 11, 23), datetime.date(2026, 11, 25))
    >>> period_bounds("yesterday", date(2026, 3, 1))
    (datetime.date(2026, 2, 28), datetime.date(2026, 2, 28))
    """
    if kind == "today":
        return today, today
    if kind == "yesterday":
        day = today - timedelta(days=1)
        return day, day
    if kind == "week":
        return today - timedelta(days=today.weekday()), today
    if kind == "month":
        return today.replace(day=1), today
    if kind == "custom":
        if not date_from or not date_to:
            raise ValueError("custom period without dates")
        if date_from > date_to:
            raise ValueError("custom period ends before it starts")
        return date_from, date_to
    raise ValueError(f"unknown period {kind!r}")


def previous_period(first, last):
    """The period of the same length just before ``(first, last)``.

    >>> from datetime import date
    >>> previous_period(date(2026, 11, 23), date(2026, 11, 25))
    (datetime.date(2026, 11, 20), datetime.date(2026, 11, 22))
    """
    length = (last - first).days + 1
    return first - timedelta(days=length), first - timedelta(days=1)


def _year_before(day):
    try:
        return day.replace(year=day.year - 1)
    except ValueError:  # 29 February
        return day.replace(year=day.year - 1, day=28)


def last_year_period(first, last):
    """The same dates one year earlier (29 February falls back to the 28th).

    >>> from datetime import date
    >>> last_year_period(date(2028, 2, 29), date(2028, 3, 2))
    (datetime.date(2027, 2, 28), datetime.date(2027, 3, 2))
    """
    return _year_before(first), _year_before(last)


def ratio(numerator, denominator):
    """``numerator / denominator``, 0.0 when the denominator is 0.

    >>> ratio(10, 4), ratio(3, 0)
    (2.5, 0.0)
    """
    return numerator / denominator if denominator else 0.0


def change(current, reference):
    """Relative change in percent, ``None`` when there is no reference.

    >>> change(110, 100), change(5, 0)
    (10.0, None)
    """
    if not reference:
        return None
    return round((current - reference) / abs(reference) * 100, 1)
