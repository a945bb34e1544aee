"""Made-up figures of the sample "Chain KPIs" dashboard (no Odoo, no ORM).

The Dashboards app shows the sample while the user's stores have no sales summary yet: the
same layout as the real dashboard (``dashboard_snapshot.build(sample=True)``), these
numbers instead of pivots. Names are ``=_t("…")`` formulas, so they are translated too.
"""

# current and previous period of the KPI measures
KPIS = {
    "sales": (1286540, 1190320),
    "sales_untaxed": (1138531, 1053381),
    "margin": (364330, 331020),
    "units": (9870, 9312),
    "tickets": (4380, 4215),
    "member_sales": (862180, 771540),
}
STORES = [f'=_t("Store")&" {i + 1:02d}"' for i in range(8)]
CATEGS = [
    f'=_t("{name}")'
    for name in ("Infant Formula", "Diapers", "Baby Food", "Wipes", "Toiletries", "Supplements", "Bottles", "Toys")
]
# measure -> figure of line i (0-based)
RANKING = {
    "sales": lambda i: 268000 - 24000 * i,
    "tickets": lambda i: 900 - 70 * i,
    "margin": lambda i: (268000 - 24000 * i) * (0.31 - 0.01 * (i % 3)) / 1.13,
    "sales_untaxed": lambda i: (268000 - 24000 * i) / 1.13,
}
CATEGORIES = {
    "sales": lambda i: 462000 / (i + 1),
    "margin": lambda i: 462000 / (i + 1) * (0.22 + 0.03 * i) / 1.13,
    "sales_untaxed": lambda i: 462000 / (i + 1) / 1.13,
    "units": lambda i: 1300 + 420 * i,
}
STOCK = {
    "value": lambda i: 520000 - 31000 * i,
    "slow_movers": lambda i: 12 + (i * 5) % 9,
    "stockouts": lambda i: 3 + (i * 3) % 5,
    "expiry_0_7_value": lambda i: 1800 + 350 * (i % 4),
    "expiry_8_30_value": lambda i: 6400 + 900 * (i % 3),
}


def daily_sales(day):
    """Sales of day ``day`` (0 = 29 days ago) of the last 30 days: a weekly rhythm.

    >>> [daily_sales(day) for day in (0, 5, 6)]
    [38000, 47000, 57400]
    """
    return 38000 + 5200 * ((day * 7) % 5) + (9000 if day % 7 in (5, 6) else 0)


def lines(names, figures):
    """``value(measure, position)`` of made-up ranking lines: ``names[i]`` labels line i+1
    (``measure`` None), ``figures[measure](i)`` is its figure, position None the total; None
    past the last line.

    >>> value = lines(["a", "b"], {"sales": lambda i: 10 * (i + 1)})
    >>> value(None, 2), value("sales", 2), value("sales", None), value("sales", 3)
    ('b', 20, 30, None)
    """

    def value(measure, position):
        if position is not None and position > len(names):
            return None
        if measure is None:
            return names[position - 1]
        if position is None:
            return round(sum(figures[measure](i) for i in range(len(names))), 2)
        return round(figures[measure](position - 1), 2)

    return value
