"""Target achievement of stores, without the ORM: plain numbers in, rows out.

The dashboard gathers, per store, the month's figures to date and the store's targets; these
functions turn them into the rows and totals it shows. An achievement is ``None`` where there
is no target (nothing to achieve), never a division by zero.
"""

FIGURES = ("sales", "members", "formula_sales")
TARGETS = ("sales_target", "members_target", "formula_share_target")


def percent(value, target):
    """``value`` as a percentage of ``target``, rounded to 0.1; ``None`` without a target.

    >>> percent(50, 200)
    25.0
    >>> percent(1, 3)
    33.3
    >>> percent(10, 0) is None
    True
    """
    if not target:
        return None
    return round(value * 100.0 / target, 1)


def share(part, whole):
    """``part`` as a percentage of ``whole`` (0 when nothing was sold), rounded to 0.1.

    >>> share(30, 120)
    25.0
    >>> share(0, 0)
    0.0
    """
    return round(part * 100.0 / whole, 1) if whole else 0.0


def store_target(own, employees):
    """The target of a store for one figure: its own (a target row without employee) when it has
    one, else the sum of its employees' targets.

    >>> store_target(1000.0, [300.0, 400.0])
    1000.0
    >>> store_target(None, [300.0, 400.0])
    700.0
    >>> store_target(None, [])
    0.0
    """
    if own is not None:
        return own
    return float(sum(employees))


def row(figures, targets):
    """One store's row: ``figures`` ``{sales, members, formula_sales}`` of the month to date and
    ``targets`` ``{sales_target, members_target, formula_share_target}`` (0 = none).

    >>> r = row({"sales": 500.0, "members": 3, "formula_sales": 200.0},
    ...         {"sales_target": 2000.0, "members_target": 10, "formula_share_target": 50.0})
    >>> (r["sales_achievement"], r["members_achievement"], r["formula_share"], r["formula_share_achievement"])
    (25.0, 30.0, 40.0, 80.0)
    """
    sales = round(figures.get("sales") or 0.0, 2)
    members = int(figures.get("members") or 0)
    formula_share = share(figures.get("formula_sales") or 0.0, sales)
    sales_target = round(targets.get("sales_target") or 0.0, 2)
    members_target = int(targets.get("members_target") or 0)
    formula_target = round(targets.get("formula_share_target") or 0.0, 1)
    return {
        "sales": sales,
        "sales_target": sales_target,
        "sales_achievement": percent(sales, sales_target),
        "members": members,
        "members_target": members_target,
        "members_achievement": percent(members, members_target),
        "formula_share": formula_share,
        "formula_share_target": formula_target,
        "formula_share_achievement": percent(formula_share, formula_target),
    }


def totals(rows, formula_sales):
    """The scope's totals of ``rows``; ``formula_sales`` is the scope's formula sales (the
    share of the scope is not the mean of the stores' shares); the formula share target of the
    scope is :func:`weighted_target`.

    >>> rows = [row({"sales": 600.0, "members": 2, "formula_sales": 300.0},
    ...             {"sales_target": 1000.0, "members_target": 4, "formula_share_target": 60.0}),
    ...         row({"sales": 400.0, "members": 0, "formula_sales": 100.0},
    ...             {"sales_target": 1000.0, "members_target": 0, "formula_share_target": 40.0})]
    >>> t = totals(rows, 400.0)
    >>> (t["sales_achievement"], t["members_achievement"], t["formula_share"], t["formula_share_target"])
    (50.0, 50.0, 40.0, 50.0)
    """
    return row(
        {"sales": sum(r["sales"] for r in rows), "members": sum(r["members"] for r in rows),
         "formula_sales": formula_sales},
        {"sales_target": sum(r["sales_target"] for r in rows),
         "members_target": sum(r["members_target"] for r in rows), "formula_share_target": weighted_target(rows)},
    )  # fmt: skip


def weighted_target(rows):
    """The formula share target of several stores: the mean of the stores' targets weighted by
    their sales targets (a plain mean when one of them has no sales target); 0 without any.

    >>> weighted_target([{"formula_share_target": 60.0, "sales_target": 3000.0},
    ...                  {"formula_share_target": 40.0, "sales_target": 1000.0},
    ...                  {"formula_share_target": 0.0, "sales_target": 5000.0}])
    55.0
    >>> weighted_target([{"formula_share_target": 60.0, "sales_target": 0.0},
    ...                  {"formula_share_target": 40.0, "sales_target": 1000.0}])
    50.0
    """
    with_target = [r for r in rows if r["formula_share_target"]]
    if not with_target:
        return 0.0
    if all(r["sales_target"] for r in with_target):
        weight = sum(r["sales_target"] for r in with_target)
        return round(sum(r["sales_target"] * r["formula_share_target"] for r in with_target) / weight, 1)
    return round(sum(r["formula_share_target"] for r in with_target) / len(with_target), 1)
