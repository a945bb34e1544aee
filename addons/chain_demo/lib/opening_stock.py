"""Opening stock of the demo chain: which lots each location holds, until when, how many.

Plain functions with no ORM, so that the plan can be read and tested without a
database. Everything is derived from the arguments: the same products,
locations and ``today`` always give the same plan, which makes the demo loader
idempotent and its tests exact.
"""

from collections import namedtuple
from datetime import datetime, timedelta  # noqa: F401 - datetime is used by the doctests

#: A product as the planner sees it. ``shelf_life`` and ``alert_days`` are the
#: product's ``expiration_time`` and ``alert_time`` in days; ``shelf_life`` is 0
#: for a product not tracked by lot.
Product = namedtuple("Product", "key shelf_life alert_days")

#: A location as the planner sees it; a distribution centre holds more and
#: never holds expired goods (they are quarantined before they reach the DC).
Location = namedtuple("Location", "key is_dc")

#: One line of the plan. ``lot_name`` and ``expiration`` are ``None`` for an
#: untracked product.
Line = namedtuple("Line", "location product lot_name expiration quantity")

#: Lot kinds, in the order their letter is given in the lot name.
LOT_KINDS = ("fresh", "older", "near", "expired")


def lot_expirations(product, seq, today):
    """Return ``[(kind, expiration)]`` for the lots of a tracked product.

    Every product has a *fresh* lot (produced 2 to 8 weeks before ``today``) and
    an *older* lot (half-way through its shelf life). Every third product (by
    ``seq``) also has a *near*-expiry lot, expiring in half its alert window, so
    inside it; every fifth an *expired* lot, expired 5 to 25 days ago.

    >>> p = Product("F1", 720, 90)
    >>> [(k, d.date().isoformat()) for k, d in lot_expirations(p, 0, datetime(2026, 1, 1))]
    [('fresh', '2027-12-08'), ('older', '2026-12-27'), ('near', '2026-02-15'), ('expired', '2025-12-27')]

    :param Product product: a product with a positive ``shelf_life``
    :param int seq: the product's position in the catalogue (0-based)
    :param datetime today: the reference date (midnight of the install day)
    """
    if product.shelf_life <= 0:
        raise ValueError(f"product {product.key!r} is not tracked by lot")
    age = 14 + 7 * (seq % 7)
    lots = [
        ("fresh", today + timedelta(days=product.shelf_life - age)),
        ("older", today + timedelta(days=product.shelf_life // 2 - seq % 30)),
    ]
    if seq % 3 == 0:
        lots.append(("near", today + timedelta(days=max(product.alert_days // 2, 1))))
    if seq % 5 == 0:
        lots.append(("expired", today - timedelta(days=5 + 5 * (seq % 5 + seq % 4))))
    return lots


def lot_name(kind, expiration, shelf_life):
    """Name a lot after its production date, as Chinese packs do, plus a line letter.

    >>> lot_name("older", datetime(2026, 12, 27), 720)
    '20250106B'
    """
    produced = expiration - timedelta(days=shelf_life)
    return f"{produced:%Y%m%d}{'ABCD'[LOT_KINDS.index(kind)]}"


def quantity(location, kind, seq, loc_seq):
    """Quantity of one product (one lot of it, if tracked) in one location.

    The DC holds ten times what a store holds of a fresh lot and no expired
    goods; stores hold a few units of an older lot, a near-expiry lot in every
    other store and an expired lot in every third store. ``kind`` is ``None``
    for an untracked product. Returns 0 when the location holds none.

    >>> quantity(Location("DC01", True), "fresh", 0, 0), quantity(Location("SH01", False), "fresh", 0, 0)
    (120, 12)
    >>> quantity(Location("SH01", False), "expired", 0, 1), quantity(Location("SH02", False), "expired", 0, 2)
    (2, 0)
    """
    spread = (seq + loc_seq) % 6
    if location.is_dc:
        return {None: 200 + 20 * spread, "fresh": 120, "older": 60, "near": 24, "expired": 0}[kind]
    if kind in (None, "fresh"):
        return 12 + spread
    if kind == "older":
        return 4 + spread % 3
    if kind == "near":
        return 3 if (seq + loc_seq) % 2 == 0 else 0
    return 2 if (seq + loc_seq) % 3 == 1 else 0


def opening_plan(products, locations, today):
    """Return the opening stock as a list of :data:`Line`, location by location.

    Lines with a zero quantity are left out. Lot names are the same in every
    location (a lot is a production batch delivered to several stores).

    >>> plan = opening_plan([Product("D1", 0, 0)], [Location("SH01", False)], datetime(2026, 1, 1))
    >>> plan
    [Line(location='SH01', product='D1', lot_name=None, expiration=None, quantity=12)]

    :param products: :data:`Product` tuples, in catalogue order
    :param locations: :data:`Location` tuples, in store order
    :param datetime today: the reference date
    """
    lots = {
        product.key: [
            (kind, lot_name(kind, expiration, product.shelf_life), expiration)
            for kind, expiration in lot_expirations(product, seq, today)
        ]
        for seq, product in enumerate(products)
        if product.shelf_life > 0
    }
    plan = []
    for loc_seq, location in enumerate(locations):
        for seq, product in enumerate(products):
            for kind, name, expiration in lots.get(product.key, [(None, None, None)]):
                qty = quantity(location, kind, seq, loc_seq)
                if qty:
                    plan.append(Line(location.key, product.key, name, expiration, qty))
    return plan
