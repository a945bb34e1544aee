"""The 进销存 (purchase-sales-inventory) ledger: one aggregate SQL query.

Contract
--------
``ledger_query(store_ids, start, end, by_lot=False)`` returns an ``odoo.tools.SQL`` SELECT with one
row per store and product (and lot when ``by_lot``) that has stock at ``start`` or a movement in
``[start, end)``; ``start`` and ``end`` are naive UTC datetimes (``end`` exclusive). Its columns are
``store_id, region_id, company_id, product_id, categ_id, uom_id, lot_id`` and, for each name in
``COLUMNS``, ``<name>_qty`` (product UoM) and ``<name>_value`` (company currency)::

    opening + receipt + transfer_in + return - pos_sale - sale - transfer_out + inventory - scrap + other
        = closing

Movement columns in ``OUT_COLUMNS`` count what leaves the store as positive; every other movement
column is what enters (negative when it leaves: a return to the supplier lowers ``receipt``, an
inventory loss is a negative ``inventory``).

What counts
-----------
A store's stock is the ``internal`` locations whose ``warehouse_id`` is the store's warehouse
(``chain_store.warehouse_id``). Every done ``stock.move`` (``stock.move.line`` per lot) that enters
or leaves it is a *leg* of that store, classified by the location on the other side:

==========================  ===========================================================
other side                  column
==========================  ===========================================================
supplier                    ``receipt`` (a return to the supplier is negative)
customer, in                ``return`` (customer and till returns)
customer, out               ``pos_sale`` when the move's operation type is the
                            warehouse's ``pos_type_id``, else ``sale``
internal elsewhere, transit ``transfer_in`` / ``transfer_out``
scrap location              ``scrap``
inventory (loss) location   ``inventory`` (+ found, - lost)
anything else (production)  ``other``
==========================  ===========================================================

A move between two locations of the same warehouse is no leg. A transfer between two selected
stores is two legs: out of one, into the other.

Values are ``stock_valuation_layer.value``. Layers have no location: each layer is attributed
through ``stock_move_id`` to its move's legs, and dated by the move (so a layer counts in the same
period and column as the quantity it values; a later price correction of a receipt, e.g. from the
vendor bill, revises the receipt's period). A move between two internal locations carries no layer
in Odoo (valuation is per company), so transfers between stores have no value: values tie per
company (the sum over stores is the company's valuation of their stock), not per store. Layers
without a move (standard price changes) belong to no store and are left out. By lot, a layer of a
lot-valuated product goes to its lot, and any other layer is shared among the move's lines pro rata
of their quantities.

Opening balance
---------------
The opening is summed from every move before ``start`` in the same query as the period: what
entered the store minus what left it (no classification needed: a move inside the store enters and
leaves it and cancels out), and the layers of those moves. The store's moves are found through the
partial indexes ``stock_move (location_dest_id, date)`` and ``(location_id, date)`` ``WHERE state =
'done'`` (``models/stock_move.py``); for a few stores each move's layers are looked up through the
index on ``stock_move_id``, for many the layer table is hashed once (``lookup_layers``).

The alternative, current ``stock.quant`` minus the movements after ``start`` (what Odoo's
``qty_available`` at a date does), reads fewer moves for a recent period but has no answer for
values (quants carry no value and layers no location, so a store's value at a date is a sum over
its moves anyway), and ties only if every quant came from a move. Summing the history gives
quantity and value from one source and always ties; its cost is linear in the history of the
chosen stores: a store-month over 2,000,000 moves (100 stores, one year) takes about 0.6 s, but the
chain-wide month reads the whole table (about 17 s on a 2-CPU test machine). Hence the month-end
balances (``chain.stock.ledger.balance``, taken by a monthly job from the previous ones): given
``snapshot``, the opening is the balances of that date plus the moves since, so the history read is
at most about a month whatever the age of the database.
The balances (one row per store, product and lot, already in the product's unit) are joined to
the moves' rows once these are classified and summed: for the whole chain they are most of the
rows, and stock that did not move needs no classification.
"""

from odoo.tools import SQL

COLUMNS = (
    "opening",
    "receipt",
    "transfer_in",
    "return",
    "pos_sale",
    "sale",
    "transfer_out",
    "inventory",
    "scrap",
    "other",
    "closing",
)
MOVEMENT_COLUMNS = COLUMNS[1:-1]
OUT_COLUMNS = ("pos_sale", "sale", "transfer_out", "scrap")
# a leg's column as a small integer, 0 for the opening: compared millions of times, cheaper than text
KIND = {name: index for index, name in enumerate(COLUMNS[:-1])}


def store_locations_query(store_ids):
    """SELECT of the ids of the stores' stock locations: ``internal`` locations of their warehouses."""
    return SQL(
        """
        SELECT l.id
          FROM stock_location l
          JOIN chain_store s ON s.warehouse_id = l.warehouse_id
         WHERE l.usage = 'internal' AND s.id = ANY(%s)
      ORDER BY l.id
        """,
        list(store_ids),
    )


def _kind(incoming):
    """The column (``KIND``) of a leg in (``incoming``) or out, from the location on the other side."""
    other = SQL.identifier("ls" if incoming else "ld")
    if incoming:
        customer = SQL("%s", KIND["return"])
        transfer = SQL("%s", KIND["transfer_in"])
    else:
        customer = SQL(
            "CASE WHEN x.picking_type_id = ls.pos_type_id THEN %s ELSE %s END", KIND["pos_sale"], KIND["sale"]
        )
        transfer = SQL("%s", KIND["transfer_out"])
    return SQL(
        """CASE WHEN %(other)s.usage = 'supplier' THEN %(receipt)s
                WHEN %(other)s.usage = 'customer' THEN %(customer)s
                WHEN %(other)s.usage IN ('internal', 'transit') THEN %(transfer)s
                WHEN %(other)s.scrap_location THEN %(scrap)s
                WHEN %(other)s.usage = 'inventory' THEN %(inventory)s
                ELSE %(other_kind)s END""",
        other=other,
        receipt=KIND["receipt"],
        customer=customer,
        transfer=transfer,
        scrap=KIND["scrap"],
        inventory=KIND["inventory"],
        other_kind=KIND["other"],
    )


def _source(location_ids, date_from, date_to, by_lot):
    """Done moves (move lines when ``by_lot``) into or out of the locations, dated in
    ``[date_from, date_to)`` (``date_from`` None: since the beginning)."""
    table = SQL("ml") if by_lot else SQL("m")
    where = SQL(
        "%(t)s.state = 'done' AND %(t)s.date < %(to)s %(since)s"
        " AND (%(t)s.location_dest_id = ANY(%(locations)s) OR %(t)s.location_id = ANY(%(locations)s))",
        t=table,
        to=date_to,
        since=SQL("AND %s.date >= %s", table, date_from) if date_from else SQL(),
        locations=location_ids,
    )
    if by_lot:
        return SQL(
            """
            SELECT ml.move_id, ml.product_id, ml.lot_id, NULL::integer AS uom_id, m.picking_type_id,
                   ml.quantity_product_uom::double precision AS qty, ml.location_id, ml.location_dest_id,
                   ml.quantity_product_uom::double precision
                       / NULLIF(sum(ml.quantity_product_uom) OVER (PARTITION BY ml.move_id), 0) AS share_move,
                   ml.quantity_product_uom::double precision
                       / NULLIF(sum(ml.quantity_product_uom) OVER (PARTITION BY ml.move_id, ml.lot_id), 0)
                       AS share_lot
              FROM stock_move_line ml
              JOIN stock_move m ON m.id = ml.move_id
             WHERE %s
            """,
            where,
        )
    return SQL(
        """
        SELECT m.id AS move_id, m.product_id, NULL::integer AS lot_id, m.product_uom AS uom_id, m.picking_type_id,
               m.quantity::double precision AS qty, m.location_id, m.location_dest_id,
               1.0::double precision AS share_move, 1.0::double precision AS share_lot
          FROM stock_move m
         WHERE %s
        """,
        where,
    )


def _layers(lookup, by_lot):
    """The layers of the move ``x`` (``value``, ``quantity``), as a lateral join."""
    share = SQL("1")
    if by_lot:
        # a layer of a lot-valuated product names its lot; others are shared among the move's lines
        share = SQL(
            "CASE WHEN svl.lot_id IS NULL THEN x.share_move WHEN svl.lot_id = x.lot_id THEN x.share_lot ELSE 0 END"
        )
    if lookup:
        return SQL(
            """CROSS JOIN LATERAL (
                   SELECT svl.value::double precision * %s AS value, svl.quantity
                     FROM stock_valuation_layer svl
                    WHERE svl.stock_move_id = x.move_id
               ) v""",
            share,
        )
    return SQL(
        "JOIN stock_valuation_layer svl ON svl.stock_move_id = x.move_id"
        " CROSS JOIN LATERAL (SELECT svl.value::double precision * %s AS value, svl.quantity) v",
        share,
    )


def _columns():
    """The output columns: quantities converted to the product UoM, outgoing columns made positive,
    closing = opening + the signed movements."""
    selects = []
    for measure in ("qty", "value"):
        factor = SQL(" * r.ratio") if measure == "qty" else SQL("")
        for name in COLUMNS[:-1]:
            expr = SQL(
                "COALESCE(sum(b.%s%s) FILTER (WHERE b.kind = %s), 0)", SQL.identifier(measure), factor, KIND[name]
            )
            sign = SQL("-") if name in OUT_COLUMNS else SQL("")
            selects.append(SQL("%s%s AS %s", sign, expr, SQL.identifier(f"{name}_{measure}")))
        closing = SQL("COALESCE(sum(b.%s%s), 0)", SQL.identifier(measure), factor)
        selects.append(SQL("%s AS %s", closing, SQL.identifier(f"closing_{measure}")))
    return SQL(",\n                   ").join(selects)


def _with_opening():
    """The moves' figures (``m``) plus the opening from the balances (``o``), which adds to the
    opening and the closing."""
    selects = []
    for measure in ("qty", "value"):
        balance = SQL("COALESCE(o.%s, 0)", SQL.identifier(measure))
        for name in COLUMNS:
            column = SQL.identifier(f"{name}_{measure}")
            expr = SQL("COALESCE(m.%s, 0)", column)
            if name in ("opening", "closing"):
                expr = SQL("%s + %s", expr, balance)
            selects.append(SQL("%s AS %s", expr, column))
    return SQL(",\n                   ").join(selects)


def ledger_query(store_ids, location_ids, start, end, by_lot=False, lookup_layers=True, snapshot=None,
                 ordered=True):  # fmt: skip
    """The ledger SELECT (see the module docstring for its contract).

    :param location_ids: the stores' stock locations (``store_locations_query``), given as values so
        that the planner estimates the stores' share of the moves: the location indexes for a few
        stores, sequential scans for the whole chain
    :param lookup_layers: find each move's layers through the index on ``stock_move_id`` (a few
        stores) rather than by hashing the whole layer table (many stores)
    :param snapshot: the date (naive UTC, at or before ``start``) of ledger balances
        (``chain.stock.ledger.balance``, same ``by_lot``) to open from: the history then starts there
    :param ordered: rows sorted by store, product and lot (not needed to write them into a table)
    """
    location_ids = list(location_ids) or [0]
    layers = _layers(lookup_layers, by_lot)
    history = _source(location_ids, snapshot, start, by_lot)
    balances = SQL(
        "SELECT NULL::integer AS store_id, NULL::integer AS product_id, NULL::integer AS lot_id,"
        " 0::double precision AS qty, 0::double precision AS value WHERE false"
    )
    if snapshot:
        # one row per store, product and lot, qty in the product's unit (``chain.stock.ledger.balance``);
        # summed anyway, so that a duplicate could not double a row of the ledger
        balances = SQL(
            """SELECT b.store_id, b.product_id, b.lot_id, sum(b.qty) AS qty, sum(b.value) AS value
                 FROM chain_stock_ledger_balance b
                WHERE b.date = %s AND b.by_lot = %s AND b.store_id = ANY(%s)
             GROUP BY b.store_id, b.product_id, b.lot_id""",
            snapshot,
            bool(by_lot),
            list(store_ids),
        )
    period = _source(location_ids, start, end, by_lot)
    return SQL(
        """
        WITH loc AS MATERIALIZED (
            SELECT l.id, l.usage, l.scrap_location, l.warehouse_id, s.id AS store_id, w.pos_type_id
              FROM stock_location l
         LEFT JOIN chain_store s ON s.warehouse_id = l.warehouse_id AND l.usage = 'internal'
                                AND s.id = ANY(%(store_ids)s)
         LEFT JOIN stock_warehouse w ON w.id = s.warehouse_id
        ),
        stream AS (
            -- opening quantity: what entered a store minus what left it (a move inside a store
            -- enters and leaves it: it cancels out)
            SELECT leg.store_id, x.product_id, x.lot_id, x.uom_id, 0 AS kind, leg.qty, 0::double precision AS value
              FROM (%(history)s) x
              JOIN loc ld ON ld.id = x.location_dest_id
              JOIN loc ls ON ls.id = x.location_id
              CROSS JOIN LATERAL (VALUES (ld.store_id, x.qty), (ls.store_id, -x.qty)) leg(store_id, qty)
             WHERE leg.store_id IS NOT NULL
            UNION ALL
            -- opening value: each layer values the side of its move that is in a store; a move between
            -- two stores has no layer in Odoo (valuation is per company): should it carry some, the
            -- entering ones value the store it enters, the others the store it leaves
            SELECT CASE WHEN ld.store_id IS NOT NULL AND (ls.usage <> 'internal' OR v.quantity > 0)
                        THEN ld.store_id ELSE ls.store_id END,
                   x.product_id, x.lot_id, x.uom_id, 0, 0, v.value
              FROM (%(history)s) x
              JOIN loc ld ON ld.id = x.location_dest_id
              JOIN loc ls ON ls.id = x.location_id
              %(layers)s
            UNION ALL
            SELECT leg.store_id, x.product_id, x.lot_id, x.uom_id, leg.kind, leg.qty, leg.value
              FROM (%(period)s) x
              JOIN loc ld ON ld.id = x.location_dest_id
              JOIN loc ls ON ls.id = x.location_id
              CROSS JOIN LATERAL (
                  -- a move between two locations of one warehouse is no leg
                  SELECT CASE WHEN ls.usage <> 'internal' OR ls.warehouse_id IS DISTINCT FROM ld.warehouse_id
                              THEN ld.store_id END AS dest_store,
                         CASE WHEN ld.usage <> 'internal' OR ld.warehouse_id IS DISTINCT FROM ls.warehouse_id
                              THEN ls.store_id END AS src_store
              ) side
              CROSS JOIN LATERAL (
                  VALUES (side.dest_store, %(kind_in)s, x.qty, 0::double precision),
                         (side.src_store, %(kind_out)s, -x.qty, 0::double precision)
              ) leg(store_id, kind, qty, value)
             WHERE leg.store_id IS NOT NULL
            UNION ALL
            SELECT leg.store_id, x.product_id, x.lot_id, x.uom_id, leg.kind, 0, v.value
              FROM (%(period)s) x
              JOIN loc ld ON ld.id = x.location_dest_id
              JOIN loc ls ON ls.id = x.location_id
              %(layers)s
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN ls.usage <> 'internal' OR ls.warehouse_id IS DISTINCT FROM ld.warehouse_id
                              THEN ld.store_id END AS dest_store,
                         CASE WHEN ld.usage <> 'internal' OR ld.warehouse_id IS DISTINCT FROM ls.warehouse_id
                              THEN ls.store_id END AS src_store
              ) side
              CROSS JOIN LATERAL (
                  SELECT CASE WHEN side.dest_store IS NOT NULL AND (ls.usage <> 'internal' OR v.quantity > 0)
                              THEN side.dest_store ELSE side.src_store END AS store_id,
                         CASE WHEN side.dest_store IS NOT NULL AND (ls.usage <> 'internal' OR v.quantity > 0)
                              THEN %(kind_in)s ELSE %(kind_out)s END AS kind
              ) leg
             WHERE leg.store_id IS NOT NULL
        ),
        by_kind AS (
            SELECT t.store_id, t.product_id, t.lot_id, t.uom_id, t.kind, sum(t.qty) AS qty, sum(t.value) AS value
              FROM stream t
          GROUP BY t.store_id, t.product_id, t.lot_id, t.uom_id, t.kind
        ),
        moved AS (
            -- quantities are summed per move UoM first and converted here, once per group
            SELECT b.store_id, b.product_id, b.lot_id,
                   %(columns)s,
                   bool_or(b.kind <> 0) AS moved
              FROM by_kind b
              JOIN product_product pp ON pp.id = b.product_id
              JOIN product_template pt ON pt.id = pp.product_tmpl_id
              JOIN uom_uom pu ON pu.id = pt.uom_id
              LEFT JOIN uom_uom mu ON mu.id = b.uom_id
              CROSS JOIN LATERAL (
                  SELECT COALESCE(pu.factor::double precision / NULLIF(mu.factor, 0), 1) AS ratio
              ) r
          GROUP BY b.store_id, b.product_id, b.lot_id
        ),
        ledger AS (
            -- the balances join the moves' rows once, after aggregation: most of a chain's rows are
            -- stock that did not move, which need no classification
            SELECT COALESCE(m.store_id, o.store_id) AS store_id, COALESCE(m.product_id, o.product_id) AS product_id,
                   COALESCE(m.lot_id, o.lot_id) AS lot_id,
                   %(with_opening)s,
                   COALESCE(m.moved, false) AS moved
              FROM moved m
         FULL JOIN (%(balances)s) o
                ON o.store_id = m.store_id AND o.product_id = m.product_id
               AND COALESCE(o.lot_id, 0) = COALESCE(m.lot_id, 0)
        )
        SELECT g.store_id, s.region_id, s.company_id, g.product_id, pt.categ_id, pt.uom_id, g.lot_id,
               %(names)s
          FROM ledger g
          JOIN chain_store s ON s.id = g.store_id
          JOIN product_product pp ON pp.id = g.product_id
          JOIN product_template pt ON pt.id = pp.product_tmpl_id
         WHERE g.moved OR abs(g.opening_qty) > 1e-9 OR abs(g.opening_value) > 1e-9
        %(order)s
        """,
        store_ids=list(store_ids),
        history=history,
        balances=balances,
        period=period,
        layers=layers,
        kind_in=_kind(True),
        kind_out=_kind(False),
        columns=_columns(),
        with_opening=_with_opening(),
        order=SQL("ORDER BY g.store_id, g.product_id, g.lot_id") if ordered else SQL(),
        names=SQL(", ").join(
            SQL.identifier("g", f"{name}_{measure}") for measure in ("qty", "value") for name in COLUMNS
        ),
    )
