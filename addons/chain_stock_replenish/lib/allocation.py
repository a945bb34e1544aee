"""Fair allocation of a distribution centre's short stock among the stores that ask for it (配货).

Plain functions with no ORM: the allocation model gathers the requests and the DC's
sellable stock, calls :func:`allocate` per product, and writes the results.

Conventions:

* A *demand* is a :class:`Demand`: ``key`` (anything hashable and orderable, e.g. a
  request id; ties are broken by it, smallest first), ``requested`` quantity (> 0),
  store ``priority`` (higher is served first under the ``priority`` rule) and the
  store's ``minimum`` (served first under the ``min_first`` rule).
* When the DC has enough for every demand, each gets exactly what it asked. When it is
  short, quantities are whole packs: a store never gets more than it asked, nor more
  than the whole packs inside what it asked, and the total never exceeds what is
  available.
* The result maps each key to an :class:`Allocation` ``(qty, reason)``; ``reason`` is
  one of ``REASONS``.

Three stores ask 60, 30 and 12 tins (cases of 6) of a formula the DC has 48 of:

>>> demands = [Demand("A", 60), Demand("B", 30), Demand("C", 12)]
>>> allocate(48, demands, pack_size=6)
{'A': Allocation(qty=30.0, reason='proportional'), 'B': Allocation(qty=12.0, reason='proportional'), \
'C': Allocation(qty=6.0, reason='proportional')}
"""

import math
from collections import namedtuple

RULES = ("proportional", "priority", "min_first")
"""How a shortage is shared: in proportion to what each store asked; by store priority
(highest first, stores of equal priority share proportionally); or each store up to its
minimum first, then the rest in proportion to what remains asked."""

REASONS = ("full", "no_stock") + RULES
"""``full``: served in full; ``no_stock``: the DC has nothing to share; otherwise the rule that cut it."""

Demand = namedtuple("Demand", ["key", "requested", "priority", "minimum"], defaults=(0, 0.0))
Demand.__doc__ = "A store's demand for one product: ``key``, ``requested``, ``priority`` (default 0), ``minimum``."

Allocation = namedtuple("Allocation", ["qty", "reason"])
Allocation.__doc__ = "What a demand gets (``qty``) and why it is cut (``reason``, one of ``REASONS``)."


def _whole(value):
    """``value`` rounded down to an integer, tolerant of float noise (2.9999999 -> 3)."""
    return math.floor(round(value, 9))


def share_proportionally(total, weights):
    """Split ``total`` whole units in proportion to ``weights``, each part at most its weight.

    Largest remainder method: each part gets the floor of its exact share, and the units
    left go one by one to the largest remainders (ties: the earliest in ``weights``).
    When ``total`` covers the sum of the weights, every part is its weight.

    >>> share_proportionally(7, [10, 5, 5])
    [3, 2, 2]
    >>> share_proportionally(2, [1, 1, 1])
    [1, 1, 0]
    >>> share_proportionally(9, [2, 3])
    [2, 3]

    :param int total: units to share, >= 0
    :param list weights: whole numbers >= 0
    :return: a list of ints, one per weight, summing to ``min(total, sum(weights))``
    """
    weight_sum = sum(weights)
    if total >= weight_sum:
        return list(weights)
    if total <= 0 or weight_sum <= 0:
        return [0] * len(weights)
    exact = [total * w / weight_sum for w in weights]
    parts = [min(_whole(q), w) for q, w in zip(exact, weights, strict=True)]
    left = total - sum(parts)
    order = sorted(range(len(weights)), key=lambda i: (-(exact[i] - parts[i]), i))
    for index in order:
        if left <= 0:
            break
        if parts[index] < weights[index]:
            parts[index] += 1
            left -= 1
    return parts


def _by_priority(total, wanted, priorities):
    """Serve groups of equal priority, highest first; the group where stock runs out shares it."""
    parts = [0] * len(wanted)
    for level in sorted(set(priorities), reverse=True):
        members = [i for i, p in enumerate(priorities) if p == level]
        shares = share_proportionally(total, [wanted[i] for i in members])
        for index, share in zip(members, shares, strict=True):
            parts[index] = share
        total -= sum(shares)
    return parts


def allocate(available, demands, rule="proportional", pack_size=1):
    """Share ``available`` units among ``demands`` according to ``rule``.

    See the module docstring for the conventions. Demands are handled in ``key`` order,
    so the result never depends on the order they are given in.

    >>> allocate(100, [Demand(2, 40), Demand(1, 20)])
    {1: Allocation(qty=20.0, reason='full'), 2: Allocation(qty=40.0, reason='full')}
    >>> allocate(0, [Demand(1, 20)])
    {1: Allocation(qty=0.0, reason='no_stock')}
    >>> allocate(30, [Demand("A", 24, priority=1), Demand("B", 24, priority=5)], rule="priority", pack_size=6)
    {'A': Allocation(qty=6.0, reason='priority'), 'B': Allocation(qty=24.0, reason='full')}
    >>> allocate(30, [Demand("A", 36, minimum=6), Demand("B", 12, minimum=12)], rule="min_first", pack_size=6)
    {'A': Allocation(qty=18.0, reason='min_first'), 'B': Allocation(qty=12.0, reason='full')}

    :param float available: units the DC can ship (negative counts as 0)
    :param list demands: :class:`Demand` items with distinct keys
    :param str rule: one of ``RULES``
    :param pack_size: units per pack shipped in a shortage; falsy means 1
    :return: ``{key: Allocation}`` for every demand
    :raises ValueError: on an unknown rule, a negative pack or request, or duplicate keys
    """
    if rule not in RULES:
        raise ValueError(f"unknown allocation rule {rule!r}, expected one of {RULES}")
    pack = float(pack_size or 1)
    if pack < 0:
        raise ValueError(f"the pack size cannot be negative: {pack_size!r}")
    ordered = sorted(demands, key=lambda d: d.key)
    if len({d.key for d in ordered}) != len(ordered):
        raise ValueError("each demand needs its own key")
    if any(d.requested < 0 for d in ordered):
        raise ValueError("a requested quantity cannot be negative")
    available = max(float(available or 0.0), 0.0)
    if round(sum(d.requested for d in ordered) - available, 9) <= 0:
        return {d.key: Allocation(float(d.requested), "full") for d in ordered}
    if available <= 0:
        return {d.key: Allocation(0.0, "no_stock" if d.requested else "full") for d in ordered}
    total = _whole(available / pack)
    wanted = [_whole(d.requested / pack) for d in ordered]
    if rule == "priority":
        parts = _by_priority(total, wanted, [d.priority for d in ordered])
    elif rule == "min_first":
        floors = [min(_whole(max(d.minimum, 0.0) / pack), w) for d, w in zip(ordered, wanted, strict=True)]
        parts = share_proportionally(total, floors)
        rest = share_proportionally(total - sum(parts), [w - p for w, p in zip(wanted, parts, strict=True)])
        parts = [p + r for p, r in zip(parts, rest, strict=True)]
    else:
        parts = share_proportionally(total, wanted)
    result = {}
    for demand, part in zip(ordered, parts, strict=True):
        qty = part * pack
        reason = "full" if round(qty - demand.requested, 9) >= 0 else rule
        result[demand.key] = Allocation(float(qty), reason)
    return result
