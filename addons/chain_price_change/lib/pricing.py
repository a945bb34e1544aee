"""Price arithmetic of a price change (调价), without the ORM.

Prices are plain floats in the company currency; ``None`` or ``0`` for an unknown reference
price means "no reference": the functions then return ``0.0`` rather than dividing by zero.
"""


def change_percent(old_price, new_price):
    """Change from ``old_price`` to ``new_price`` in percent of the old price.

    >>> change_percent(200.0, 180.0)
    -10.0
    >>> change_percent(0.0, 50.0)
    0.0
    """
    if not old_price:
        return 0.0
    return (new_price - old_price) / old_price * 100.0


def margin_percent(price, cost):
    """Gross margin (毛利) of selling at ``price`` what costs ``cost``, in percent of the price.

    Negative when the price is below the cost; ``0.0`` for a price of zero.

    >>> margin_percent(200.0, 150.0)
    25.0
    >>> margin_percent(100.0, 120.0)
    -20.0
    """
    if not price:
        return 0.0
    return (price - (cost or 0.0)) / price * 100.0


def apply_percent(price, percent, step=0.01):
    """``price`` raised (or lowered, for a negative ``percent``) by ``percent``, rounded to the
    nearest multiple of ``step`` (0.01 for cents, 1.0 for whole yuan, 0.1 for jiao).

    >>> apply_percent(199.0, -10)
    179.1
    >>> apply_percent(199.0, -10, step=1.0)
    179.0
    """
    if step <= 0:
        raise ValueError("step must be positive")
    value = price * (1.0 + percent / 100.0)
    return round(round(value / step) * step, 6)
