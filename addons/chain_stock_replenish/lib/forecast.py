"""Daily sell-through forecast of a store and the quantity it should ask the DC for.

Plain functions with no ORM: the models read the sales history, the stock and the
settings, call these, and write the results. They are tested without a database.

Conventions shared by every function:

* A *series* is a list of daily quantities sold, oldest first, one item per calendar
  day and no gaps (a day without sales is ``0``). Negative days (returns exceeding
  sales) count as ``0``.
* Weekdays are numbered as ``datetime.date.weekday()``: Monday is 0, Sunday 6.
* Quantities are floats in the product's unit; the quantity to order is a whole
  number of packs.

A store selling 2 tins a day on weekdays and 4 on Saturdays and Sundays, for four
weeks starting on a Monday, is forecast at a little more than 2 for next Monday and a little
less than 4 for next Saturday (four weeks are little evidence: the pattern is shrunk a bit):

>>> week = [2, 2, 2, 2, 2, 4, 4]
>>> daily = forecast_daily(week * 4, start_weekday=0, horizon_days=7)
>>> [round(q, 2) for q in daily]
[2.16, 2.16, 2.17, 2.14, 2.17, 3.69, 3.7]
>>> order_quantity(round(sum(daily) / 7, 6), sellable=10, in_transit=0, lead_time_days=2, review_days=7,
...                safety_days=3, pack_size=6)
24.0
"""

import functools
import math
from collections import namedtuple

MIN_DAYS_FOR_WEEKDAY = 14
"""Below two full weeks of history, weekday factors are all 1 (not enough to tell days apart)."""

MIN_DAYS_FOR_TREND = 21
"""Below three weeks of history, no trend is applied: the forecast is the (weekday) level."""

WEEKDAY_SHRINK = 1.0
"""Weekday factors are shrunk towards 1 as if this many neutral weeks were added (weak evidence stays near 1)."""

OUTLIER_FACTOR = 4.0
"""A day above this many times the median of the selling days is capped to that bound."""

MIN_DAYS_FOR_OUTLIERS = 5
"""Outliers are only looked for when at least this many days sold something."""

TREND_DAMPING = 0.9
"""Per-day damping of the trend: its total effect never exceeds ``slope * 0.9 / 0.1`` (9 days of slope)."""

CAP_REASONS = ("none", "no_demand", "covered", "max", "expiry")
"""Why a proposal is what it is: nothing cut, no demand, stock covers the need, capped by the
maximum of the min/max rule, capped so that it sells before its near-expiry stage."""

Proposal = namedtuple("Proposal", ["qty", "need", "reason"])
Proposal.__doc__ = """What to order: ``qty`` (whole packs), ``need`` (before packs and caps) and the
``reason`` (one of ``CAP_REASONS``) for the quantity."""


def _median(values):
    """Median of a non-empty list of numbers."""
    ordered = sorted(values)
    middle = len(ordered) // 2
    if len(ordered) % 2:
        return float(ordered[middle])
    return (ordered[middle - 1] + ordered[middle]) / 2.0


def clean_series(series):
    """``series`` with negative days set to 0 and outlier days capped.

    A day is an outlier when it sells more than ``OUTLIER_FACTOR`` times the median
    of the days that sold something (a one-off bulk purchase); it is capped to that
    bound. With fewer than ``MIN_DAYS_FOR_OUTLIERS`` selling days nothing is capped:
    there is too little to tell a bulk purchase from normal demand.

    >>> clean_series([2, 3, 2, 40, 2, -1, 3])
    [2.0, 3.0, 2.0, 10.0, 2.0, 0.0, 3.0]
    >>> clean_series([0, 0, 9, 0])
    [0.0, 0.0, 9.0, 0.0]

    :param list series: daily quantities, oldest first
    :return: a new list of floats of the same length
    """
    values = [float(q) if q and q > 0 else 0.0 for q in series]
    selling = [q for q in values if q > 0]
    if len(selling) < MIN_DAYS_FOR_OUTLIERS:
        return values
    bound = OUTLIER_FACTOR * _median(selling)
    return [min(q, bound) for q in values]


def weekday_factors(series, start_weekday):
    """Seven multiplicative factors (Monday first) of each weekday's sales against its week.

    Each day is compared with the centred 7-day average around it (so that a trend does not
    pass for a weekday pattern); a weekday's raw factor is the mean of its ratios. It is then
    shrunk towards 1 as if ``WEEKDAY_SHRINK`` neutral weeks had been added, and the seven are
    rescaled to average 1, so that they move sales between days without changing the total.
    With less than ``MIN_DAYS_FOR_WEEKDAY`` days, or nothing sold, every factor is 1.

    >>> factors = weekday_factors([2, 2, 2, 2, 2, 4, 4] * 4, start_weekday=0)
    >>> [round(f, 3) for f in factors]
    [0.835, 0.835, 0.835, 0.824, 0.835, 1.419, 1.419]
    >>> weekday_factors([1, 2, 3], start_weekday=2)
    [1.0, 1.0, 1.0, 1.0, 1.0, 1.0, 1.0]

    :param list series: cleaned daily quantities, oldest first
    :param int start_weekday: weekday of ``series[0]``
    :return: a list of 7 positive floats averaging 1.0
    """
    if len(series) < MIN_DAYS_FOR_WEEKDAY:
        return [1.0] * 7
    totals = [0.0] * 7
    counts = [0] * 7
    prefix = [0.0]
    for qty in series:
        prefix.append(prefix[-1] + qty)
    for index in range(3, len(series) - 3):
        week_mean = (prefix[index + 4] - prefix[index - 3]) / 7.0
        if week_mean <= 0:
            continue
        weekday = (start_weekday + index) % 7
        totals[weekday] += series[index] / week_mean
        counts[weekday] += 1
    if not any(counts):
        return [1.0] * 7
    factors = []
    for weekday in range(7):
        weeks = counts[weekday]
        raw = totals[weekday] / weeks if weeks else 1.0
        factors.append((raw * weeks + WEEKDAY_SHRINK) / (weeks + WEEKDAY_SHRINK))
    scale = sum(factors) / 7.0
    return [f / scale for f in factors]


@functools.lru_cache(maxsize=64)
def _spread_x(count):
    """Mean and sum of squared deviations of x = 0 .. count - 1 (the same for every series of a length)."""
    mean_x = (count - 1) / 2.0
    return mean_x, sum((x - mean_x) ** 2 for x in range(count))


def _linear_fit(values):
    """``(intercept, slope)`` of the least-squares line through ``values`` at x = 0, 1, 2..."""
    count = len(values)
    mean_x, var_x = _spread_x(count)
    mean_y = sum(values) / count
    if not var_x:
        return mean_y, 0.0
    slope = sum((x - mean_x) * (y - mean_y) for x, y in enumerate(values)) / var_x
    return mean_y - slope * mean_x, slope


def forecast_daily(series, start_weekday, horizon_days=7, damping=TREND_DAMPING):
    """Forecast of the quantity sold on each of the ``horizon_days`` days that follow ``series``.

    Method: clean the series (:func:`clean_series`), remove the weekday pattern
    (:func:`weekday_factors`), fit a straight line to what remains, then project its
    end value with a damped trend (day ``h`` adds ``slope * (d + d^2 + ... + d^h)``)
    and put the weekday pattern back. The days before the first sale do not count (the
    product was not on the shelf yet). With less than ``MIN_DAYS_FOR_TREND`` days the
    trend is left out and the level is the plain mean. A forecast is never negative.

    A product going from 1 to 3 a day over four weeks keeps growing, but less and less:

    >>> growing = [1 + 2 * day / 27 for day in range(28)]
    >>> [round(q, 2) for q in forecast_daily(growing, start_weekday=0, horizon_days=3)]
    [3.07, 3.13, 3.18]
    >>> forecast_daily([], start_weekday=0, horizon_days=2)
    [0.0, 0.0]
    >>> [round(q, 3) for q in forecast_daily([0, 3, 0, 1], start_weekday=0, horizon_days=2)]
    [1.333, 1.333]
    >>> forecast_daily([0] * 28 + [3] * 28, start_weekday=0, horizon_days=1)  # listed four weeks ago
    [3.0]

    :param list series: daily quantities sold, oldest first (may be empty)
    :param int start_weekday: weekday of ``series[0]``
    :param int horizon_days: number of days to forecast, >= 0
    :param float damping: trend damping per day, in [0, 1]: 0 ignores the trend
    :return: a list of ``horizon_days`` floats >= 0
    :raises ValueError: on a negative horizon, a damping out of [0, 1] or a weekday out of 0..6
    """
    if horizon_days < 0:
        raise ValueError(f"the horizon cannot be negative: {horizon_days!r}")
    if not 0 <= damping <= 1:
        raise ValueError(f"the damping must be between 0 and 1: {damping!r}")
    if start_weekday not in range(7):
        raise ValueError(f"a weekday is 0 (Monday) to 6 (Sunday): {start_weekday!r}")
    if not series:
        return [0.0] * horizon_days
    values = clean_series(series)
    first = next((index for index, qty in enumerate(values) if qty > 0), None)
    if first is None:
        return [0.0] * horizon_days
    values = values[first:]
    start_weekday = (start_weekday + first) % 7
    factors = weekday_factors(values, start_weekday)
    count = len(values)
    flat = [q / factors[(start_weekday + i) % 7] for i, q in enumerate(values)]
    if count < MIN_DAYS_FOR_TREND:
        level, slope = sum(flat) / count, 0.0
    else:
        intercept, slope = _linear_fit(flat)
        level = intercept + slope * (count - 1)
    result = []
    damped = 0.0
    for step in range(1, horizon_days + 1):
        damped += damping**step
        weekday = (start_weekday + count - 1 + step) % 7
        result.append(max((level + slope * damped) * factors[weekday], 0.0))
    return result


def average_daily_forecast(series, start_weekday, horizon_days):
    """Mean of :func:`forecast_daily` over the horizon: the sell-through per day to plan with.

    >>> average_daily_forecast([2, 2, 2, 2, 2, 4, 4] * 4, start_weekday=0, horizon_days=7)
    2.598993

    :return: a float >= 0 rounded to 6 decimals; 0.0 for an empty horizon
    """
    if horizon_days <= 0:
        return 0.0
    daily = forecast_daily(series, start_weekday, horizon_days)
    return round(sum(daily) / horizon_days, 6)


def _packs_up(qty, pack):
    return math.ceil(round(qty / pack, 9)) * pack


def _packs_down(qty, pack):
    return math.floor(round(qty / pack, 9)) * pack


def order_proposal(
    forecast_per_day,
    sellable,
    in_transit,
    lead_time_days,
    review_days,
    safety_days,
    pack_size=1,
    min_qty=0.0,
    max_qty=0.0,
    days_to_alert=None,
):
    """What a store should order, with the reason for the quantity (see :func:`order_quantity`).

    The target stock covers the lead time, the review period and the safety days at the
    forecast rate, and is at least ``min_qty`` (the shelf minimum). The need is the target
    minus the stock position (sellable + in transit); it is rounded UP to whole packs, then
    capped:

    * by ``max_qty`` (when set): the stock position after the order never exceeds it;
    * by the expiry cap (when ``days_to_alert`` is given): what is ordered must be sold
      before it reaches its near-expiry stage, so the order is at most
      ``forecast_per_day * days_to_alert - (sellable + in_transit)``, rounded DOWN to the pack.

    A cap rounds DOWN to whole packs and never goes below 0.

    >>> order_proposal(2, sellable=10, in_transit=0, lead_time_days=2, review_days=7, safety_days=3, pack_size=6)
    Proposal(qty=18.0, need=14.0, reason='none')
    >>> order_proposal(2, 10, 0, 2, 7, 3, pack_size=6, max_qty=20)
    Proposal(qty=6.0, need=14.0, reason='max')
    >>> order_proposal(2, 10, 0, 2, 7, 3, pack_size=6, days_to_alert=10)
    Proposal(qty=6.0, need=14.0, reason='expiry')
    >>> order_proposal(2, 30, 0, 2, 7, 3)
    Proposal(qty=0.0, need=0.0, reason='covered')
    >>> order_proposal(0, 0, 0, 2, 7, 3)
    Proposal(qty=0.0, need=0.0, reason='no_demand')

    :param float forecast_per_day: expected sales per day, >= 0
    :param float sellable: sellable stock in the store (negative counts as 0)
    :param float in_transit: quantity already on its way to the store, >= 0
    :param lead_time_days: days from order to shelf, >= 0
    :param review_days: days until the next order, >= 0
    :param safety_days: extra days of cover against forecast errors, >= 0
    :param pack_size: the unit the DC ships (e.g. a case of 6); falsy means 1
    :param min_qty: minimum stock to hold (0: none)
    :param max_qty: maximum stock position (0: none)
    :param days_to_alert: days a fresh unit can be sold before it is near expiry; ``None``:
        the product does not expire, no cap
    :return: a :class:`Proposal`
    :raises ValueError: on a negative forecast, day count, pack, minimum or maximum, or a
        maximum below the minimum
    """
    pack = float(pack_size or 1)
    checks = {
        "forecast_per_day": forecast_per_day,
        "in_transit": in_transit,
        "lead_time_days": lead_time_days,
        "review_days": review_days,
        "safety_days": safety_days,
        "pack_size": pack,
        "min_qty": min_qty or 0.0,
        "max_qty": max_qty or 0.0,
    }
    for name, value in checks.items():
        if value < 0:
            raise ValueError(f"{name} cannot be negative: {value!r}")
    if max_qty and min_qty and max_qty < min_qty:
        raise ValueError(f"the maximum {max_qty!r} is below the minimum {min_qty!r}")
    if days_to_alert is not None and days_to_alert < 0:
        days_to_alert = 0
    position = max(float(sellable or 0.0), 0.0) + float(in_transit or 0.0)
    target = max(forecast_per_day * (lead_time_days + review_days + safety_days), float(min_qty or 0.0))
    if target <= 0:
        return Proposal(0.0, 0.0, "no_demand")
    need = round(max(target - position, 0.0), 6)
    if need <= 0:
        return Proposal(0.0, 0.0, "covered")
    qty = float(_packs_up(need, pack))
    reason = "none"
    if max_qty and position + qty > max_qty:
        qty = float(max(_packs_down(max_qty - position, pack), 0))
        reason = "max"
    if days_to_alert is not None:
        cap = forecast_per_day * days_to_alert - position
        if qty > cap:
            qty = float(max(_packs_down(cap, pack), 0))
            reason = "expiry"
    return Proposal(qty, need, reason)


def order_quantity(
    forecast_per_day,
    sellable,
    in_transit,
    lead_time_days,
    review_days,
    safety_days,
    pack_size=1,
    min_qty=0.0,
    max_qty=0.0,
    days_to_alert=None,
):
    """Quantity a store should order: rounded UP to the pack, CAPPED by its maximum and by expiry.

    Same arguments and rules as :func:`order_proposal`, of which it returns the quantity.

    Formula selling 1 tin a day, 720-day life, near expiry after 480 days: no cap in
    practice; with 5 days left before the alert and 3 tins in store, at most 2 more can
    be sold in time, i.e. 0 cases of 6:

    >>> order_quantity(1, 3, 0, 2, 7, 3, pack_size=6, days_to_alert=480)
    12.0
    >>> order_quantity(1, 3, 0, 2, 7, 3, pack_size=6, days_to_alert=5)
    0.0

    :return: a float, a whole number of packs, >= 0
    """
    return order_proposal(
        forecast_per_day,
        sellable,
        in_transit,
        lead_time_days,
        review_days,
        safety_days,
        pack_size=pack_size,
        min_qty=min_qty,
        max_qty=max_qty,
        days_to_alert=days_to_alert,
    ).qty
