"""进销存 ledger part of the scale dataset and benchmarks (``chain_stock_ledger``).

Builder phase ``ledger_moves`` (run by the first case that needs it, and committed): 2,000,000
done stock moves over the twelve months before today across every store of the dataset and
3,000 untracked products — sales to customers (60%), supplier receipts (20%), transfers between
two stores (12%), inventory adjustments (5%) and scraps (3%) — with a valuation layer for every
move that enters or leaves the company's stock, as Odoo writes them.

The ledger's month-end balances (``chain.stock.ledger.balance``) for last month are taken once, as
the monthly job would have, and committed (their time is printed).

Cases (added to ``benchcases.CASES``), both for last calendar month, as the chain manager:

- ``ledger_store_month``: the ledger of the store with the most moves (target 1 s); baseline:
  the same figures the Odoo way — opening and closing with ``qty_available`` at a date for the
  store's warehouse, in and out with a ``stock.move`` ``_read_group`` per product;
- ``ledger_chain_month``: the chain-wide ledger (target 10 s); baseline: the same ``stock.move``
  ``_read_group`` over every store (no opening balance: the baseline does less work);
- ``ledger_chain_month_report``: the same as a user gets it, through the wizard's *Show*: the rows
  written into the report table and the list's first page read (rolled back); same baseline.
"""

import json
import random
import time
from datetime import date, datetime, timedelta

from benchcases import Case
from benchlib import Target

from odoo import fields

PARAM = "chain_bench.ledger"
MOVES = 2_000_000
PRODUCTS = 3000
KINDS = [("sale", 60), ("receipt", 20), ("transfer", 12), ("inventory", 5), ("scrap", 3)]


def available(env):
    return "chain.stock.ledger" in env


def _last_month(today=None):
    first_this = (today or date.today()).replace(day=1)
    last = first_this - timedelta(days=1)
    return last.replace(day=1), last


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
def _ledger_moves(env, rng):
    from benchbuild import _copy  # the builder's COPY helper

    env.flush_all()
    stores = env["chain.store"].search([("kind", "=", "store")], order="id")
    stocks = [store.warehouse_id.lot_stock_id.id for store in stores]
    ref = env.ref
    supplier = ref("stock.stock_location_suppliers").id
    customer = ref("stock.stock_location_customers").id
    inventory = env["stock.location"].search([("usage", "=", "inventory"), ("scrap_location", "=", False)], limit=1).id
    scrap = env["stock.location"].search([("scrap_location", "=", True)], limit=1).id
    env.cr.execute(
        """
        SELECT p.id, t.uom_id FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE t.is_storable AND t.tracking = 'none' ORDER BY p.id LIMIT %s
        """,
        [PRODUCTS],
    )
    products = env.cr.fetchall()
    company = env.company.id
    uid = env.uid
    now = datetime.now().replace(microsecond=0)
    start = now - timedelta(days=365)
    kinds = [kind for kind, weight in KINDS for _i in range(weight)]

    def rows():
        for _i in range(MOVES):
            kind = rng.choice(kinds)
            stock = rng.choice(stocks)
            if kind == "sale":
                src, dest = stock, customer
            elif kind == "receipt":
                src, dest = supplier, stock
            elif kind == "transfer":
                src, dest = stock, rng.choice(stocks)
            elif kind == "inventory":
                src, dest = (inventory, stock) if rng.random() < 0.5 else (stock, inventory)
            else:
                src, dest = stock, scrap
            product, uom = rng.choice(products)
            qty = rng.randint(1, 12)
            when = (start + timedelta(seconds=rng.randrange(365 * 86400))).isoformat(sep=" ")
            price = 20 + product % 180
            yield ("BENCH-LEDGER", "BENCH-LEDGER", product, uom, qty, qty, qty, src, dest, company, "done", when,
                   "make_to_stock", price, uid, when, uid, when)  # fmt: skip

    columns = ("name", "reference", "product_id", "product_uom", "product_uom_qty", "product_qty", "quantity",
               "location_id", "location_dest_id", "company_id", "state", "date", "procure_method", "price_unit",
               "create_uid", "create_date", "write_uid", "write_date")  # fmt: skip
    _copy(env, "stock_move", columns, rows())
    started = time.perf_counter()
    env.cr.execute(
        """
        INSERT INTO stock_valuation_layer (company_id, product_id, stock_move_id, quantity, unit_cost, value,
                                           remaining_qty, remaining_value, description, create_uid, create_date,
                                           write_uid, write_date)
        SELECT m.company_id, m.product_id, m.id,
               CASE WHEN ls.usage = 'internal' THEN -m.quantity ELSE m.quantity END, m.price_unit,
               CASE WHEN ls.usage = 'internal' THEN -m.quantity ELSE m.quantity END * m.price_unit,
               0, 0, m.reference, m.create_uid, m.date, m.write_uid, m.date
          FROM stock_move m
          JOIN stock_location ls ON ls.id = m.location_id
          JOIN stock_location ld ON ld.id = m.location_dest_id
         WHERE m.reference = 'BENCH-LEDGER' AND (ls.usage = 'internal') <> (ld.usage = 'internal')
        """
    )
    layers = env.cr.rowcount
    print(f"[bench]   stock_valuation_layer: {layers} rows in {time.perf_counter() - started:.1f} s", flush=True)
    env.cr.execute("ANALYZE stock_move")
    env.cr.execute("ANALYZE stock_valuation_layer")
    info = {"moves": MOVES, "layers": layers, "products": len(products), "stores": len(stocks)}
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))  # sudo: a system parameter
    return info


def _ensure(env):
    """The ledger part of the dataset, built (and committed) on a dataset older than it."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: a system parameter
    if not raw:
        started = time.perf_counter()
        _ledger_moves(env, random.Random(42))
        env.cr.commit()  # a dataset builder, not business code
        print(f"[bench] built the ledger moves in {time.perf_counter() - started:.0f} s", flush=True)
        raw = env["ir.config_parameter"].sudo().get_param(PARAM)
    return json.loads(raw)


def _ensure_balances(env, date_from):
    """The month-end balances the monthly job would have taken for ``date_from``'s month (committed)."""
    Balance = env["chain.stock.ledger.balance"]
    boundary = Balance._chain_month_boundary(date_from)
    raw = env["ir.config_parameter"].sudo().get_param(PARAM + ".balances")  # sudo: a system parameter
    if raw != str(boundary):
        started = time.perf_counter()
        rows = Balance._chain_take(boundary)
        env["ir.config_parameter"].sudo().set_param(PARAM + ".balances", str(boundary))  # sudo: see above
        env.cr.commit()  # a dataset builder, not business code
        print(f"[bench] took {rows} ledger balances at {boundary} in {time.perf_counter() - started:.0f} s "
              "(the monthly job, from the whole history)", flush=True)  # fmt: skip
    return boundary


def _setup(env):
    info = _ensure(env)
    date_from, date_to = _last_month()
    info["balances"] = str(_ensure_balances(env, date_from))
    env.cr.execute(
        """
        SELECT s.id FROM chain_store s
          JOIN stock_location l ON l.warehouse_id = s.warehouse_id
          JOIN stock_move m ON m.location_id = l.id OR m.location_dest_id = l.id
         WHERE m.reference = 'BENCH-LEDGER' AND m.date >= %s AND m.date < %s
      GROUP BY s.id ORDER BY count(*) DESC, s.id LIMIT 1
        """,
        [date_from, date_to + timedelta(days=1)],
    )
    store = env.cr.fetchone()[0]
    hq = env["res.users"].search([("login", "=", "bench.hq")], limit=1)
    stores = env["chain.store"].search([("kind", "=", "store")])
    return {"info": info, "store": store, "stores": stores.ids, "hq": hq.id, "from": date_from, "to": date_to}


# ----------------------------------------------------------------------
# Timed calls
# ----------------------------------------------------------------------
def _ours(env, ctx, store_ids):
    stores = env(user=ctx["hq"])["chain.store"].browse(store_ids)
    rows = env(user=ctx["hq"])["chain.stock.ledger"]._chain_ledger_rows(stores, ctx["from"], ctx["to"])
    return len(rows)


def _ours_report(env, ctx):
    """The chain-wide ledger as a user runs it: the wizard's *Show* (rows written into the
    report table, the first page of the list read); rolled back."""
    hq = env(user=ctx["hq"])
    env.cr.execute("SAVEPOINT bench_ledger_report")
    try:
        wizard = hq["chain.stock.ledger"].create({"all_stores": True, "date_from": ctx["from"], "date_to": ctx["to"]})
        action = wizard.action_show()
        page = hq["chain.stock.ledger.line"].web_search_read(
            action["domain"], {"store_id": {}, "product_id": {}, "opening_qty": {}, "closing_qty": {}}, limit=80
        )
        count = page["length"]
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_ledger_report")
        env.invalidate_all()
    return count


def _moves_by_product(env, ctx, store_ids):
    """In and out per product over the period, the Odoo way: one ``stock.move`` ``_read_group``."""
    Move = env(user=ctx["hq"])["stock.move"]
    stores = env(user=ctx["hq"])["chain.store"].browse(store_ids)
    warehouses = stores.warehouse_id.ids
    start = datetime.combine(ctx["from"], datetime.min.time())
    end = datetime.combine(ctx["to"] + timedelta(days=1), datetime.min.time())
    domain = [
        ("state", "=", "done"),
        ("date", ">=", start),
        ("date", "<", end),
        "|",
        ("location_id.warehouse_id", "in", warehouses),
        ("location_dest_id.warehouse_id", "in", warehouses),
    ]
    return Move._read_group(domain, ["product_id", "location_id", "location_dest_id"], ["quantity:sum"])


def _baseline_store(env, ctx):
    groups = _moves_by_product(env, ctx, [ctx["store"]])
    products = env["product.product"].browse({product.id for product, *_rest in groups})
    warehouse = env["chain.store"].browse(ctx["store"]).warehouse_id.id
    start = fields.Datetime.to_string(datetime.combine(ctx["from"], datetime.min.time()))
    end = fields.Datetime.to_string(datetime.combine(ctx["to"] + timedelta(days=1), datetime.min.time()))
    products = products.with_user(ctx["hq"])
    opening = products.with_context(warehouse_id=warehouse, to_date=start).mapped("qty_available")
    closing = products.with_context(warehouse_id=warehouse, to_date=end).mapped("qty_available")
    return len(groups), sum(opening), sum(closing)


CASES = [
    Case(
        name="ledger_store_month",
        doc="进销存 ledger of one store for last month (2,000,000 moves in the dataset) vs Odoo's "
        "qty_available at two dates + a stock.move _read_group",
        target=Target("ms", 1000),
        setup=_setup,
        ours=lambda env, ctx: _ours(env, ctx, [ctx["store"]]),
        baseline=_baseline_store,
        notes={"ours": "chain manager", "baseline": "chain manager"},
        show=lambda ours, base: f"ledger rows {ours}; baseline move groups {base[0]}",
        repeat=5,
    ),
    Case(
        name="ledger_chain_month",
        doc="进销存 ledger of every store for last month vs a stock.move _read_group over every store",
        target=Target("ms", 10000),
        setup=_setup,
        ours=lambda env, ctx: _ours(env, ctx, ctx["stores"]),
        baseline=lambda env, ctx: len(_moves_by_product(env, ctx, ctx["stores"])),
        notes={"ours": "chain manager", "baseline": "chain manager, no opening balance"},
        show=lambda ours, base: f"ledger rows {ours}; baseline move groups {base}",
        repeat=3,
    ),
    Case(
        name="ledger_chain_month_report",
        doc="进销存 ledger of every store for last month as the wizard shows it (rows written into the "
        "report table, first page read) vs a stock.move _read_group over every store",
        target=Target("ms", 10000),
        setup=_setup,
        ours=_ours_report,
        baseline=lambda env, ctx: len(_moves_by_product(env, ctx, ctx["stores"])),
        notes={"ours": "chain manager, wizard Show, rolled back", "baseline": "chain manager, no opening balance"},
        show=lambda ours, base: f"rows in the run {ours}; baseline move groups {base}",
        repeat=3,
    ),
]
