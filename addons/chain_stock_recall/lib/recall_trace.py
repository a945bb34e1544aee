"""Arithmetic of a recall trace: per-store totals, customers to contact, completeness.

Plain functions with no ORM: ``chain.recall`` gathers rows with SQL, calls
:func:`summarize`, and writes the result. Tested without a database.

Row shapes (dicts, as ``cursor.dictfetchall()`` returns them):

* stock rows: ``store_id`` (or ``None`` outside a store), ``quantity``, ``in_quarantine``;
* POS rows, one per original order and lot, refunds already netted in:
  ``pos_order_id``, ``partner_id`` (``None`` for an anonymous till sale), ``store_id``,
  ``lot_id``, ``quantity``, ``date``;
* sale rows, one per sale order (or delivery) and lot, returns netted in:
  ``sale_order_id``, ``picking_id``, ``partner_id``, ``store_id``, ``lot_id``, ``quantity``,
  ``date``.

A sale with nothing left after its refunds or returns (quantity <= 0) is ignored: the goods
are back. A till sale without a customer cannot be traced to a person; it is counted, per
store, as anonymous.

>>> summary = summarize(
...     stock=[{"store_id": 1, "quantity": 5.0, "in_quarantine": True}],
...     pos=[
...         {"pos_order_id": 10, "partner_id": 7, "store_id": 1, "lot_id": 3, "quantity": 2.0, "date": None},
...         {"pos_order_id": 11, "partner_id": None, "store_id": 1, "lot_id": 3, "quantity": 1.0, "date": None},
...         {"pos_order_id": 12, "partner_id": 8, "store_id": 2, "lot_id": 3, "quantity": 0.0, "date": None},
...     ],
...     sales=[],
... )
>>> summary["stores"][1]
{'on_hand_qty': 5.0, 'quarantined_qty': 5.0, 'sold_qty': 3.0, 'anonymous_qty': 1.0, 'anonymous_order_count': 1}
>>> [(c["source"], c["partner_id"], c["quantity"]) for c in summary["customers"]]
[('pos', 7, 2.0)]
>>> summary["sold_qty"], summary["traced_qty"], summary["anonymous_qty"], round(summary["traced_ratio"], 1)
(3.0, 2.0, 1.0, 66.7)
"""

CUSTOMER_KEYS = ("partner_id", "store_id", "lot_id", "quantity", "date")


def _store_totals():
    return {"on_hand_qty": 0.0, "quarantined_qty": 0.0, "sold_qty": 0.0, "anonymous_qty": 0.0,
            "anonymous_order_count": 0}  # fmt: skip


def summarize(stock, pos, sales):
    """Totals of a trace.

    Returns a dict:

    * ``stores``: ``{store_id: {on_hand_qty, quarantined_qty, sold_qty, anonymous_qty,
      anonymous_order_count}}`` for every store that holds or sold the lots (rows without a
      store count only in the chain totals);
    * ``customers``: one dict per traced buyer and order and lot, with ``source`` (``"pos"`` or
      ``"sale"``), ``pos_order_id`` / ``sale_order_id`` / ``picking_id`` and ``partner_id``,
      ``store_id``, ``lot_id``, ``quantity``, ``date``;
    * ``stock_qty``, ``sold_qty``, ``traced_qty`` (sold to a known customer),
      ``anonymous_qty`` (``sold_qty - traced_qty``) and ``traced_ratio`` (percent of the sold
      quantity traced to a known customer; 100 when nothing was sold).
    """
    stores = {}
    customers = []
    stock_qty = sold_qty = traced_qty = 0.0

    def totals(store_id):
        return stores.setdefault(store_id, _store_totals()) if store_id else None

    for row in stock:
        quantity = row["quantity"] or 0.0
        stock_qty += quantity
        store = totals(row["store_id"])
        if store:
            store["on_hand_qty"] += quantity
            if row.get("in_quarantine"):
                store["quarantined_qty"] += quantity
    anonymous_orders = {}
    for source, rows in (("pos", pos), ("sale", sales)):
        for row in rows:
            quantity = row["quantity"] or 0.0
            if quantity <= 0:
                continue
            sold_qty += quantity
            store = totals(row["store_id"])
            if store:
                store["sold_qty"] += quantity
            if row["partner_id"]:
                traced_qty += quantity
                vals = {key: row[key] for key in CUSTOMER_KEYS}
                vals["quantity"] = quantity
                vals["source"] = source
                if source == "pos":
                    vals["pos_order_id"] = row["pos_order_id"]
                else:
                    vals["sale_order_id"] = row["sale_order_id"]
                    vals["picking_id"] = row["picking_id"]
                customers.append(vals)
            elif store:
                store["anonymous_qty"] += quantity
                if source == "pos":
                    anonymous_orders.setdefault(row["store_id"], set()).add(row["pos_order_id"])
    for store_id, orders in anonymous_orders.items():
        stores[store_id]["anonymous_order_count"] = len(orders)
    return {
        "stores": stores,
        "customers": customers,
        "stock_qty": stock_qty,
        "sold_qty": sold_qty,
        "traced_qty": traced_qty,
        "anonymous_qty": sold_qty - traced_qty,
        "traced_ratio": 100.0 * traced_qty / sold_qty if sold_qty else 100.0,
    }
