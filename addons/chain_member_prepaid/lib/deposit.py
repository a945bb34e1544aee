"""Formula deposits and service count cards: the arithmetic, without the ORM.

Amounts are in the currency's units and rounded to ``digits`` decimals (2 for CNY).
"""

import calendar
import datetime


def add_months(date, months):
    """``date`` moved ``months`` calendar months later, on the same day or the month's last.

    >>> add_months(datetime.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> add_months(datetime.date(2026, 12, 7), 12)
    datetime.date(2027, 12, 7)
    """
    index = date.month - 1 + months
    year, month = date.year + index // 12, index % 12 + 1
    return datetime.date(year, month, min(date.day, calendar.monthrange(year, month)[1]))


def unit_price(amount, qty, digits=2):
    """The price of one unit of a line worth ``amount`` for ``qty`` units (0 when ``qty`` is 0)."""
    return round(amount / qty, digits) if qty else 0.0


def use_prices(card_price, uses_total, uses_left, uses=1, digits=2):
    """The prices of the next ``uses`` uses of a card bought for ``card_price`` with ``uses_total`` uses.

    Each use is worth the card's price divided by its uses, rounded; the last use takes the
    rounding rest, so that the uses of a card add up to its price exactly.

    >>> use_prices(100.0, 3, 3)
    [33.33]
    >>> use_prices(100.0, 3, 1)
    [33.34]
    >>> sum(use_prices(100.0, 3, 3, uses=3))
    100.0
    """
    if not 0 < uses <= uses_left <= uses_total:
        raise ValueError("a card has fewer uses left than asked")
    each = round(card_price / uses_total, digits)
    prices = []
    for left in range(uses_left, uses_left - uses, -1):
        prices.append(round(card_price - each * (uses_total - 1), digits) if left == 1 else each)
    return prices


def same_amount(first, second, digits=2):
    """Whether two amounts are equal to the currency's precision."""
    return round(first - second, digits) == 0
