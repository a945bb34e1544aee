"""Store P&L arithmetic: report periods and the figures derived from classified amounts.

No ORM here: the report gathers amounts per store, category and period with SQL and calls these.
"""

import datetime

# Account types of the P&L (Odoo 18 ``account.account.account_type``).
INCOME_TYPES = ("income", "income_other")
EXPENSE_TYPES = ("expense", "expense_depreciation", "expense_direct_cost")
COGS_TYPES = ("expense_direct_cost",)

# Categories of the store P&L, in the order of the report.
CATEGORIES = ("sales", "cogs", "shrinkage", "expenses", "commission")
# Report periods: month to date and year to date, and the same periods a year earlier.
PERIODS = ("month", "month_py", "ytd", "ytd_py")


def _year_back(day):
    """The same day a year earlier (28 February for a 29 February)."""
    try:
        return day.replace(year=day.year - 1)
    except ValueError:
        return day.replace(year=day.year - 1, day=28)


def periods(date_to):
    """``{period: (date_from, date_to)}`` for the report ending on ``date_to``.

    >>> p = periods(datetime.date(2026, 3, 15))
    >>> p["month"], p["ytd_py"]
    ((datetime.date(2026, 3, 1), datetime.date(2026, 3, 15)), (datetime.date(2025, 1, 1), datetime.date(2025, 3, 15)))
    """
    if isinstance(date_to, datetime.datetime):
        date_to = date_to.date()
    previous = _year_back(date_to)
    return {
        "month": (date_to.replace(day=1), date_to),
        "month_py": (previous.replace(day=1), previous),
        "ytd": (date_to.replace(month=1, day=1), date_to),
        "ytd_py": (previous.replace(month=1, day=1), previous),
    }


def figures(amounts):
    """The P&L figures of a store for a period from its amounts per category.

    ``amounts`` maps categories to amounts signed as they read: sales positive, costs positive.
    Returns every category plus ``gross_margin`` (sales - cost of goods), ``margin_pct`` (gross
    margin in % of sales, 0 without sales) and ``contribution`` (gross margin - write-offs -
    expenses - commission).

    >>> f = figures({"sales": 1000.0, "cogs": 600.0, "shrinkage": 20.0, "expenses": 150.0, "commission": 30.0})
    >>> f["gross_margin"], f["margin_pct"], f["contribution"]
    (400.0, 40.0, 200.0)
    """
    result = {category: float(amounts.get(category) or 0.0) for category in CATEGORIES}
    result["gross_margin"] = result["sales"] - result["cogs"]
    result["margin_pct"] = round(100.0 * result["gross_margin"] / result["sales"], 2) if result["sales"] else 0.0
    result["contribution"] = result["gross_margin"] - result["shrinkage"] - result["expenses"] - result["commission"]
    return result


def signed(category, balance):
    """A journal item's balance (debit - credit) as the P&L reads it: sales positive when credited,
    costs positive when debited.

    >>> signed("sales", -100.0), signed("cogs", 60.0)
    (100.0, 60.0)
    """
    return -balance if category == "sales" else balance


def change_pct(current, previous):
    """Change in % from ``previous`` to ``current`` (``None`` when there was nothing before).

    >>> change_pct(110.0, 100.0), change_pct(5.0, 0.0)
    (10.0, None)
    """
    if not previous:
        return None
    return round(100.0 * (current - previous) / abs(previous), 2)
