"""Count variance rules (pure Python, no Odoo): when does a line need a recount (复盘)."""

EPSILON = 1e-9


def variance(expected, counted):
    """Counted minus expected: positive = more found than the system said (a gain)."""
    return (counted or 0.0) - (expected or 0.0)


def needs_recount(expected, counted, unit_value=0.0, max_qty=0.0, max_percent=0.0, max_value=0.0):
    """True when the variance of a line exceeds one of the thresholds that are set.

    :param expected: quantity the system had when the count started.
    :param counted: quantity the counter found.
    :param unit_value: cost of one unit (standard price), for the value threshold.
    :param max_qty: largest variance accepted without a recount, in units (0 = not used).
    :param max_percent: largest variance accepted, in % of the expected quantity (0 = not used);
        any variance on a line expected at zero exceeds it.
    :param max_value: largest variance accepted, in value (0 = not used).

    Thresholds are alternatives: exceeding any one of them requires a recount. A variance equal
    to a threshold is accepted. No threshold set: no recount.

    >>> needs_recount(10, 7, max_qty=2)
    True
    >>> needs_recount(10, 8, max_qty=2)
    False
    >>> needs_recount(100, 94, max_percent=5)
    True
    >>> needs_recount(0, 1, max_percent=50)
    True
    >>> needs_recount(10, 9, unit_value=150, max_qty=2, max_value=100)
    True
    >>> needs_recount(10, 3)
    False
    """
    diff = abs(variance(expected, counted))
    if diff <= EPSILON:
        return False
    if max_qty > 0 and diff > max_qty + EPSILON:
        return True
    if max_percent > 0 and (abs(expected or 0.0) <= EPSILON or diff * 100.0 / abs(expected) > max_percent + EPSILON):
        return True
    return bool(max_value > 0 and diff * abs(unit_value or 0.0) > max_value + EPSILON)
