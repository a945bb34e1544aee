"""Shelf-life arithmetic for lots of baby goods: plain functions, no Odoo.

Thresholds are remaining life before expiry, given as ``(value, unit)`` with
unit ``"days"`` or ``"percent"`` (of the total shelf life). Dates may be
``datetime.date`` or ``datetime.datetime``; results keep the type given.
"""

import datetime

STAGES = ("ok", "near", "last_sale", "removal", "expired")


def threshold_days(value, unit, total_days):
    """Days of remaining life that ``(value, unit)`` means for a life of ``total_days``.

    None when value is empty or, for a percentage, when the total life is unknown.
    Raises ValueError on a negative value or an unknown unit.
    """
    if unit not in ("days", "percent"):
        raise ValueError(f"unknown threshold unit {unit!r}")
    if value is not None and value < 0:
        raise ValueError(f"negative threshold {value!r}")
    if not value:
        return None
    if unit == "days":
        return float(value)
    return total_days * value / 100 if total_days else None


def expiry_from_production(production, shelf_life_days):
    """Expiry = production + shelf life; None when either is missing."""
    if not production or shelf_life_days is None:
        return None
    return production + datetime.timedelta(days=shelf_life_days)


def _as_date(value):
    return value.date() if isinstance(value, datetime.datetime) else value


def total_life_days(production, expiry, default_days=None):
    """Days from production to expiry when both are known, else ``default_days`` (or None)."""
    if production and expiry:
        if isinstance(production, datetime.datetime) != isinstance(expiry, datetime.datetime):
            production, expiry = _as_date(production), _as_date(expiry)
        return (expiry - production).total_seconds() / 86400
    return default_days or None


def stage_dates(expiry, total_days, near=None, last_sale=None, removal=None):
    """``{"near", "last_sale", "removal"}``: the date each stage starts (None when unset)."""
    result = {}
    for key, threshold in (("near", near), ("last_sale", last_sale), ("removal", removal)):
        days = threshold_days(threshold[0], threshold[1], total_days) if threshold else None
        result[key] = expiry - datetime.timedelta(days=days) if (days is not None and expiry) else None
    return result


def stage_on(on, expiry, dates):
    """Stage of a lot on ``on``: the most severe stage whose start date is reached."""
    if expiry and on >= expiry:
        return "expired"
    for key in ("removal", "last_sale", "near"):
        if dates.get(key) and on >= dates[key]:
            return key
    return "ok"


def remaining_life(expiry, on, total_days=None):
    """``(days_left, fraction)``: whole days from ``on``'s date to ``expiry``'s date (may be
    negative) and their share of ``total_days`` (None when unknown; not clamped)."""
    days_left = (_as_date(expiry) - _as_date(on)).days
    return days_left, (days_left / total_days if total_days else None)


def check_remaining(expiry, on, minimum, total_days):
    """``(ok, days_left, fraction)`` of a lot against a minimum remaining life.

    No minimum → ok. A percentage minimum with an unknown total life cannot be
    decided and passes (ok True, fraction None).
    """
    days_left, fraction = remaining_life(expiry, on, total_days)
    if not minimum:
        return True, days_left, fraction
    needed = threshold_days(minimum[0], minimum[1], total_days)
    if needed is None:
        return True, days_left, fraction
    return days_left >= needed, days_left, fraction


def daily_rate(sold_qty, days):
    """Units sold per day; 0 for an empty window."""
    return sold_qty / days if days > 0 else 0.0


def suggest_action(quantity, days_to_removal, own_daily_rate, other_rates, accepts_return, transfer_days=2):
    """What to do with ``quantity`` units that must leave the shelf in ``days_to_removal`` days.

    Returns ``(action, target)``: "return"/"scrap" when already past removal (by whether
    the supplier accepts returns); "sell" when the store sells it in time; "transfer" to
    the store (key of ``other_rates``) with the highest rate when that store sells at least
    50 % more than this one in the time left after the transfer; else "return" when the
    supplier accepts returns, else "markdown".
    """
    if days_to_removal <= 0:
        return ("return", None) if accepts_return else ("scrap", None)
    own_capacity = own_daily_rate * days_to_removal
    if own_capacity >= quantity:
        return "sell", None
    window = days_to_removal - transfer_days
    best = None
    for key in sorted(other_rates):
        capacity = other_rates[key] * window
        faster = capacity > 0 and capacity >= own_capacity * 1.5 and capacity > own_capacity
        if faster and (best is None or other_rates[key] > other_rates[best]):
            best = key
    if best is not None:
        return "transfer", best
    return ("return", None) if accepts_return else ("markdown", None)
