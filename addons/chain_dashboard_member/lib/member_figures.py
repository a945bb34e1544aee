"""The member figures of the dashboard, as pure functions: no ORM, no database.

The models count (``_read_group``) and hand plain dicts here; the rows the client shows come
back. Tested without a database (``tests/test_lib_member_figures.py``).
"""

from datetime import timedelta

# a member is active who bought within this many days, today included
ACTIVE_DAYS = 90
KINDS = ("sales", "new", "active", "followups", "purchased")


def active_since(today, days=ACTIVE_DAYS):
    """The first day of the ``days`` days that end ``today`` (included).

    >>> from datetime import date
    >>> active_since(date(2026, 3, 31))
    datetime.date(2026, 1, 1)
    >>> active_since(date(2026, 3, 31), days=1)
    datetime.date(2026, 3, 31)
    """
    if days < 1:
        raise ValueError("at least one day")
    return today - timedelta(days=days - 1)


def percent(part, whole):
    """``part`` as a percentage of ``whole``; None when ``whole`` is nothing (no figure,
    rather than a misleading 0 %).

    >>> percent(1, 4), percent(0, 4), percent(3, 0)
    (25.0, 0.0, None)
    """
    if not whole:
        return None
    return part * 100.0 / whole


def figures(member_sales, sales, new, active, followups):
    """The member figures of one store (or of the scope): ``member_sales`` and ``sales``
    (amounts), ``new`` and ``active`` (member counts), ``followups`` (``{outcome: count}``,
    outcome ``False`` for a follow-up not done yet).

    >>> row = figures(60.0, 200.0, 3, 7, {False: 2, "reached": 2, "not_reached": 1, "purchased": 1})
    >>> row["member_share"], row["followups"], row["followups_done"], row["followups_purchased"]
    (30.0, 6, 4, 1)
    >>> row["followup_conversion"], row["new"], row["active"]
    (25.0, 3, 7)
    >>> figures(0.0, 0.0, 0, 0, {})["followup_conversion"] is None
    True
    """
    done = sum(count for outcome, count in followups.items() if outcome)
    purchased = followups.get("purchased", 0)
    return {
        "member_sales": member_sales,
        "member_share": percent(member_sales, sales),
        "new": new,
        "active": active,
        "followups": sum(followups.values()),
        "followups_done": done,
        "followups_purchased": purchased,
        "followup_conversion": percent(purchased, done),
    }


def store_rows(stores, sales, new, active, followups):
    """One row of figures per store of ``stores`` (``[(id, code, name)]``), ordered by code,
    and the totals of the scope. ``sales`` is ``{store id: (member sales, sales)}``, ``new``
    and ``active`` ``{store id: count}``, ``followups`` ``{store id: {outcome: count}}``; a
    store missing from them has zeros.

    >>> rows, total = store_rows(
    ...     [(2, "B", "Store B"), (1, "A", "Store A")],
    ...     {1: (50.0, 100.0)},
    ...     {1: 2, 2: 1},
    ...     {2: 4},
    ...     {1: {"purchased": 1, "reached": 1}, 2: {False: 3}},
    ... )
    >>> [(r["code"], r["member_share"], r["new"], r["active"], r["followup_conversion"]) for r in rows]
    [('A', 50.0, 2, 0, 50.0), ('B', None, 1, 4, None)]
    >>> total["member_share"], total["new"], total["active"], total["followups"], total["followup_conversion"]
    (50.0, 3, 4, 5, 50.0)
    """
    rows = []
    sums = {"member_sales": 0.0, "sales": 0.0, "new": 0, "active": 0, "followups": {}}
    for store_id, code, name in sorted(stores, key=lambda store: (store[1] or "", store[0])):
        member_sales, store_sales = sales.get(store_id, (0.0, 0.0))
        store_followups = followups.get(store_id, {})
        rows.append(
            {
                "store_id": store_id,
                "code": code,
                "name": name,
                **figures(member_sales, store_sales, new.get(store_id, 0), active.get(store_id, 0), store_followups),
            }
        )
        sums["member_sales"] += member_sales
        sums["sales"] += store_sales
        sums["new"] += new.get(store_id, 0)
        sums["active"] += active.get(store_id, 0)
        for outcome, count in store_followups.items():
            sums["followups"][outcome] = sums["followups"].get(outcome, 0) + count
    total = figures(sums["member_sales"], sums["sales"], sums["new"], sums["active"], sums["followups"])
    return rows, total
