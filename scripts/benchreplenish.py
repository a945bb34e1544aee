"""Replenishment part of the scale dataset and benchmarks (``chain_stock_replenish``).

Builder phase ``replenish_data`` (run by the first case that needs it, and committed), in set-based
SQL: for every store of the dataset and the first 3,000 storable products, 56 days of sales as done
stock moves from the store's stock to the customers (a product sells in a store with a probability
falling from 50% for the first products to 10% for the last, on 1 to 6 days of the window, 1 to 5
units a time), and min/max rules (``stock.warehouse.orderpoint``, trigger auto) for one product in 15
of every store: the core assortment every store keeps on the shelf.

Case (added to ``benchcases.CASES``), as the chain manager:

- ``replenish_500_stores``: ours = ``_chain_compute_suggestions`` for every store, end to end (sales
  history, sellable stock, transit, rules, forecasts, the suggestion lines written); baseline =
  Odoo's own min/max computation on the same rules: the forecast (``qty_forecast``) and the quantity
  to order (``qty_to_order``) of every rule of the stores' warehouses, as the replenishment report
  (``action_open_orderpoints``) shows them. Target 60 s. Odoo's ``_get_orderpoint_action`` also
  looks for products without a rule in every location (a Python loop over locations x products x
  quants); at 500 stores x 3,000 products that loop alone is 1,500,000 iterations over the
  product's quants, so the baseline times the rules' computation only: the work both sides share.
"""

import json
import time
from datetime import datetime

from benchcases import Case
from benchlib import Target

PARAM = "chain_bench.replenish"
PRODUCTS = 3000
HISTORY_DAYS = 56
RULE_EVERY = 15  # a store has a min/max rule for one product in RULE_EVERY


def available(env):
    return "chain.replenish.suggestion" in env


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
def _replenish_data(env):
    env.flush_all()
    customer = env.ref("stock.stock_location_customers").id
    company = env.company.id
    today = datetime.combine(datetime.now().date(), datetime.min.time())
    env.cr.execute("SELECT setseed(0.42)")
    started = time.perf_counter()
    env.cr.execute(
        """
        CREATE TEMP TABLE bench_replenish_products ON COMMIT DROP AS
        SELECT p.id, t.uom_id, row_number() OVER (ORDER BY p.id) AS rank
          FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE t.is_storable AND p.active
      ORDER BY p.id LIMIT %s
        """,
        [PRODUCTS],
    )
    env.cr.execute(
        """
        CREATE TEMP TABLE bench_replenish_stores ON COMMIT DROP AS
        SELECT s.id, w.id AS warehouse_id, w.lot_stock_id AS stock
          FROM chain_store s JOIN stock_warehouse w ON w.id = s.warehouse_id
         WHERE s.kind = 'store'
        """
    )
    env.cr.execute(
        """
        INSERT INTO stock_move (name, reference, product_id, product_uom, product_uom_qty, product_qty, quantity,
                                location_id, location_dest_id, company_id, state, date, procure_method,
                                price_unit, create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-REPLENISH', 'BENCH-REPLENISH', x.product, x.uom_id, x.qty, x.qty, x.qty,
               x.stock, %(customer)s, %(company)s, 'done', x.at, 'make_to_stock', 0, %(uid)s, x.at, %(uid)s, x.at
          FROM (
              SELECT pr.id AS product, pr.uom_id, st.stock,
                     1 + floor(random() * 5) AS qty,
                     %(today)s::timestamp - (1 + floor(random() * %(days)s)) * interval '1 day'
                         + interval '2 hours' + random() * interval '10 hours' AS at
                FROM bench_replenish_stores st
                CROSS JOIN bench_replenish_products pr
                CROSS JOIN LATERAL generate_series(1, 1 + floor(random() * 6 + 0 * pr.id)::integer) k
               WHERE random() < 0.5 - 0.4 * pr.rank / %(products)s::float
          ) x
        """,
        {"customer": customer, "company": company, "uid": env.uid, "today": today, "days": HISTORY_DAYS,
         "products": PRODUCTS},
    )  # fmt: skip
    moves = env.cr.rowcount
    print(f"[bench]   stock_move: {moves} sales in {time.perf_counter() - started:.1f} s", flush=True)
    started = time.perf_counter()
    env.cr.execute(
        """
        INSERT INTO stock_warehouse_orderpoint (name, warehouse_id, location_id, product_id, company_id, trigger,
                                                product_min_qty, product_max_qty, qty_multiple, active,
                                                create_uid, create_date, write_uid, write_date)
        SELECT 'BENCH-OP-' || st.id || '-' || pr.id, st.warehouse_id, st.stock, pr.id, %(company)s, 'auto',
               2 + pr.rank %% 5, 3 * (2 + pr.rank %% 5), 1, true, %(uid)s, now(), %(uid)s, now()
          FROM bench_replenish_stores st
          CROSS JOIN bench_replenish_products pr
         WHERE (st.id + pr.rank) %% %(every)s = 0
        """,
        {"company": company, "uid": env.uid, "every": RULE_EVERY},
    )
    rules = env.cr.rowcount
    print(f"[bench]   stock_warehouse_orderpoint: {rules} rules in {time.perf_counter() - started:.1f} s", flush=True)
    env.cr.execute("ANALYZE stock_move")
    env.cr.execute("ANALYZE stock_warehouse_orderpoint")
    info = {"sales_moves": moves, "rules": rules, "products": PRODUCTS, "days": HISTORY_DAYS,
            "built_on": str(today.date())}  # fmt: skip
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))  # sudo: a system parameter
    return info


def _ensure(env):
    """The replenishment part of the dataset, built (and committed) on a dataset older than it."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: a system parameter
    if not raw:
        started = time.perf_counter()
        _replenish_data(env)
        env.cr.commit()  # a dataset builder, not business code
        print(f"[bench] built the replenishment data in {time.perf_counter() - started:.0f} s", flush=True)
        raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: see above
    return json.loads(raw)


def _setup(env):
    info = _ensure(env)
    hq = env["res.users"].search([("login", "=", "bench.hq")], limit=1)
    stores = env["chain.store"].search([("kind", "=", "store")])
    # the history ends the day before "today": the day the data was built, whenever the bench runs
    today = datetime.strptime(info["built_on"], "%Y-%m-%d").date()
    return {"info": info, "hq": hq.id, "stores": stores.ids, "today": today}


# ----------------------------------------------------------------------
# Timed calls
# ----------------------------------------------------------------------
def _ours(env, ctx):
    Suggestion = env(user=ctx["hq"])["chain.replenish.suggestion"]
    stores = env(user=ctx["hq"])["chain.store"].browse(ctx["stores"])
    lines = Suggestion._chain_compute_suggestions(stores, today=ctx["today"])
    env.flush_all()
    return len(lines), sum(lines.mapped("suggested_qty"))


def _baseline(env, ctx):
    """Odoo's min/max computation of the same rules: forecast and quantity to order of each."""
    stores = env["chain.store"].browse(ctx["stores"])
    Orderpoint = env(user=ctx["hq"])["stock.warehouse.orderpoint"]
    rules = Orderpoint.search([("warehouse_id", "in", stores.warehouse_id.ids)])
    rows = rules.read(["qty_forecast", "qty_to_order"])
    return len(rows), sum(1 for row in rows if row["qty_to_order"] > 0), sum(row["qty_to_order"] for row in rows)


CASES = [
    Case(
        name="replenish_500_stores",
        doc="Replenishment suggestions of every store (56 days of sales, min/max rules) vs Odoo's min/max "
        "computation (qty_forecast, qty_to_order) of the same rules",
        target=Target("ms", 60000),
        setup=_setup,
        ours=_ours,
        baseline=_baseline,
        min_stores=500,
        notes={"ours": "chain manager, lines written", "baseline": "chain manager, rules only"},
        show=lambda ours, base: (
            f"suggestion lines {ours[0]} (suggested {ours[1]:g}); rules {base[0]}, of which to order {base[1]} "
            f"({base[2]:g})"
        ),
        repeat=1,
        warmup=False,
    ),
]
