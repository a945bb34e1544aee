"""Guide commission benchmark of ``chain_pos_commission`` (``scripts/bench run-commission``), run with
Odoo importable.

The dataset (made on the first run in the database ``scripts/bench`` creates with
``chain_pos_commission`` only, without demo data, and committed; the system parameter
``chain_bench.commission`` records it): 500 stores (set-based SQL: the statement reads a store's
time zone, not its warehouse) x 10 guides (through the ORM), one till and one session per store
(cloned rows of one till made through the ORM), 200 products of 5 brands, 3 formula stages and
4 categories (ORM), the chain's rules (all products 1 %, formula category 2 %, one brand 3 % with
tiers at 100 % and 150 % of target, stage 3 formula 2.5 % of margin, one product 2.00 per unit,
a member bonus) and a sales target per guide (ORM); then with set-based SQL the month's POS
orders, 5 lines each, 3,000,000 lines, every line with its guide, plus 100,000 lines of the month
before of which 1 % are refunded during the month (clawbacks).

Measured in the same run, each side on the same rows, every run rolled back:

* ours: one ``chain.commission.statement`` per store for the month, ``action_compute`` on the 500
  (rules resolved per product once, one aggregation over the POS lines, lines written);
* baseline: Odoo's ``_read_group`` on ``pos.order.line`` per employee (sales, cost and quantity per
  product of the employee's lines of the month in their store), the same rules and tiers applied in
  Python; timed on a sample of employees (``--sample``, default 200) and extrapolated to all.

Printed: ours, the baseline (extrapolated), their ratio and the target (ours under 60 s); checked:
the sample's sales and commission are the same on both sides, and the statements hold every line
of the month. Results in ``bench-results/commission.json``.

Usage (internal): benchcommission.py --db NAME --addons-path PATHS [--stores 500] [--per-store 10]
                  [--lines 3000000] [--month 2026-11] [--sample 200] [--repeat 3] [--json PATH]
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

PARAM = "chain_bench.commission"
TARGET_MS = 60_000
EMPLOYEE_CHUNK = 500
LINES_PER_ORDER = 5
TZ_OFFSET = timedelta(hours=8)  # Asia/Shanghai: every bench store's time zone


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


def month_start(month):
    return date.fromisoformat(f"{month}-01")


def next_month(first):
    return (first.replace(day=28) + timedelta(days=4)).replace(day=1)


# ----------------------------------------------------------------------
# Dataset
# ----------------------------------------------------------------------
def build(env, stores, per_store, lines, month, seed):
    """Stores and tills by SQL, staff, products, rules, targets by the ORM, POS lines by SQL. Committed."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    cr = env.cr
    first = month_start(month)
    phases = {}

    def phase(name, func, *args):
        started = time.perf_counter()
        result = func(*args)
        cr.commit()  # a benchmark's dataset, not business code
        phases[name] = round(time.perf_counter() - started, 1)
        print(f"[bench] commission: {name:<12} {phases[name]:8.1f} s", flush=True)
        return result

    env.company.partner_id.tz = "Asia/Shanghai"
    store_ids = phase("stores", _stores, env, stores)
    phase("employees", _employees, env, store_ids, per_store)
    phase("tills", _tills, env, store_ids)
    products = phase("products", _products, env)
    phase("rules", _rules, env, products)
    phase("targets", _targets, env, first)
    cr.execute("SELECT setseed(%s)", (seed / 1000.0,))
    phase("orders", _orders, env, first, lines)
    phase("refunds", _refunds, env, first, lines)
    cr.execute("ANALYZE pos_order; ANALYZE pos_order_line; ANALYZE hr_employee")
    cr.execute("SELECT count(*) FROM pos_order_line")
    count = cr.fetchone()[0]
    info = {"stores": len(store_ids), "employees": len(store_ids) * per_store, "month": month,
            "lines": lines, "pos_order_lines": count, "phases_s": phases, "seed": seed}  # fmt: skip
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    cr.commit()  # a benchmark's dataset, not business code
    print(f"[bench] commission: built {json.dumps(info)}", flush=True)
    return info


def _stores(env, count):
    env.cr.execute(
        """
        INSERT INTO chain_store (company_id, code, name, kind, state, tz, active, sequence,
                                 create_uid, create_date, write_uid, write_date)
        SELECT %s, 'C' || lpad(n::text, 4, '0'), 'Commission Bench Store ' || lpad(n::text, 4, '0'), 'store',
               'open', 'Asia/Shanghai', TRUE, 10, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (env.company.id, count),
    )
    ids = sorted(row[0] for row in env.cr.fetchall())
    env["chain.store"].invalidate_model()
    return ids


def _employees(env, store_ids, per_store):
    guide = env.ref("chain_hr_store.job_guide")
    vals = [{"name": f"Guide {store_id}-{i:02d}", "chain_store_id": store_id, "job_id": guide.id}
            for store_id in store_ids for i in range(1, per_store + 1)]  # fmt: skip
    for start in range(0, len(vals), EMPLOYEE_CHUNK):
        env["hr.employee"].create(vals[start : start + EMPLOYEE_CHUNK])
        env.cr.commit()  # a benchmark's dataset, not business code


def _clone(env, table, source_id, overrides, from_sql, args):
    """INSERT into ``table`` a copy of row ``source_id`` per row of ``from_sql`` (aliased ``src``), the
    columns of ``overrides`` taken from their expressions."""
    env.cr.execute(
        "SELECT column_name FROM information_schema.columns WHERE table_name = %s AND column_name <> 'id'",
        (table,),
    )
    columns = [row[0] for row in env.cr.fetchall()]
    select = ", ".join(overrides.get(c, f't."{c}"') for c in columns)
    names = ", ".join(f'"{c}"' for c in columns)
    env.cr.execute(
        f'INSERT INTO "{table}" ({names}) SELECT {select} FROM "{table}" t, ({from_sql}) src WHERE t.id = %s',
        [*args, source_id],
    )


def _tills(env, store_ids):
    """One till made through the ORM with its session, cloned (rows) for every store."""
    first_store = env["chain.store"].browse(store_ids[0])
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    config_ = env["pos.config"].create({"name": "Bench Till", "picking_type_id": warehouse.pos_type_id.id})
    config_.with_user(env.ref("base.user_admin")).open_ui()  # OdooBot may not open a till
    session = config_.current_session_id
    env.flush_all()
    env.cr.execute("UPDATE pos_config SET chain_store_id = %s WHERE id = %s", (first_store.id, config_.id))
    _clone(env, "pos_config", config_.id, {"chain_store_id": "src.store_id", "name": "'Till ' || src.store_id"},
           "SELECT unnest(%s::int[]) AS store_id", [store_ids[1:]])  # fmt: skip
    _clone(env, "pos_session", session.id,
           {"config_id": "src.config_id", "name": "'Bench/' || src.config_id"},
           "SELECT id AS config_id FROM pos_config WHERE chain_store_id IS NOT NULL AND id <> %s",
           [config_.id])  # fmt: skip


def _products(env):
    Category = env["product.category"]
    baby = Category.create({"name": "Bench Baby"})
    categs = [Category.create({"name": f"Bench {name}", "parent_id": baby.id})
              for name in ("Formula", "Diapers", "Toys", "Care")]  # fmt: skip
    brands = ["飞鹤", "君乐宝", "a2", "美赞臣", "Bench"]
    vals = []
    for n in range(200):
        categ = categs[n % 4]
        vals.append({
            "name": f"Bench product {n:03d}", "categ_id": categ.id, "list_price": 20 + (n % 40) * 10,
            "standard_price": 12 + (n % 40) * 6, "available_in_pos": True,
            "chain_brand": brands[n % 5] if categ == categs[0] else False,
            "chain_formula_stage": str(1 + n % 3) if categ == categs[0] else False,
        })  # fmt: skip
    products = env["product.product"].create(vals)
    return {"products": products, "categs": categs}


def _rules(env, products):
    Rule = env["chain.commission.rule"]
    formula, diapers = products["categs"][0], products["categs"][1]
    one = products["products"].filtered(lambda p: p.categ_id == diapers)[:1]
    Rule.create([
        {"name": "All 1%", "applies_to": "all", "base": "sales", "rate": 1},
        {"name": "Formula 2%", "applies_to": "category", "categ_id": formula.id, "base": "sales", "rate": 2},
        {"name": "Feihe 3%", "applies_to": "brand", "brand": "飞鹤", "base": "sales", "rate": 3,
         "tier_ids": [(0, 0, {"achievement_from": 100, "rate": 4}), (0, 0, {"achievement_from": 150, "rate": 5})]},
        {"name": "Stage 3 margin", "applies_to": "formula_stage", "formula_stage": "3", "base": "margin",
         "rate": 2.5},
        {"name": "One diaper 2.00", "applies_to": "product", "product_tmpl_id": one.product_tmpl_id.id,
         "base": "fixed", "amount": 2},
        {"name": "Member 20", "applies_to": "all", "base": "member_enrolled", "amount": 20},
    ])  # fmt: skip


def _targets(env, first):
    env.cr.execute(
        """
        INSERT INTO chain_commission_target (month, store_id, company_id, employee_id, sales_target,
                                             create_uid, create_date, write_uid, write_date)
        SELECT %s, e.chain_store_id, e.company_id, e.id, 40000 + (e.id %% 7) * 10000,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM hr_employee e WHERE e.chain_store_id IS NOT NULL
        """,
        (first,),
    )


def _orders(env, first, lines):
    """The month's orders and lines (and the month before's 100,000 lines, refunded in part later)."""
    cr = env.cr
    cr.execute(
        """
        CREATE TEMP TABLE bench_staff AS
        SELECT id, chain_store_id AS store_id,
               row_number() OVER (PARTITION BY chain_store_id ORDER BY id) - 1 AS rank
          FROM hr_employee WHERE chain_store_id IS NOT NULL;
        CREATE INDEX ON bench_staff (store_id, rank);
        CREATE TEMP TABLE bench_product AS
        SELECT p.id, row_number() OVER (ORDER BY p.id) - 1 AS rank, t.list_price AS price
          FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
         WHERE t.name->>'en_US' LIKE 'Bench product%%';
        CREATE TEMP TABLE bench_session AS
        SELECT s.id AS session_id, c.id AS config_id, c.chain_store_id AS store_id,
               row_number() OVER (ORDER BY c.chain_store_id) - 1 AS rank
          FROM pos_session s JOIN pos_config c ON c.id = s.config_id WHERE c.chain_store_id IS NOT NULL;
        """
    )
    cr.execute("SELECT count(*) FROM bench_session")
    stores = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM bench_product")
    nproducts = cr.fetchone()[0]
    start = datetime.combine(first, datetime.min.time()) - TZ_OFFSET
    end = datetime.combine(next_month(first), datetime.min.time()) - TZ_OFFSET
    prev = datetime.combine(first - timedelta(days=20), datetime.min.time())
    for label, orders, lo, hi in (("month", lines // LINES_PER_ORDER, start, end),
                                  ("before", 100_000 // LINES_PER_ORDER, prev, start)):  # fmt: skip
        cr.execute(
            """
            INSERT INTO pos_order (company_id, session_id, config_id, name, pos_reference, date_order, state,
                                   amount_tax, amount_total, amount_paid, amount_return,
                                   create_uid, create_date, write_uid, write_date)
            SELECT %(company)s, s.session_id, s.config_id, 'BENCH/' || %(label)s || '/' || g,
                   'BENCH-' || %(label)s || '-' || g, d, 'paid', 0, 0, 0, 0, 1, d, 1, d
              FROM (SELECT g, %(lo)s::timestamp + random() * (%(hi)s::timestamp - %(lo)s::timestamp) AS d
                      FROM generate_series(1, %(orders)s) g) x
              JOIN bench_session s ON s.rank = g %% %(stores)s
            """,
            {"company": env.company.id, "label": label, "orders": orders, "lo": lo, "hi": hi, "stores": stores},
        )
        cr.execute(
            """
            INSERT INTO pos_order_line (order_id, product_id, name, full_product_name, qty, price_unit, discount,
                                        price_subtotal, price_subtotal_incl, total_cost, chain_guide_id,
                                        company_id, create_uid, create_date, write_uid, write_date)
            SELECT o.id, p.id, 'BENCH', 'BENCH', q.qty, p.price, 0, q.qty * p.price, q.qty * p.price,
                   round(q.qty * p.price * 0.6, 2), st.id, o.company_id, 1, o.date_order, 1, o.date_order
              FROM pos_order o
              JOIN bench_session s ON s.session_id = o.session_id
             CROSS JOIN generate_series(1, %(per_order)s) k
             CROSS JOIN LATERAL (SELECT 1 + ((o.id + k) %% 3) AS qty) q
              JOIN bench_product p ON p.rank = (o.id * 7 + k * 13) %% %(nproducts)s
              JOIN bench_staff st ON st.store_id = s.store_id AND st.rank = (o.id + k * 3) %% 10
             WHERE o.name LIKE 'BENCH/' || %(label)s || '/%%'
            """,
            {"per_order": LINES_PER_ORDER, "nproducts": nproducts, "label": label},
        )
        print(f"[bench] commission:   {label}: {orders} orders", flush=True)


def _refunds(env, first, lines):
    """1 % of the month before's lines refunded in full during the month (by the same till)."""
    cr = env.cr
    start = datetime.combine(first, datetime.min.time()) - TZ_OFFSET
    cr.execute(
        """
        CREATE TEMP TABLE bench_refund AS
        SELECT l.id AS line_id, o.session_id, o.config_id, o.company_id,
               %(start)s::timestamp + random() * interval '25 days' AS d
          FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id
         WHERE o.name LIKE 'BENCH/before/%%' AND l.id %% 100 = 0;
        INSERT INTO pos_order (company_id, session_id, config_id, name, pos_reference, date_order, state,
                               amount_tax, amount_total, amount_paid, amount_return,
                               create_uid, create_date, write_uid, write_date)
        SELECT company_id, session_id, config_id, 'BENCH/refund/' || line_id, 'BENCH-refund-' || line_id,
               d, 'paid', 0, 0, 0, 0, 1, d, 1, d
          FROM bench_refund;
        INSERT INTO pos_order_line (order_id, product_id, name, full_product_name, qty, price_unit, discount,
                                    price_subtotal, price_subtotal_incl, total_cost, chain_guide_id,
                                    refunded_orderline_id, company_id, create_uid, create_date, write_uid,
                                    write_date)
        SELECT o.id, l.product_id, 'BENCH', 'BENCH', -l.qty, l.price_unit, 0, -l.price_subtotal,
               -l.price_subtotal_incl, -l.total_cost, l.chain_guide_id, l.id, o.company_id, 1, o.date_order,
               1, o.date_order
          FROM bench_refund r
          JOIN pos_order o ON o.name = 'BENCH/refund/' || r.line_id
          JOIN pos_order_line l ON l.id = r.line_id;
        """,
        {"start": start},
    )


# ----------------------------------------------------------------------
# The two sides
# ----------------------------------------------------------------------
def ours(env, first):
    """Every store's statement of the month, computed at once; ``{employee: (sales, commission)}``."""
    stores = env["chain.store"].search([("code", "=like", "C%")])
    Statement = env["chain.commission.statement"]
    statements = Statement.create([{"store_id": store.id, "month": first} for store in stores])
    statements.action_compute()
    env.flush_all()
    env.cr.execute(
        """SELECT l.employee_id, l.sales, l.commission FROM chain_commission_statement_line l
            WHERE l.statement_id = ANY(%s)""",
        (statements.ids,),
    )
    return {e: (round(float(s), 2), round(float(c), 2)) for e, s, c in env.cr.fetchall()}


def baseline(env, first, employee_ids):
    """The same figures through Odoo's ``_read_group``, one employee at a time: the employee's lines of
    the month in their store by product, then the rules and tiers in Python."""
    from odoo.addons.chain_pos_commission.lib import commission as lib

    Line = env["pos.order.line"]
    Statement = env["chain.commission.statement"]
    Target = env["chain.commission.target"]
    lo = datetime.combine(first, datetime.min.time()) - TZ_OFFSET
    hi = datetime.combine(next_month(first), datetime.min.time()) - TZ_OFFSET
    rules = env["chain.commission.rule"]._chain_rules_for(env.company, first, next_month(first) - timedelta(days=1))
    line_rules = rules.filtered(lambda r: not r._chain_is_bonus())
    lib_rules = [rule._chain_lib_rule() for rule in line_rules]
    tiers = {rule.id: rule._chain_lib_tiers() for rule in line_rules}
    by_id = {rule.id: rule for rule in line_rules}
    made = {}
    for employee in env["hr.employee"].browse(employee_ids):
        groups = Line._read_group(
            [("chain_guide_id", "=", employee.id), ("order_id.date_order", ">=", lo), ("order_id.date_order", "<", hi),
             ("order_id.state", "in", ["paid", "done", "invoiced"]), ("refunded_orderline_id", "=", False),
             ("order_id.config_id.chain_store_id", "=", employee.chain_store_id.id)],
            ["product_id"], ["price_subtotal:sum", "total_cost:sum", "qty:sum"],
        )  # fmt: skip
        target = sum(Target.search([("month", "=", first), ("employee_id", "=", employee.id)]).mapped("sales_target"))
        sales = sum(row[1] for row in groups)
        achievement = lib.achievement(sales, target)
        products = {p.id: p for p in line_rules._chain_lib_products(env["product.product"].browse(
            [row[0].id for row in groups]))}  # fmt: skip
        commission = 0.0
        for product, subtotal, cost, qty in groups:
            rule_id = lib.resolve(lib_rules, products[product.id])
            if not rule_id:
                continue
            rule = by_id[rule_id]
            rate, amount = Statement._chain_rate(rule, tiers[rule_id], achievement)
            commission += lib.earn(rule.base, rate, amount, sales=subtotal, margin=subtotal - cost, qty=qty)
        made[employee.id] = (round(sales, 2), round(commission, 2))
    return made


def _timed(registry, func, *args):
    """Run ``func(env, *args)`` in a transaction rolled back after; returns (ms, result)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        env["chain.commission.statement"].search([], limit=1)  # a warm registry, as in production
        started = time.perf_counter()
        result = func(env, *args)
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        cr.rollback()
    return elapsed, result


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--per-store", type=int, default=10)
    parser.add_argument("--lines", type=int, default=3_000_000)
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--sample", type=int, default=200)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--json", default="bench-results/commission.json")
    args = parser.parse_args(argv)

    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(PARAM)
        info = json.loads(raw) if raw else None
        wanted = (args.stores, args.stores * args.per_store, args.month, args.lines)
        if info and (info["stores"], info["employees"], info["month"], info["lines"]) != wanted:
            print(f"[bench] commission: {args.db} holds another dataset ({raw}): use --force", file=sys.stderr)
            return 2
        if not info:
            print(f"[bench] commission: building {args.stores} stores x {args.per_store} guides, "
                  f"{args.lines} lines in {args.month}", flush=True)  # fmt: skip
            info = build(env, args.stores, args.per_store, args.lines, args.month, args.seed)
    first = month_start(args.month)
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM hr_employee WHERE chain_store_id IS NOT NULL ORDER BY id")
        employees = [row[0] for row in cr.fetchall()]
        lo = datetime.combine(first, datetime.min.time()) - TZ_OFFSET
        hi = datetime.combine(next_month(first), datetime.min.time()) - TZ_OFFSET
        cr.execute(
            """SELECT count(*), coalesce(sum(l.price_subtotal), 0) FROM pos_order_line l
                 JOIN pos_order o ON o.id = l.order_id
                WHERE o.date_order >= %s AND o.date_order < %s AND l.refunded_orderline_id IS NULL""",
            (lo, hi),
        )
        month_lines, month_sales = cr.fetchone()
    sample = random.Random(args.seed).sample(employees, min(args.sample, len(employees)))
    scale = len(employees) / len(sample)

    ours_ms, base_ms, ours_figures, base_figures = [], [], {}, {}
    for run in range(args.repeat):
        ms, ours_figures = _timed(registry, ours, first)
        ours_ms.append(ms)
        print(f"[bench] commission: ours run {run + 1}: {ms / 1000:.1f} s, {len(ours_figures)} employees", flush=True)
    for run in range(args.repeat):
        ms, base_figures = _timed(registry, baseline, first, sample)
        base_ms.append(ms * scale)
        print(f"[bench] commission: baseline run {run + 1}: {ms / 1000:.1f} s for {len(sample)} employees, "
              f"{ms * scale / 1000:.1f} s extrapolated to {len(employees)}", flush=True)  # fmt: skip
    mismatches = [e for e in base_figures
                  if ours_figures.get(e) is None or abs(ours_figures[e][0] - base_figures[e][0]) > 0.01
                  or abs(ours_figures[e][1] - base_figures[e][1]) > 0.05]  # fmt: skip
    total_sales = round(sum(s for s, _c in ours_figures.values()), 2)
    checks = [
        (f"the sample's sales and commission are the same on both sides ({len(mismatches)} differ)", not mismatches),
        (f"the statements hold every line of the month ({month_lines} lines, sales {float(month_sales):.2f} = "
         f"{total_sales:.2f})", abs(float(month_sales) - total_sales) < 1),
    ]  # fmt: skip
    result = summarize(
        "commission_statement_month",
        ours_ms,
        base_ms,
        Target("ms", TARGET_MS),
        note=f"{len(employees)} guides in {info['stores']} stores, {month_lines} POS lines, {args.month}; "
        f"baseline: _read_group per employee on {len(sample)} employees x {scale:g}",
    )
    meta = {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)), "at": datetime.utcnow().isoformat(timespec="seconds")}  # fmt: skip
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
