# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""How much stock each channel offers (pure functions, no Odoo)."""

import math


def offered_qty(sellable, share=1.0, buffer=0.0, min_qty=0, max_qty=0):
    """Quantity a channel shows: ``floor(max(0, sellable * share - buffer))``.

    ``min_qty`` is shown only when the stock covers it (never more than the sellable
    quantity); ``max_qty`` caps it (0 = no cap). Never negative, always an integer.
    """
    sellable = max(0.0, float(sellable or 0.0))
    share = min(1.0, max(0.0, float(share if share is not None else 1.0)))
    qty = math.floor(max(0.0, sellable * share - max(0.0, float(buffer or 0.0))) + 1e-9)
    if min_qty and qty < min_qty:
        qty = min(int(min_qty), math.floor(sellable + 1e-9))
    if max_qty and max_qty > 0:
        qty = min(qty, int(max_qty))
    return max(0, int(qty))


def split(sellable, channels):
    """Offered quantity per channel key, the sum never exceeding ``sellable``.

    ``channels`` is a list of ``(key, params)`` where params are the keyword arguments of
    :func:`offered_qty` plus ``exclusive`` (bool) and ``cap`` (the most the channel may see,
    e.g. the sellable stock of its own stores; None = no cap). Exclusive channels take their
    pool first, in order, from what is left; shared channels then each see the rest, and if
    their offers add up to more than the rest they are scaled down (largest remainders first).
    """
    left = math.floor(max(0.0, float(sellable or 0.0)) + 1e-9)
    result = {}
    shared = []
    for key, params in channels:
        params = dict(params)
        cap = params.pop("cap", None)
        if params.pop("exclusive", False):
            qty = min(left, offered_qty(_capped(left, cap), **params))
            result[key] = qty
            left -= qty
        else:
            shared.append((key, cap, params))
    wanted = {key: offered_qty(_capped(left, cap), **params) for key, cap, params in shared}
    total = sum(wanted.values())
    if total <= left:
        result.update(wanted)
        return result
    scaled = {key: qty * left / total for key, qty in wanted.items()}
    floors = {key: math.floor(value) for key, value in scaled.items()}
    rest = left - sum(floors.values())
    for key in sorted(scaled, key=lambda k: floors[k] - scaled[k])[:rest]:
        floors[key] += 1
    result.update(floors)
    return result


def _capped(qty, cap):
    return qty if cap is None else min(qty, max(0.0, float(cap)))


def pool_split(sellable_by_store, channels):
    """The allocation of one product over the channels that offer it.

    ``sellable_by_store`` is ``{store_key: sellable qty}``; ``channels`` a list of
    ``(key, store_keys, pending, params)`` in priority order, where ``pending`` is what the
    channel sold that holds no reservation yet and ``params`` those of :func:`split` (without
    ``cap``). The channels share one pool: the sellable stock of the union of their stores,
    less everything they sold but have not reserved yet. Each channel is also capped by the
    sellable stock of its own stores less its own pending sales. Returns
    ``(pool, {key: allocated})``; the allocations are integers whose sum never exceeds the pool,
    so that what the channels may still sell plus what they sold never exceeds the stock.
    """
    stores = set()
    for _key, store_keys, _pending, _params in channels:
        stores.update(store_keys)
    sellable = sum(max(0.0, float(sellable_by_store.get(store) or 0.0)) for store in stores)
    pending = sum(max(0.0, float(p or 0.0)) for _k, _s, p, _params in channels)
    pool = max(0.0, sellable - pending)
    rows = []
    for key, store_keys, own_pending, params in channels:
        own = sum(max(0.0, float(sellable_by_store.get(store) or 0.0)) for store in set(store_keys))
        rows.append((key, dict(params, cap=max(0.0, own - max(0.0, float(own_pending or 0.0))))))
    return pool, split(pool, rows)


def classify_drift(expected, platform, tolerance=2):
    """Compare the quantities a channel should show with the platform's, per SKU.

    ``expected`` is ``{sku: qty}``, ``platform`` ``{sku: qty}`` as the platform answered (a SKU
    it does not know is absent). Returns ``{"ok": [...], "heal": [...], "alert": [...]}`` of
    ``(sku, expected, platform qty or None)`` sorted by SKU: equal quantities are ok, a
    difference up to ``tolerance`` units is healed by sending the quantity again, a larger one
    or a SKU missing on the platform is also reported to a person (``alert``).
    """
    tolerance = max(0.0, float(tolerance or 0.0))
    result = {"ok": [], "heal": [], "alert": []}
    for sku in sorted(expected, key=str):
        want, got = expected[sku], platform.get(sku)
        if got is None:
            result["alert"].append((sku, want, None))
        elif got == want:
            result["ok"].append((sku, want, got))
        elif abs(got - want) <= tolerance:
            result["heal"].append((sku, want, got))
        else:
            result["alert"].append((sku, want, got))
    return result


def backoff_seconds(attempts, base=30.0, cap=3600.0):
    """Seconds to wait before try number ``attempts + 1``: 30 s, 60 s, 120 s... capped."""
    return min(cap, base * (2 ** max(0, int(attempts) - 1)))
