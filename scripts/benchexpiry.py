"""Expiry and recall part of the scale dataset and benchmarks (``chain_stock_expiry``, ``chain_stock_recall``).

Builder phases (called by :func:`benchbuild.build` when the addons are installed):

- ``expiry``: lot-tracked products get an expiry date; every lot gets expiry,
  near-expiry (alert), last-sale and removal dates like the infant-formula
  policy would give them, spread so that about 1 % of the lot quants are past
  their removal date and about 10 % in an alert stage;
- ``pos``: a point of sale and a session per store, then POS history (orders,
  lines, lot rows linked to the real lot) inserted with ``COPY``, 40 % of orders
  with a customer; one "recall lot" is sold in every store.

Cases (added to ``benchcases.CASES``): the near-expiry worklist for one store
and for the chain, the recall trace of the recall lot, and the daily quarantine job.
"""

import json
import time
from datetime import datetime, timedelta

from benchcases import Case, _cold
from benchlib import Target

from odoo import Command, fields

LIFE = 720
NEAR, LAST_SALE, REMOVAL = 240, 30, 7  # days before expiry, as the formula policy
PARTNERS = 5000
CUSTOMER_SHARE = 0.4
TRACKED_LINE_SHARE = 0.3
WORKLIST_SPEC = {
    "store_id": {"fields": {"display_name": {}}},
    "product_id": {"fields": {"display_name": {}}},
    "lot_id": {"fields": {"display_name": {}}},
    "expiration_date": {},
    "days_left": {},
    "stage": {},
    "quantity": {},
    "value": {},
}


def available(env):
    return "chain.expiry.worklist" in env and "chain.recall" in env


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
def build(env, rng, step, pos_lines=200_000):
    """Run the expiry and POS phases through ``step`` (commits after each)."""
    step("expiry", _expiry, env, rng)
    return step("pos", _pos, env, rng, pos_lines)


def _expiry(env, rng):
    cr = env.cr
    cr.execute(
        """
        UPDATE product_template t SET use_expiration_date = TRUE, expiration_time = %s
          FROM product_product p WHERE p.product_tmpl_id = t.id AND t.tracking = 'lot'
        """,
        [LIFE],
    )
    cr.execute("SELECT id FROM stock_lot ORDER BY id")
    lot_ids = [row[0] for row in cr.fetchall()]
    # lot quants are ~77 % of all quants: 1.3 % of lots past removal ~ 1 % of all quants
    now = datetime.now().replace(microsecond=0)
    values = []
    for lot_id in lot_ids:
        draw = rng.random()
        if draw < 0.013:
            days_left = rng.randint(-10, REMOVAL - 1)  # past removal or expired
        elif draw < 0.113:
            days_left = rng.randint(REMOVAL, NEAR)  # near expiry or last sale
        else:
            days_left = rng.randint(NEAR + 1, LIFE)
        expiry = now + timedelta(days=days_left)
        values.append((lot_id, expiry, expiry - timedelta(days=LIFE)))
    cr.execute("CREATE TEMP TABLE bench_lot_dates (id int, expiry timestamp, produced timestamp) ON COMMIT DROP")
    chunk = 5000
    for start in range(0, len(values), chunk):
        args = ",".join(cr.mogrify("(%s,%s,%s)", row).decode() for row in values[start : start + chunk])
        cr.execute(f"INSERT INTO bench_lot_dates VALUES {args}")  # values built by mogrify
    cr.execute(
        """
        UPDATE stock_lot l
           SET expiration_date = d.expiry, use_date = d.expiry,
               alert_date = d.expiry - interval '%(near)s days',
               chain_last_sale_date = d.expiry - interval '%(last)s days',
               removal_date = d.expiry - interval '%(removal)s days',
               chain_production_date = d.produced::date
          FROM bench_lot_dates d WHERE d.id = l.id
        """
        % {"near": NEAR, "last": LAST_SALE, "removal": REMOVAL}  # integers of this module
    )
    cr.execute("UPDATE stock_quant q SET removal_date = l.removal_date FROM stock_lot l WHERE l.id = q.lot_id")
    cr.execute(
        """
        SELECT COUNT(*) FILTER (WHERE q.removal_date <= NOW() AT TIME ZONE 'UTC'), COUNT(*)
          FROM stock_quant q
        """
    )
    past, total = cr.fetchone()
    env.invalidate_all()
    return f"{len(lot_ids)} lots dated; {past} of {total} quants past removal ({100 * past / total:.2f} %)"


def _pos(env, rng, line_count):
    """POS configs and sessions through the ORM, then orders, lines and lot rows by COPY."""
    from benchbuild import _copy  # the builder's COPY helper

    stores = env["chain.store"].search([("kind", "=", "store")], order="id")
    # a card method (no cash journal) can be shared by every till of the dataset
    card = env["pos.payment.method"].create({"name": "Card (bench)"})
    configs = env["pos.config"].create(
        [
            {"name": f"POS {store.code}", "picking_type_id": store.warehouse_id.pos_type_id.id,
             "payment_method_ids": [Command.set(card.ids)]}
            for store in stores
        ]
    )  # fmt: skip
    Session = env["pos.session"]
    sessions = Session.concat(*(Session.create({"config_id": config.id, "user_id": env.uid}) for config in configs))
    partners = env["res.partner"].create([{"name": f"Member {i:05d}", "phone": f"+86 139 {i:08d}"}
                                          for i in range(PARTNERS)])  # fmt: skip
    env.flush_all()
    cr = env.cr
    cr.execute(
        """
        SELECT p.id, t.list_price, t.tracking = 'lot' FROM product_product p
          JOIN product_template t ON t.id = p.product_tmpl_id ORDER BY p.id
        """
    )
    products = cr.fetchall()
    tracked = [(pid, price) for pid, price, is_tracked in products if is_tracked]
    untracked = [(pid, price) for pid, price, is_tracked in products if not is_tracked]
    cr.execute("SELECT product_id, id, name FROM stock_lot ORDER BY id")
    lots = {}
    for pid, lot_id, name in cr.fetchall():
        lots.setdefault(pid, []).append((lot_id, name))
    recall_product = tracked[0][0]
    recall_lot_id, recall_lot_name = lots[recall_product][0]
    company = env.company.id
    uid = env.uid
    stamp = fields.Datetime.to_string(fields.Datetime.now())
    now = datetime.now().replace(microsecond=0)
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM pos_order")
    order_base = cr.fetchone()[0] + 1
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM pos_order_line")
    line_base = cr.fetchone()[0] + 1
    orders, lines, lot_rows = [], [], []
    session_list = list(zip(sessions.ids, configs.ids, strict=True))
    order_id, line_id = order_base - 1, line_base - 1
    n_lines = 0
    store_index = 0
    while n_lines < line_count:
        order_id += 1
        session_id, config_id = session_list[store_index % len(session_list)]
        store_index += 1
        partner = partners[rng.randrange(PARTNERS)].id if rng.random() < CUSTOMER_SHARE else None
        when = fields.Datetime.to_string(now - timedelta(minutes=rng.randrange(90 * 24 * 60)))
        total = 0.0
        first_round = order_id - order_base < len(session_list)  # each store's first order sells the recall lot
        for k in range(rng.randint(1, 4)):
            line_id += 1
            n_lines += 1
            if first_round and k == 0:
                pid, price, lot = recall_product, 100.0, (recall_lot_id, recall_lot_name)
            elif rng.random() < TRACKED_LINE_SHARE:
                pid, price = tracked[rng.randrange(len(tracked))]
                lot = lots[pid][rng.randrange(len(lots[pid]))]
            else:
                pid, price = untracked[rng.randrange(len(untracked))]
                lot = None
            qty = rng.randint(1, 3)
            amount = round((price or 10.0) * qty, 2)
            total += amount
            lines.append((line_id, f"L{line_id}", order_id, pid, company, qty, price or 10.0, amount, amount,
                          0.0, uid, stamp, uid, stamp))  # fmt: skip
            if lot:
                lot_rows.append((line_id, lot[1], lot[0], uid, stamp, uid, stamp))
        orders.append((order_id, f"Order {order_id:08d}", session_id, config_id, company, partner, when,
                       round(total, 2), 0.0, round(total, 2), 0.0, "done", uid, stamp, uid, stamp))  # fmt: skip
    _copy(env, "pos_order", ("id", "name", "session_id", "config_id", "company_id", "partner_id", "date_order",
                             "amount_total", "amount_tax", "amount_paid", "amount_return", "state", "create_uid",
                             "create_date", "write_uid", "write_date"), orders)  # fmt: skip
    _copy(env, "pos_order_line", ("id", "name", "order_id", "product_id", "company_id", "qty", "price_unit",
                                  "price_subtotal", "price_subtotal_incl", "discount", "create_uid", "create_date",
                                  "write_uid", "write_date"), lines)  # fmt: skip
    _copy(env, "pos_pack_operation_lot", ("pos_order_line_id", "lot_name", "chain_lot_id", "create_uid",
                                          "create_date", "write_uid", "write_date"), lot_rows)  # fmt: skip
    for table in ("pos_order", "pos_order_line"):
        cr.execute(f"SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")  # our table names
    cr.execute("ANALYZE pos_order; ANALYZE pos_order_line; ANALYZE pos_pack_operation_lot")
    env.invalidate_all()
    return {
        "pos_orders": len(orders),
        "pos_lines": len(lines),
        "pos_lot_rows": len(lot_rows),
        "recall_lot_id": recall_lot_id,
        "recall_product_id": recall_product,
    }


# ----------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------
def _setup(env):
    env.cr.execute(
        """
        SELECT s.manager_id, s.id FROM chain_store s
          JOIN stock_location l ON l.warehouse_id = s.warehouse_id
          JOIN stock_quant q ON q.location_id = l.id
         WHERE s.manager_id IS NOT NULL GROUP BY s.id ORDER BY COUNT(*) DESC LIMIT 1
        """
    )
    row = env.cr.fetchone()
    hq = env.ref("base.user_admin").id
    if not row:
        store = env["chain.store"].search([("kind", "=", "store")], limit=1)
        user = env["res.users"].search([("chain_store_id", "=", store.id)], limit=1)
        row = (user.id, store.id)
    return {"store_manager": row[0], "store_id": row[1], "hq": hq}


def _worklist_ours(env, uid):
    worklist = env["chain.expiry.worklist"].with_user(uid)
    # the list view asks for 80 rows and counts up to the web client's limit (10,000)
    page = worklist.web_search_read([("in_quarantine", "=", False)], WORKLIST_SPEC, limit=80, count_limit=10001)
    pivot = worklist.web_read_group([("in_quarantine", "=", False)], ["value:sum", "quantity:sum"],
                                    ["store_id", "stage"], lazy=False)  # fmt: skip
    return page["length"], sorted((g["store_id"][0], g["stage"], round(g["value"], 2)) for g in pivot["groups"])


def _worklist_baseline(env, uid):
    """The same figures without the SQL view: quants of lots in an alert stage, then Python."""
    now = fields.Datetime.now()
    quants = (
        env["stock.quant"]
        .with_user(uid)
        .search(
            [
                ("lot_id.alert_date", "<=", now),
                ("quantity", ">", 0),
                ("location_id.usage", "=", "internal"),
                ("location_id.chain_quarantine", "=", False),
                ("location_id.warehouse_id.chain_store_id", "!=", False),
            ]
        )
    )
    totals = {}
    for quant in quants:
        lot = quant.lot_id
        if lot.expiration_date <= now:
            stage = "expired"
        elif lot.removal_date and lot.removal_date <= now:
            stage = "removal"
        elif lot.chain_last_sale_date and lot.chain_last_sale_date <= now:
            stage = "last_sale"
        else:
            stage = "near"
        key = (quant.location_id.warehouse_id.chain_store_id.id, stage)
        totals[key] = totals.get(key, 0.0) + quant.quantity * quant.product_id.standard_price
    return min(len(quants), 10001), sorted((store, stage, round(value, 2)) for (store, stage), value in totals.items())


def _recall(env):
    # sudo: a system parameter, read by the superuser that runs the benchmarks
    data = json.loads(env["ir.config_parameter"].sudo().get_param("chain_bench.dataset") or "{}")
    lot = env["stock.lot"].browse(data.get("recall_lot_id"))
    recall = env["chain.recall"].create({"product_id": lot.product_id.id, "lot_ids": [Command.set(lot.ids)],
                                         "reason": "bench"})  # fmt: skip
    return {"recall": recall.id, "lot": lot.id, "hq": env.ref("base.user_admin").id}


def _trace_ours(env, ctx):
    recall = env["chain.recall"].with_user(ctx["hq"]).browse(ctx["recall"])
    recall._trace()
    env.cr.execute(
        """
        SELECT COUNT(*) FROM pos_pack_operation_lot pl JOIN stock_lot l ON l.id = %s
         WHERE pl.lot_name = l.name AND pl.pos_order_line_id IN
               (SELECT id FROM pos_order_line WHERE product_id = l.product_id)
        """,
        [ctx["lot"]],
    )
    carrying = env.cr.fetchone()[0]
    found = len(recall.customer_line_ids.filtered(lambda c: c.source == "pos")) + sum(
        recall.store_line_ids.mapped("anonymous_order_count")
    )
    return len(recall.store_ids), found, carrying


def _trace_baseline(env, ctx):
    """Without the lot link: POS lines by the typed lot text, then Python per order."""
    lot = env["stock.lot"].browse(ctx["lot"])
    lines = (
        env["pos.order.line"]
        .with_user(ctx["hq"])
        .search([("pack_lot_ids.lot_name", "=", lot.name), ("product_id", "=", lot.product_id.id)])
    )
    buyers, anonymous = {}, {}
    for line in lines:
        order = line.order_id
        store = order.config_id.chain_store_id.id
        if order.partner_id:
            buyers[(order.partner_id.id, order.id)] = (order.partner_id.phone, line.qty)
        else:
            anonymous.setdefault(store, set()).add(order.id)
    stores = {line.order_id.config_id.chain_store_id.id for line in lines}
    return len(stores), len(buyers) + sum(len(v) for v in anonymous.values()), len(lines)


class _Quarantine:
    """The daily quarantine job over the dataset, undone after each run (savepoint)."""

    @classmethod
    def run(cls, env, batch_seconds, standard=False):
        cron = env.ref("chain_stock_expiry.ir_cron_chain_quarantine")
        Quant = env["stock.quant"].with_context(chain_quarantine_standard=standard)
        durations, moved = [], 0
        env.flush_all()
        env.cr.execute("SAVEPOINT bench_quarantine")
        try:
            while True:
                _cron, progress = cron._add_progress()
                started = time.perf_counter()
                Quant.with_context(ir_cron_progress_id=progress.id)._chain_cron_quarantine(batch_seconds=batch_seconds)
                env.flush_all()
                env.invalidate_all()  # the cron commits each batch, which clears the caches
                durations.append(time.perf_counter() - started)
                moved += progress.done
                if not progress.remaining:
                    break
        finally:
            env.cr.execute("ROLLBACK TO SAVEPOINT bench_quarantine")
            env.invalidate_all()
        _cold(env)
        return moved, len(durations), round(max(durations), 1)


def _quarantine_setup(env):
    env.cr.execute("SELECT COUNT(*) FROM stock_quant WHERE removal_date <= NOW() AT TIME ZONE 'UTC' AND quantity > 0")
    return {"due": env.cr.fetchone()[0]}


CASES = [
    Case(
        name="expiry_worklist_store",
        doc="Near-expiry worklist of one store as its manager (list page + pivot by stage): "
        "SQL view vs stock.quant search + Python",
        target=Target("ratio", 0.25),
        setup=_setup,
        ours=lambda env, ctx: _worklist_ours(env, ctx["store_manager"]),
        baseline=lambda env, ctx: _worklist_baseline(env, ctx["store_manager"]),
        notes={"ours": "store manager, chain.expiry.worklist", "baseline": "store manager, quants + loops"},
        show=lambda ours, base: f"rows: view {ours[0]}, quant search {base[0]}; same totals: {ours[1] == base[1]}",
    ),
    Case(
        name="expiry_worklist_chain",
        doc="Near-expiry worklist of the whole chain as HQ (list page + pivot store x stage): "
        "SQL view vs stock.quant search + Python",
        target=Target("ratio", 0.2),
        setup=_setup,
        ours=lambda env, ctx: _worklist_ours(env, ctx["hq"]),
        baseline=lambda env, ctx: _worklist_baseline(env, ctx["hq"]),
        notes={"ours": "chain manager, chain.expiry.worklist", "baseline": "chain manager, quants + loops"},
        show=lambda ours, base: f"rows: view {ours[0]}, quant search {base[0]}; same totals: {ours[1] == base[1]}",
    ),
    Case(
        name="recall_trace",
        doc="Recall trace of one lot sold in every store (stock, POS buyers, anonymous sales, deliveries, "
        "receipts): lot link + SQL vs POS lines searched by lot text + Python",
        target=Target("ms", 1000),
        setup=_recall,
        ours=_trace_ours,
        baseline=_trace_baseline,
        notes={"ours": "chain.recall._trace()", "baseline": "pos.order.line by pack lot name"},
        show=lambda ours, base: (
            f"stores {ours[0]}; POS orders found {ours[1]} for {ours[2]} POS lot rows carrying the lot "
            f"({100.0 * ours[1] / ours[2] if ours[2] else 100:.0f} % of orders traced; baseline found {base[1]})"
        ),
    ),
    Case(
        name="quarantine_job",
        doc="Daily quarantine job over the dataset (1 % past removal), batched by 20 s, rolled back: "
        "whole quants relocated in bulk vs Odoo's per-line quant bookkeeping (same job, same batches)",
        target=Target("ms", 60000),
        setup=_quarantine_setup,
        ours=lambda env, ctx: _Quarantine.run(env, 20),
        baseline=lambda env, ctx: _Quarantine.run(env, 20, standard=True),
        repeat=1,
        warmup=False,
        notes={"ours": "bulk relocation, 20 s batches", "baseline": "Odoo's _synchronize_quant, 20 s batches"},
        show=lambda ours, base: (
            f"warehouses {ours[0]} in {ours[1]} batches, longest {ours[2]} s "
            f"(Odoo's bookkeeping: {base[1]} batches, longest {base[2]} s)"
        ),
    ),
]
