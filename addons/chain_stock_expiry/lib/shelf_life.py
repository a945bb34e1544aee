"""Shelf-life arithmetic of lots: stage dates, remaining life, what to do with a lot.

Plain functions with no ORM: the models gather dates and policy thresholds, call
these, and write the results. They are tested without a database.

Conventions shared by every function:

* A *threshold* is remaining life before expiry, given as a ``(value, unit)``
  tuple: unit ``"days"`` (a number of days) or ``"percent"`` (a share of the
  lot's total shelf life). ``None`` or a zero value means "not set".
* Dates are ``datetime.date`` or ``datetime.datetime``; a result built from a
  date keeps its type. When a date meets a datetime, both are compared by date.
* Day counts are floats for lengths (total life, thresholds) and whole ints for
  "days left", which counts calendar days.

Infant formula with a 720-day life, near expiry at 1/3 of life left, last sale
30 days and removal 7 days before expiry:

>>> import datetime
>>> expiry = datetime.date(2027, 12, 22)
>>> dates = stage_dates(expiry, 720, near=(100 / 3, "percent"), last_sale=(30, "days"), removal=(7, "days"))
>>> dates["near"], dates["last_sale"], dates["removal"]
(datetime.date(2027, 4, 26), datetime.date(2027, 11, 22), datetime.date(2027, 12, 15))
>>> stage_on(datetime.date(2027, 12, 1), expiry, dates)
'last_sale'
"""

import datetime

STAGES = ("ok", "near", "last_sale", "removal", "expired")
"""Stages of a lot, in increasing severity."""

UNITS = ("days", "percent")


def _as_date(value):
    """``value`` as a ``date`` (a datetime loses its time; a date is returned as is)."""
    return value.date() if isinstance(value, datetime.datetime) else value


def _comparable(first, second):
    """``(first, second)`` unchanged when of the same kind, else both as dates."""
    if isinstance(first, datetime.datetime) != isinstance(second, datetime.datetime):
        return _as_date(first), _as_date(second)
    return first, second


def threshold_days(value, unit, total_days):
    """Days of remaining life that the threshold ``(value, unit)`` stands for.

    >>> threshold_days(30, "days", 720)
    30.0
    >>> threshold_days(50, "percent", 720)
    360.0
    >>> threshold_days(50, "percent", None) is None
    True

    :param value: number of days or percentage of ``total_days``; ``None`` or 0
        means the threshold is not set, and the unit is then not looked at
    :param str unit: ``"days"`` or ``"percent"``
    :param total_days: total shelf life in days, needed for a percentage
    :return: a float (rounded to 6 decimals so that 2/3 of 720 is 480, not
        480.0000001), or ``None`` when the threshold is not set or when it is a
        percentage of an unknown (falsy) total life
    :raises ValueError: on a negative value or a unit other than ``UNITS``
    """
    if not value:
        return None
    if unit not in UNITS:
        raise ValueError(f"unknown threshold unit {unit!r}, expected one of {UNITS}")
    if value < 0:
        raise ValueError(f"a threshold cannot be negative: {value!r}")
    if unit == "days":
        return float(value)
    if not total_days:
        return None
    return round(total_days * value / 100, 6)


def expiry_from_production(production, shelf_life_days):
    """Expiry date of a lot produced on ``production`` with a life of ``shelf_life_days``.

    >>> expiry_from_production(datetime.date(2026, 1, 1), 720)
    datetime.date(2027, 12, 22)

    :param production: production date (``date`` or ``datetime``)
    :param shelf_life_days: total shelf life in days (0 gives ``production``)
    :return: ``production + shelf_life_days`` days, of the type of ``production``;
        ``None`` when ``production`` is empty or ``shelf_life_days`` is ``None``
    """
    if not production or shelf_life_days is None:
        return None
    return production + datetime.timedelta(days=shelf_life_days)


def total_life_days(production, expiry, default_days=None):
    """Total shelf life of a lot in days.

    >>> total_life_days(datetime.date(2026, 1, 1), datetime.date(2027, 12, 22))
    720.0
    >>> total_life_days(None, datetime.date(2027, 12, 22), 540)
    540

    :param production: production date, or empty when unknown
    :param expiry: expiry date, or empty when unknown; when one of the two is a
        datetime and the other a date, both are taken as dates
    :param default_days: life to use when a date is missing (e.g. the policy's)
    :return: ``expiry - production`` in (possibly fractional) days when both are
        given, else ``default_days``, else ``None`` (a falsy default gives ``None``)
    """
    if production and expiry:
        production, expiry = _comparable(production, expiry)
        return (expiry - production).total_seconds() / 86400
    return default_days or None


def stage_dates(expiry, total_days, near=None, last_sale=None, removal=None):
    """Date on which a lot expiring on ``expiry`` enters each stage.

    :param expiry: expiry date (``date`` or ``datetime``); empty gives all ``None``
    :param total_days: total shelf life, for percentage thresholds
    :param near: threshold ``(value, unit)`` of the "near expiry" stage, or None
    :param last_sale: threshold of the "last sale" stage, or None
    :param removal: threshold of the "removal" stage, or None
    :return: ``{"near": d, "last_sale": d, "removal": d}`` where each ``d`` is
        ``expiry - threshold_days(...)`` (type of ``expiry``), or ``None`` when the
        threshold is not set or is a percentage of an unknown life
    :raises ValueError: as :func:`threshold_days`
    """
    result = {}
    for key, threshold in (("near", near), ("last_sale", last_sale), ("removal", removal)):
        days = threshold_days(threshold[0], threshold[1], total_days) if threshold else None
        result[key] = expiry - datetime.timedelta(days=days) if expiry and days is not None else None
    return result


def stage_on(on, expiry, dates):
    """Stage (one of :data:`STAGES`) of a lot on the date ``on``.

    The most severe stage reached wins: ``"expired"`` from ``expiry`` on, then
    ``"removal"``, ``"last_sale"`` and ``"near"`` from their date in ``dates`` on
    (a stage starts on its date, inclusive), else ``"ok"``.

    :param on: the date (or datetime) to judge on
    :param expiry: expiry date; empty means the lot never expires
    :param dict dates: as returned by :func:`stage_dates`; missing keys and
        ``None`` values are skipped. A date met by a datetime is compared by date.
    :return: a member of :data:`STAGES`
    """
    if expiry and _ge(on, expiry):
        return "expired"
    for key in ("removal", "last_sale", "near"):
        start = dates.get(key)
        if start and _ge(on, start):
            return key
    return "ok"


def _ge(first, second):
    first, second = _comparable(first, second)
    return first >= second


def remaining_life(expiry, on, total_days=None):
    """Remaining life of a lot on the date ``on``.

    >>> remaining_life(datetime.date(2027, 12, 22), datetime.datetime(2027, 12, 12, 18, 30), 720)
    (10, 0.013888888888888888)

    :param expiry: expiry date (``date`` or ``datetime``)
    :param on: the date (or datetime) to count from
    :param total_days: total shelf life, or None when unknown
    :return: ``(days_left, fraction)``: ``days_left`` is the int number of
        calendar days from the date of ``on`` to the date of ``expiry`` (times
        are ignored; negative once expired), ``fraction`` is
        ``days_left / total_days``, not clamped to [0, 1], or ``None`` when
        ``total_days`` is unknown (falsy)
    """
    days_left = (_as_date(expiry) - _as_date(on)).days
    return days_left, (days_left / total_days if total_days else None)


def check_remaining(expiry, on, minimum, total_days):
    """Whether a lot still has ``minimum`` remaining life on the date ``on`` (receipt, transfer gates).

    >>> check_remaining(datetime.date(2027, 12, 22), datetime.date(2026, 8, 29), (200 / 3, "percent"), 720)
    (True, 480, 0.6666666666666666)

    :param minimum: threshold ``(value, unit)``, or None for no requirement
    :return: ``(ok, days_left, fraction)`` with ``days_left`` and ``fraction`` as
        in :func:`remaining_life`; ``ok`` is ``days_left >= threshold_days(minimum)``.
        ``ok`` is True when there is no minimum, and also when it cannot be
        decided (a percentage minimum with an unknown total life): a lot is
        never refused on a rule that cannot be computed.
    :raises ValueError: as :func:`threshold_days`
    """
    days_left, fraction = remaining_life(expiry, on, total_days)
    needed = threshold_days(minimum[0], minimum[1], total_days) if minimum else None
    if needed is None:
        return True, days_left, fraction
    return days_left >= needed, days_left, fraction


def daily_rate(sold_qty, days):
    """Units sold per day over a window of ``days`` days; 0.0 for an empty window.

    >>> daily_rate(28, 14)
    2.0
    """
    return sold_qty / days if days > 0 else 0.0


def suggest_action(quantity, days_to_removal, own_daily_rate, other_rates, accepts_return, transfer_days=2):
    """What a store should do with ``quantity`` units that must leave its shelf within ``days_to_removal`` days.

    Rules, first match wins:

    1. ``days_to_removal <= 0`` (removal date reached): ``("return", None)`` when
       the supplier accepts returns, else ``("scrap", None)``.
    2. The store sells it in time (``own_daily_rate * days_to_removal >= quantity``):
       ``("sell", None)``.
    3. Another store sells, in the days left after the transfer
       (``rate * (days_to_removal - transfer_days)``), a positive quantity at
       least 1.5 times what this store sells by removal: ``("transfer", key)``
       for the fastest such store (highest rate; on a tie, the smallest key).
    4. ``("return", None)`` when the supplier accepts returns, else
       ``("markdown", None)``.

    >>> suggest_action(30, 12, 0.5, {"B": 2, "C": 3}, False)
    ('transfer', 'C')

    :param quantity: units of the lot in this store
    :param days_to_removal: days until the lot's removal date (may be negative)
    :param own_daily_rate: units this store sells per day
    :param dict other_rates: ``{store_key: units sold per day}`` of the other
        stores; keys must be sortable against each other
    :param bool accepts_return: whether the supplier takes the lot back
    :param transfer_days: days the goods spend between stores
    :return: ``(action, target)``, action one of ``"sell"``, ``"transfer"``,
        ``"return"``, ``"markdown"``, ``"scrap"``; target a key of
        ``other_rates`` for a transfer, else None
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
        if capacity > 0 and capacity >= 1.5 * own_capacity and (best is None or other_rates[key] > other_rates[best]):
            best = key
    if best is not None:
        return "transfer", best
    return ("return", None) if accepts_return else ("markdown", None)
