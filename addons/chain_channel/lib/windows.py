# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Time windows of order pulls and reconciliations (naive UTC datetimes, no ORM).

A pull reads the orders a platform reports as updated in ``[start, end)``. ``end`` stays a
lag margin behind now (platforms index updates with a delay); the range is cut into windows
of at most ``max_window`` so that each window is read, stored and committed on its own, and
the pull cursor moves to a window's end only once that window is fully stored.
"""

from datetime import timedelta

MAX_WINDOW = timedelta(minutes=30)


def pull_range(cursor, now, lookback, lag):
    """``(start, end)`` of the next pull, or ``None`` when there is nothing to read yet.

    ``start`` is the ``cursor`` (the end of the last fully read window), or ``now - lookback``
    for a first pull; ``end`` is ``now - lag``.

    >>> from datetime import datetime
    >>> now = datetime(2026, 11, 23, 12, 0)
    >>> pull_range(None, now, timedelta(days=1), timedelta(seconds=120))
    (datetime.datetime(2026, 11, 22, 12, 0), datetime.datetime(2026, 11, 23, 11, 58))
    >>> pull_range(datetime(2026, 11, 23, 11, 59), now, timedelta(days=1), timedelta(seconds=120)) is None
    True
    """
    if lookback < timedelta(0) or lag < timedelta(0):
        raise ValueError("look-back and lag cannot be negative")
    start = cursor if cursor is not None else now - lookback
    end = now - lag
    if start >= end:
        return None
    return start, end


def split_windows(start, end, max_window=MAX_WINDOW):
    """Consecutive windows ``[(s, e), ...]`` covering ``[start, end)``, each at most ``max_window``.

    The first window starts at ``start``, each next one at the previous end, the last ends at
    ``end``; an empty range gives no window.

    >>> from datetime import datetime
    >>> t = datetime(2026, 11, 23, 10, 0)
    >>> [(s.strftime("%H:%M"), e.strftime("%H:%M")) for s, e in split_windows(t, t + timedelta(minutes=70))]
    [('10:00', '10:30'), ('10:30', '11:00'), ('11:00', '11:10')]
    """
    if max_window <= timedelta(0):
        raise ValueError("a window must last more than zero")
    windows = []
    cursor = start
    while cursor < end:
        stop = min(cursor + max_window, end)
        windows.append((cursor, stop))
        cursor = stop
    return windows


def reconcile_period(now, days, lag):
    """``(start, end)`` compared by a reconciliation: the last ``days`` days up to ``now - lag``.

    >>> from datetime import datetime
    >>> reconcile_period(datetime(2026, 11, 23, 12, 0), 2, timedelta(seconds=120))
    (datetime.datetime(2026, 11, 21, 11, 58), datetime.datetime(2026, 11, 23, 11, 58))
    """
    if days <= 0:
        raise ValueError("the reconciliation period must last at least one day")
    end = now - lag
    return end - timedelta(days=days), end


def compare_orders(platform_ids, known_ids, recent_ids, later_ids=()):
    """What a reconciliation found, as plain sorted lists.

    - ``missing``: orders the platform lists and we never received (``platform_ids`` minus
      ``known_ids``, all the channel's orders whatever their date);
    - ``extra``: orders we received as updated in the period (``recent_ids``) that the platform
      does not list, leaving out those updated again after the period (``later_ids``: the
      platform lists an order by its last update only).

    >>> compare_orders({"A", "B", "C"}, {"A", "X", "Y"}, {"A", "X", "Y"}, {"Y"})
    {'missing': ['B', 'C'], 'extra': ['X']}
    """
    platform_ids = {str(i) for i in platform_ids}
    missing = sorted(platform_ids - {str(i) for i in known_ids})
    extra = sorted({str(i) for i in recent_ids} - platform_ids - {str(i) for i in later_ids})
    return {"missing": missing, "extra": extra}


def needs_alert(missing_count, extra_count, tolerance):
    """True when a reconciliation must be looked at by someone: more than ``tolerance`` orders
    were missing, or we hold any order the platform does not list.

    >>> needs_alert(5, 0, 5), needs_alert(6, 0, 5), needs_alert(0, 1, 5)
    (False, True, True)
    """
    return missing_count > tolerance or extra_count > 0


def sample(ids, limit=20):
    """The first ``limit`` ids, comma separated, with the count of the others.

    >>> sample(["A", "B", "C"], 2)
    'A, B (+1)'
    """
    ids = list(ids)
    text = ", ".join(str(i) for i in ids[:limit])
    if len(ids) > limit:
        text += f" (+{len(ids) - limit})"
    return text
