"""The benchmarks of ``scripts/bench run``, run inside Odoo (see ``benchodoo.py``).

Each case is declared in :data:`CASES`: ``setup(env)`` (as superuser) picks the
users and records and returns a dict; ``ours(env, ctx)`` and
``baseline(env, ctx)`` are the two calls timed, each run as a real user
(``env(user=uid)``) so that record rules apply. Between runs every ORM cache is
dropped (``env.invalidate_all()`` and ``registry.clear_cache()``, which also
forgets the record rules' domains), so each run queries the database. One
untimed warm-up of each side comes first (it imports code, fills PostgreSQL's
buffers); then ours and baseline alternate, ``repeat`` times each.

When a case says ``same_result``, the warm-up results of ours and baseline
must be equal (the optimization must not change the figures).
"""

import time
from dataclasses import dataclass, field

import benchlib
from benchlib import Target

QUANT_LIST_DOMAIN = [("location_id.usage", "=", "internal")]  # Inventory > Stock, filter "Internal Locations"
QUANT_LIST_SPEC = {
    "product_id": {"fields": {"display_name": {}}},
    "location_id": {"fields": {"display_name": {}}},
    "lot_id": {"fields": {"display_name": {}}},
    "quantity": {},
    "reserved_quantity": {},
    "available_quantity": {},
    "product_uom_id": {"fields": {"display_name": {}}},
    "company_id": {"fields": {"display_name": {}}},
}
QTY_FIELDS = ["display_name", "qty_available", "virtual_available"]
PLAIN = {"chain_plain_location_domain": True}


@dataclass(frozen=True)
class Case:
    name: str
    doc: str
    target: Target
    setup: object
    ours: object
    baseline: object
    same_result: bool = False
    min_stores: int = 0
    notes: dict = field(default_factory=dict)
    show: object = None  # (ours result, baseline result) -> a sanity line printed under the figures
    repeat: int = 0  # caps the run's --repeat for a slow case (0: no cap)
    warmup: bool = True  # False for a long job whose first run is as warm as any
    checks: object = None  # (ours result, baseline result) -> [(what, ok)]: each must hold for a PASS


# ----------------------------------------------------------------------
# Setups
# ----------------------------------------------------------------------
def _users(env):
    """The store user of the store with the most quants, and the chain manager."""
    env.cr.execute(
        """
        SELECT u.id FROM res_users u
          JOIN chain_store s ON s.id = u.chain_store_id
          JOIN stock_location l ON l.warehouse_id = s.warehouse_id
          JOIN stock_quant q ON q.location_id = l.id
         WHERE u.login LIKE 'bench.staff.%%'
      GROUP BY u.id ORDER BY count(*) DESC, u.id LIMIT 1
        """
    )
    row = env.cr.fetchone()
    hq = env["res.users"].search([("login", "=", "bench.hq")])
    if not row or not hq:
        raise RuntimeError("no bench users: build the dataset with `scripts/bench build`")
    return {"store_user": row[0], "hq": hq.id}


def _widest_product(env):
    """The product stocked in the most stores (the worst case for "on hand per store")."""
    env.cr.execute(
        """
        SELECT q.product_id FROM stock_quant q JOIN stock_location l ON l.id = q.location_id
         WHERE l.warehouse_id IS NOT NULL
      GROUP BY q.product_id ORDER BY count(DISTINCT l.warehouse_id) DESC, q.product_id LIMIT 1
        """
    )
    return env.cr.fetchone()[0]


def _setup_users(env):
    return _users(env)


def _setup_per_store(env):
    ctx = _users(env)
    ctx["product"] = _widest_product(env)
    stores = env["chain.store"].with_user(ctx["hq"]).search([])
    ctx["warehouses"] = stores.warehouse_id.ids
    return ctx


# ----------------------------------------------------------------------
# Timed calls (the return value is what ``same_result`` compares)
# ----------------------------------------------------------------------
def _quant_list(env, uid):
    result = env(user=uid)["stock.quant"].web_search_read(QUANT_LIST_DOMAIN, QUANT_LIST_SPEC, limit=80)
    return result["length"], len(result["records"])


def _product_qty(env, uid, fnames=QTY_FIELDS, context=None):
    Product = env(user=uid)["product.product"].with_context(**(context or {}))
    rows = Product.search_read([("is_storable", "=", True)], fnames, limit=80, order="id")
    return [tuple(row[f] for f in fnames) for row in rows]


def _on_hand_per_store_ours(env, ctx):
    Report = env(user=ctx["hq"])["chain.store.stock.report"]
    groups = Report._read_group([("product_id", "=", ctx["product"])], ["store_id"], ["quantity:sum"])
    return {store.warehouse_id.id: qty for store, qty in groups if qty}


def _on_hand_per_store_plain(env, ctx):
    product = env(user=ctx["hq"])["product.product"].browse(ctx["product"])
    result = {}
    for warehouse in ctx["warehouses"]:
        qty = product.with_context(warehouse_id=warehouse, **PLAIN).qty_available
        if qty:
            result[warehouse] = qty
    return result


VIEW_FIELDS = [*QTY_FIELDS, "free_qty"]

CASES = {
    case.name: case
    for case in [
        Case(
            name="isolation_quant_list",
            doc="Inventory > Stock list (80 quants of internal locations + count): store user vs chain manager",
            target=Target("ratio", 1.5),
            setup=_setup_users,
            ours=lambda env, ctx: _quant_list(env, ctx["store_user"]),
            baseline=lambda env, ctx: _quant_list(env, ctx["hq"]),
            notes={"ours": "store user", "baseline": "chain manager"},
            show=lambda ours, base: f"quants seen: store user {ours[0]}, chain manager {base[0]}",
        ),
        Case(
            name="isolation_product_qty",
            doc="80 products with on hand and forecast: store user vs chain manager",
            target=Target("ratio", 1.5),
            setup=_setup_users,
            ours=lambda env, ctx: _product_qty(env, ctx["store_user"]),
            baseline=lambda env, ctx: _product_qty(env, ctx["hq"]),
            notes={"ours": "store user", "baseline": "chain manager"},
            show=lambda ours, base: (
                f"on hand of the 80 products: store user {sum(r[1] for r in ours):g}, "
                f"chain manager {sum(r[1] for r in base):g}"
            ),
        ),
        Case(
            name="many_stores_product_qty_view",
            doc="Product quantity view (80 products, on hand/forecast/free) as chain manager: "
            "warehouse-level domain vs Odoo's parent_path patterns",
            target=Target("ms", 2000),
            setup=_setup_users,
            ours=lambda env, ctx: _product_qty(env, ctx["hq"], VIEW_FIELDS),
            baseline=lambda env, ctx: _product_qty(env, ctx["hq"], VIEW_FIELDS, PLAIN),
            same_result=True,
            min_stores=500,
            notes={"ours": "chain manager", "baseline": "chain manager, chain_plain_location_domain"},
        ),
        Case(
            name="many_stores_on_hand_per_store",
            doc="One product's on hand in every store as chain manager: stock-per-store report "
            "_read_group vs qty_available per store warehouse",
            target=Target("ms", 2000),
            setup=_setup_per_store,
            ours=_on_hand_per_store_ours,
            baseline=_on_hand_per_store_plain,
            same_result=True,
            min_stores=500,
            notes={"ours": "chain manager", "baseline": "chain manager, one qty_available per warehouse"},
            show=lambda ours, base: f"stores holding the product: {len(ours)} (baseline {len(base)})",
        ),
    ]
}


# ----------------------------------------------------------------------
# Runner
# ----------------------------------------------------------------------
def _cold(env):
    env.invalidate_all()
    env.registry.clear_cache()


def _timed(env, func, ctx):
    _cold(env)
    queries = env.cr.sql_log_count
    started = time.perf_counter()
    result = func(env, ctx)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, env.cr.sql_log_count - queries, result


def run_case(env, case, repeat, dataset):
    """Time one case; returns its :func:`benchlib.summarize` result plus query counts and warnings."""
    ctx = case.setup(env)
    ours_ms, base_ms = [], []
    ours_elapsed, ours_queries, ours_result = _timed(env, case.ours, ctx)  # warm-up
    base_elapsed, base_queries, base_result = _timed(env, case.baseline, ctx)
    if not case.warmup:  # the first runs count
        ours_ms.append(ours_elapsed)
        base_ms.append(base_elapsed)
        repeat -= 1
    if case.repeat:
        repeat = min(repeat, case.repeat)
    for _i in range(repeat):
        ours_ms.append(_timed(env, case.ours, ctx)[0])
        base_ms.append(_timed(env, case.baseline, ctx)[0])
    note = "; ".join(f"{k}: {v}" for k, v in case.notes.items())
    result = benchlib.summarize(case.name, ours_ms, base_ms, case.target, note=note)
    result["queries"] = {"ours": ours_queries, "baseline": base_queries}
    warnings = []
    if case.same_result and ours_result != base_result:
        warnings.append("ours and baseline returned different figures")
    stores = (dataset or {}).get("store_warehouses", 0)
    if stores < case.min_stores:
        warnings.append(f"needs >= {case.min_stores} stores, the dataset has {stores}: figure is indicative")
    result["same_result"] = None if not case.same_result else ours_result == base_result
    result["check"] = case.show(ours_result, base_result) if case.show else ""
    result["checks"] = [
        {"what": what, "ok": bool(ok)} for what, ok in (case.checks(ours_result, base_result) if case.checks else [])
    ]
    result["passed"] = result["passed"] and all(check["ok"] for check in result["checks"])
    result["warnings"] = warnings
    return result


def run(env, names, repeat, dataset, pg_settings=()):
    """Run the named cases (all when ``names`` is empty), each in a rolled-back transaction.

    ``pg_settings`` are ``(name, value)`` pairs SET for every case (e.g. to try
    ``random_page_cost`` without touching the server's configuration).
    """
    unknown = set(names) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(CASES)}")
    results = []
    for name in names or CASES:
        case = CASES[name]
        for setting, value in pg_settings:
            env.cr.execute("SELECT set_config(%s, %s, false)", [setting, value])
        result = run_case(env, case, repeat, dataset)
        print(benchlib.format_line(result), flush=True)
        q = result["queries"]
        print(f"    {case.doc}; queries ours {q['ours']} / baseline {q['baseline']}", flush=True)
        if result["check"]:
            print(f"    {result['check']}", flush=True)
        for check in result["checks"]:
            print(f"    check: {check['what']}  {'PASS' if check['ok'] else 'MISS'}", flush=True)
        for warning in result["warnings"]:
            print(f"    warning: {warning}", flush=True)
        results.append(result)
        env.cr.rollback()
    return results
