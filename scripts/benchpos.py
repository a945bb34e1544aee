"""POS part of the scale dataset and benchmarks (``chain_pos_expiry``).

Builder phase ``pos_lots`` (run by :func:`benchbuild.build` when the addon is installed, or by
the first case that needs it on an older dataset): the first store gets 3,000 lot-tracked baby
goods sold at its till and 20,000 lots of them on its shelf, with expiry, alert and removal
dates spread from a month ago to two years ahead.

Cases (added to ``benchcases.CASES``):

- ``pos_session_load``: what the till loads at start-up, with the addon (the store's lots and
  the override managers) and without it (context ``chain_pos_expiry_off``), as the store's POS
  user; the target is the time added, the line under it the megabytes added (limit 5 MB);
- ``pos_sync_offline_500``: 500 orders of 3 lot lines each, synced in one call as a till coming
  back online sends them, then the same 500 again (a redelivery): every order paid once, none
  duplicated; the session updates stock at closing; the baseline syncs the same orders on
  products without lots (no lot rule);
- ``pos_sync_offline_500_realtime``: the same with a picking per order at sync (Odoo's default,
  *In real time*): the backlog's pickings are made together once its orders are saved; the
  baseline makes and validates them one by one as Odoo does (context
  ``chain_pos_picking_batch=False``).
"""

import copy
import json
import random
import time
import uuid
from datetime import datetime, timedelta

from benchcases import Case
from benchlib import Target

from odoo import Command, fields
from odoo.tools.json import json_default

PARAM = "chain_bench.pos"
PRODUCTS = 3000
LOTS = 20000
ORDERS = 500
LINES_PER_ORDER = 3
LIFE, NEAR, REMOVAL = 720, 240, 7  # days, as the infant-formula policy


def available(env):
    return "chain_scanned_expiry" in env["pos.pack.operation.lot"]._fields


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
def build(env, rng, step):
    return step("pos_lots", _pos_lots, env, rng)


def _store(env):
    return env["chain.store"].search([("kind", "=", "store")], order="id", limit=1)


def _pos_lots(env, rng):
    """3,000 lot-tracked POS products and 20,000 lots with stock in the first store."""
    from benchbuild import _copy  # the builder's COPY helper

    store = _store(env)
    stock = store.warehouse_id.lot_stock_id
    templates = env["product.template"].create(
        [
            {
                "name": f"Formula bench {i:04d}",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": LIFE,
                "alert_time": NEAR,
                "removal_time": REMOVAL,
                "available_in_pos": True,
                "list_price": 100 + i % 200,
                "barcode": f"6950{i:09d}",
                "taxes_id": [Command.clear()],
            }
            for i in range(PRODUCTS)
        ]
    )
    products = templates.product_variant_ids.ids
    env.flush_all()
    cr = env.cr
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM stock_lot")
    lot_base = cr.fetchone()[0] + 1
    now = datetime.now().replace(microsecond=0)
    stamp = fields.Datetime.to_string(now)
    company, uid = env.company.id, env.uid
    uom = env["product.product"].browse(products[0]).uom_id.id
    inventory_date = fields.Date.to_string(stock._get_next_inventory_date())
    lots, quants = [], []
    for k in range(LOTS):
        lot_id = lot_base + k
        product = products[k % PRODUCTS]
        expiry = now + timedelta(days=rng.randrange(-30, LIFE))
        removal = expiry - timedelta(days=REMOVAL)
        # the dates product_expiry computes from the product's alert and removal times
        lots.append((lot_id, f"BPL{k:06d}", product, company, uom, stock.id, expiry, removal,
                     expiry - timedelta(days=NEAR), uid, stamp, uid, stamp))  # fmt: skip
        qty = float(rng.randint(1, 24))
        quants.append((product, company, stock.id, lot_id, qty, 0.0, -qty, False, inventory_date, stamp, removal,
                       uid, stamp, uid, stamp))  # fmt: skip
    _copy(env, "stock_lot", ("id", "name", "product_id", "company_id", "product_uom_id", "location_id",
                             "expiration_date", "removal_date", "alert_date", "create_uid", "create_date",
                             "write_uid", "write_date"), lots)  # fmt: skip
    _copy(env, "stock_quant", ("product_id", "company_id", "location_id", "lot_id", "quantity", "reserved_quantity",
                               "inventory_diff_quantity", "inventory_quantity_set", "inventory_date", "in_date",
                               "removal_date", "create_uid", "create_date", "write_uid", "write_date"),
          quants)  # fmt: skip
    cr.execute("SELECT setval('stock_lot_id_seq', (SELECT MAX(id) FROM stock_lot))")
    cr.execute("ANALYZE stock_lot; ANALYZE stock_quant")
    env.invalidate_all()
    info = {"pos_store_id": store.id, "pos_products": PRODUCTS, "pos_lots": LOTS, "pos_product_ids": products}
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    return {key: value for key, value in info.items() if key != "pos_product_ids"}


def _ensure(env):
    """The POS part of the dataset, built (and committed) on a dataset older than it."""
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: a system parameter
    if not raw:
        started = time.perf_counter()
        _pos_lots(env, random.Random(42))
        env.cr.commit()  # a dataset builder, not business code
        print(f"[bench] built the POS lots in {time.perf_counter() - started:.0f} s", flush=True)
        raw = env["ir.config_parameter"].sudo().get_param(PARAM)
    return json.loads(raw)


def _setup(env):
    info = _ensure(env)
    store = env["chain.store"].browse(info["pos_store_id"])
    config = store.pos_config_ids[:1]
    session = config.current_session_id or env["pos.session"].create({"config_id": config.id})
    user = env["res.users"].search([("chain_store_id", "=", store.id), ("login", "like", "bench.staff.%")], limit=1)
    return {"info": info, "config": config.id, "session": session.id, "user": user.id}


# ----------------------------------------------------------------------
# Session load
# ----------------------------------------------------------------------
def _load(env, ctx, **context):
    session = env["pos.session"].with_user(ctx["user"]).with_context(**context).browse(ctx["session"])
    data = session.load_data([], False)
    payload = json.dumps(data, default=json_default)
    return len(payload.encode()), len(data.get("stock.lot", {}).get("data", []))


def _show_load(ours, base):
    return f"payload {ours[0] / 1e6:.2f} MB with the addon, {base[0] / 1e6:.2f} MB without; {ours[1]} lots loaded"


def _check_load(ours, base):
    added = (ours[0] - base[0]) / 1e6
    return [
        (f"payload added +{added:.2f} MB < 5 MB", added < 5),
        (f"the till received {ours[1]} lots", ours[1] >= LOTS),
    ]


# ----------------------------------------------------------------------
# Offline sync
# ----------------------------------------------------------------------
def _orders(env, ctx, tracked):
    """500 orders as the till sends them; ``tracked``: lot lines, else products without lots."""
    config = env["pos.config"].browse(ctx["config"])
    method = config.payment_method_ids[:1]
    rng = random.Random(7)
    now = fields.Datetime.to_string(fields.Datetime.now())
    if tracked:
        env.cr.execute(
            """
            SELECT l.product_id, l.name, t.list_price FROM stock_lot l
              JOIN product_product p ON p.id = l.product_id JOIN product_template t ON t.id = p.product_tmpl_id
             WHERE l.product_id = ANY(%s) AND l.removal_date > NOW() + INTERVAL '30 days'
            """,
            [ctx["info"]["pos_product_ids"]],
        )
    else:
        env.cr.execute(
            """
            SELECT p.id, NULL, t.list_price FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
             WHERE t.tracking = 'none' AND t.type = 'consu' AND p.active ORDER BY p.id LIMIT 3000
            """
        )
    choices = env.cr.fetchall()
    orders = []
    for _n in range(ORDERS):
        lines = []
        for product_id, lot_name, price in rng.sample(choices, LINES_PER_ORDER):
            price = float(price or 10.0)
            lines.append(
                (0, 0, {
                    "uuid": str(uuid.uuid4()), "product_id": product_id, "qty": 1, "price_unit": price,
                    "price_subtotal": price, "price_subtotal_incl": price, "discount": 0, "tax_ids": [(6, 0, [])],
                    "pack_lot_ids": [(0, 0, {"lot_name": lot_name})] if lot_name else [],
                })
            )  # fmt: skip
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        order_uuid = str(uuid.uuid4())
        orders.append(
            {
                "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": ctx["session"],
                "user_id": ctx["user"], "sequence_number": 1, "date_order": now,
                "pricelist_id": config.pricelist_id.id, "fiscal_position_id": False, "partner_id": False,
                "to_invoice": False, "lines": lines, "access_token": str(uuid.uuid4()),
                "payment_ids": [(0, 0, {"uuid": str(uuid.uuid4()), "amount": total, "name": now,
                                        "payment_method_id": method.id})],
                "amount_paid": total, "amount_total": total, "amount_tax": 0.0, "amount_return": 0.0,
                "last_order_preparation_change": "{}", "state": "paid",
            }
        )  # fmt: skip
    return orders


def _sync(env, ctx, key, one_by_one=False):
    """Sync the 500 orders, then the same 500 again; rolled back. Returns
    (orders in the database, paid, first sync s, second sync s). ``one_by_one``: each order's
    picking made and validated on its own, as Odoo does (in real time)."""
    orders = ctx[key]
    PosOrder = env["pos.order"].with_user(ctx["user"])
    if one_by_one:
        PosOrder = PosOrder.with_context(chain_pos_picking_batch=False)
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_pos_sync")
    try:
        started = time.perf_counter()
        PosOrder.sync_from_ui(copy.deepcopy(orders))
        first = time.perf_counter() - started
        started = time.perf_counter()
        PosOrder.sync_from_ui(copy.deepcopy(orders))
        second = time.perf_counter() - started
        env.flush_all()
        env.cr.execute(
            "SELECT COUNT(*), COUNT(*) FILTER (WHERE state = 'paid') FROM pos_order WHERE uuid = ANY(%s)",
            [[order["uuid"] for order in orders]],
        )
        count, paid = env.cr.fetchone()
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_pos_sync")
        env.invalidate_all()
    return count, paid, round(first, 1), round(second, 1)


def _sync_setup(env, at_closing=True):
    ctx = _setup(env)
    # at closing: Odoo's default, and what a chain with offline tills runs (the stock moves
    # come when the session closes); real time: one picking per order at sync
    env["pos.session"].browse(ctx["session"]).update_stock_at_closing = at_closing
    ctx["tracked"] = _orders(env, ctx, tracked=True)
    ctx["plain"] = _orders(env, ctx, tracked=False)
    return ctx


def _show_sync(ours, base):
    return f"lot lines: first sync {ours[2]} s, redelivery {ours[3]} s; without lots: {base[2]} s, {base[3]} s"


def _check_sync(ours, base, baseline="orders without lots"):
    return [
        (f"{ours[0]} pos.order for {ORDERS} orders synced twice (no duplicate)", ours[0] == ORDERS),
        (f"{ours[1]}/{ORDERS} lot orders paid", ours[1] == ORDERS),
        (f"{base[1]}/{ORDERS} {baseline} paid", base[0] == base[1] == ORDERS),
    ]


def _show_sync_realtime(ours, base):
    return (
        f"pickings made together: first sync {ours[2]} s, redelivery {ours[3]} s; "
        f"one by one (Odoo): {base[2]} s, {base[3]} s"
    )


def _sync_case(name, mode, at_closing, **case):
    """A case syncing the 500 lot orders (``mode``: how stock moves, and the baseline)."""
    return Case(
        name=name,
        doc=f"{ORDERS} offline orders of {LINES_PER_ORDER} lot lines synced in one call, then redelivered; {mode}",
        target=Target("ms", 60000),
        setup=lambda env: _sync_setup(env, at_closing=at_closing),
        ours=lambda env, ctx: _sync(env, ctx, "tracked"),
        repeat=1,
        warmup=False,
        **case,
    )


CASES = [
    Case(
        name="pos_session_load",
        doc=f"POS start-up (pos.session.load_data) of a store with {PRODUCTS} lot-tracked products and "
        f"{LOTS} lots, as its POS user: with the store's lots and override managers vs without",
        target=Target("delta_ms", 1000),
        setup=_setup,
        ours=_load,
        baseline=lambda env, ctx: _load(env, ctx, chain_pos_expiry_off=True),
        notes={"ours": "chain_pos_expiry data loaded", "baseline": "context chain_pos_expiry_off"},
        show=_show_load,
        checks=_check_load,
    ),
    _sync_case(
        "pos_sync_offline_500",
        "stock at closing; rolled back: lot lines (lot rule) vs lines without lots",
        at_closing=True,
        baseline=lambda env, ctx: _sync(env, ctx, "plain"),
        notes={"ours": "lot lines, first sync + redelivery", "baseline": "same orders without lots"},
        show=_show_sync,
        checks=_check_sync,
    ),
    _sync_case(
        "pos_sync_offline_500_realtime",
        "a picking per order at sync; rolled back: the backlog's pickings made together vs one by one as "
        "Odoo makes them (context chain_pos_picking_batch=False)",
        at_closing=False,
        baseline=lambda env, ctx: _sync(env, ctx, "tracked", one_by_one=True),
        notes={"ours": "pickings made together", "baseline": "one picking at a time (Odoo)"},
        show=_show_sync_realtime,
        checks=lambda ours, base: _check_sync(ours, base, baseline="lot orders synced one by one"),
    ),
]
