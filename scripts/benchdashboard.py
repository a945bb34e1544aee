"""Dashboard part of the scale dataset and benchmarks (``chain_dashboard``).

Builder phase ``dashboard_pos_history`` (run by the first case that needs it, and committed):
POS history brought to ``CHAIN_BENCH_DASHBOARD_LINES`` order lines (default 10,000,000) over the
91 days before today, spread over every open POS session of the dataset (one per store), about
4 lines per order, one order in three with a member, with set-based SQL (``generate_series``) in
chunks of 1,000,000 lines; then the dashboard summaries are rebuilt (the time is printed).

Cases (added to ``benchcases.CASES``), "this month" for the whole chain, as the chain manager:

- ``dashboard_month_vs_read_group``: ``chain.dashboard.get_dashboard_data`` (cards, comparisons,
  store ranking, regions, trend) vs the same sales, tickets and units the Odoo way: a
  ``pos.order`` ``_read_group`` by point of sale plus a ``pos.order.line`` ``_read_group`` by
  day (target: at most 1/10 of the baseline);
- ``dashboard_month_vs_summary_sql``: the same call vs the same figures hand-written on the
  summary table (by store with its names, by day, the previous period's and last year's totals:
  the physical reference; target: at most 3x); ``dashboard_month_categ_vs_summary_sql`` the same
  under a category filter (the category summary);
- ``dashboard_stock_month``: the stock figures (``get_dashboard_stock``: live quants and the last
  sale days) for the chain, target below 1 s; baseline one hand-written scan of the quants;
- ``dashboard_export_100k``: the Excel export of store sales by product of the whole chain for one
  day on which each store sold 200 different products (builder phase ``export_day``, 100 days ago:
  100,000 rows at 500 stores), target below 30 s; checks: every row, and the process's
  peak resident memory below 500 MB; baseline the same SELECT fetched at once;
- ``dashboard_refresh_day``: re-aggregating yesterday for every store (target 30 s), baseline a
  plain ``SELECT`` of the same aggregate without writing.
"""

import contextlib
import io
import json
import os
import threading
import time
from datetime import datetime, timedelta

from benchcases import Case
from benchlib import Target

from odoo.tools import SQL

PARAM = "chain_bench.dashboard"
LINES = int(os.environ.get("CHAIN_BENCH_DASHBOARD_LINES") or 10_000_000)
DAYS = 91
CHUNK = 1_000_000
LINES_PER_ORDER = 4
# the export case: one day of the chain, this many days ago (before the history above, so no
# other case reads it), on which every store sells EXPORT_PRODUCTS products once each
EXPORT_DAYS_AGO = DAYS + 9
EXPORT_PRODUCTS = 200
EXPORT_PARAM = "chain_bench.dashboard_export"


def available(env):
    return "chain.dashboard" in env


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
def _pos_inputs(cr):
    """(sessions, their configs) of the stores' open POS sessions, in store order, and (products,
    their prices) of the products sold in the POS: the arrays the builders draw from."""
    cr.execute(
        """SELECT array_agg(s.id ORDER BY c.chain_store_id, s.id),
                  array_agg(s.config_id ORDER BY c.chain_store_id, s.id)
             FROM pos_session s JOIN pos_config c ON c.id = s.config_id
            WHERE s.state != 'closed' AND c.chain_store_id IS NOT NULL"""
    )
    sessions, configs = cr.fetchone()
    cr.execute(
        """SELECT array_agg(p.id ORDER BY p.id), array_agg(t.list_price ORDER BY p.id)
             FROM product_product p JOIN product_template t ON t.id = p.product_tmpl_id
            WHERE t.available_in_pos AND p.active"""
    )
    products, prices = cr.fetchone()
    return sessions, configs, products, prices


def _pos_history(env):
    """Add POS orders and lines until the dataset holds ``LINES`` lines, then rebuild."""
    cr = env.cr
    env.flush_all()
    cr.execute("SELECT count(*) FROM pos_order_line")
    missing = LINES - cr.fetchone()[0]
    sessions, configs, products, prices = _pos_inputs(cr)
    cr.execute("SELECT id FROM res_partner WHERE active ORDER BY id LIMIT 1000")
    partners = [row[0] for row in cr.fetchall()]
    company, uid = env.company.id, env.uid
    now = datetime.now().replace(microsecond=0)
    minutes = DAYS * 24 * 60
    done = 0
    while missing > 0:
        lines = min(CHUNK, missing)
        orders = -(-lines // LINES_PER_ORDER)
        cr.execute("SELECT COALESCE(MAX(id), 0) FROM pos_order")
        base = cr.fetchone()[0]
        cr.execute(
            """
            INSERT INTO pos_order (id, name, pos_reference, session_id, config_id, company_id, date_order,
                                   state, partner_id, amount_tax, amount_total, amount_paid, amount_return,
                                   create_uid, create_date, write_uid, write_date)
            SELECT %(base)s + g, 'BENCH-DSH/' || (%(base)s + g), 'BENCH-DSH-' || (%(base)s + g),
                   (%(sessions)s::int[])[1 + g %% %(n_sessions)s],
                   (%(configs)s::int[])[1 + g %% %(n_sessions)s], %(company)s,
                   %(now)s::timestamp - make_interval(mins => ((g::bigint * 7919) %% %(minutes)s)::int),
                   'done', CASE WHEN g %% 3 = 0 THEN (%(partners)s::int[])[1 + g %% %(n_partners)s] END,
                   0, 0, 0, 0, %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM generate_series(1, %(orders)s) g
            """,
            {"base": base, "sessions": sessions, "configs": configs, "n_sessions": len(sessions),
             "company": company, "now": now, "minutes": minutes, "partners": partners,
             "n_partners": len(partners), "uid": uid, "orders": orders},
        )  # fmt: skip
        cr.execute(
            """
            INSERT INTO pos_order_line (name, order_id, product_id, company_id, qty, price_unit,
                                        price_subtotal, price_subtotal_incl, total_cost, discount,
                                        create_uid, create_date, write_uid, write_date)
            SELECT 'BENCH-DSH', %(base)s + 1 + (g - 1) / %(per)s, (%(products)s::int[])[1 + k],
                   %(company)s, q, p, round(q * p / 1.13, 2), q * p, round(q * p * 0.6, 2), 0,
                   %(uid)s, %(now)s, %(uid)s, %(now)s
              FROM generate_series(1, %(lines)s) g,
                   LATERAL (SELECT ((g::bigint * 104729) %% %(n_products)s)::int AS k, 1 + g %% 3 AS q) r,
                   LATERAL (SELECT (%(prices)s::numeric[])[1 + r.k] AS p) pr
            """,
            {"base": base, "per": LINES_PER_ORDER, "products": products, "prices": prices,
             "n_products": len(products), "company": company, "uid": uid, "now": now, "lines": lines},
        )  # fmt: skip
        cr.execute("SELECT setval('pos_order_id_seq', (SELECT MAX(id) FROM pos_order))")
        cr.commit()  # a dataset builder, not business code: one chunk per transaction
        missing -= lines
        done += lines
        print(f"[bench] dashboard: {done} POS lines added", flush=True)
    cr.execute("ANALYZE pos_order; ANALYZE pos_order_line")
    started = time.perf_counter()
    today = env["chain.dashboard"]._chain_today()
    env["chain.dashboard"]._chain_rebuild(today - timedelta(days=DAYS + 1), today)
    rebuild = time.perf_counter() - started
    cr.execute("ANALYZE chain_dashboard_daily; ANALYZE chain_dashboard_daily_categ")
    cr.execute("SELECT count(*) FROM pos_order_line")
    info = {"lines": cr.fetchone()[0], "rebuild_s": round(rebuild, 1)}
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    cr.commit()  # a dataset builder, not business code
    print(f"[bench] dashboard: {info['lines']} POS lines; summaries rebuilt in {rebuild:.0f} s", flush=True)
    return info


def _export_day(env):
    """The export case's day: every store sells ``EXPORT_PRODUCTS`` different products (orders
    of 4 lines), so that its store sales by product has stores x EXPORT_PRODUCTS rows (100,000
    at 500 stores). The history's lines repeat few store x product pairs per day."""
    cr = env.cr
    sessions, configs, products, prices = _pos_inputs(cr)
    Dashboard = env["chain.dashboard"]
    day = Dashboard._chain_today() - timedelta(days=EXPORT_DAYS_AGO)
    noon, _end = Dashboard._chain_utc_bounds(day, day, Dashboard._chain_tz())
    noon += timedelta(hours=12)
    per_store = EXPORT_PRODUCTS // LINES_PER_ORDER
    orders = len(sessions) * per_store
    now = datetime.now().replace(microsecond=0)
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM pos_order")
    base = cr.fetchone()[0]
    cr.execute(
        """
        INSERT INTO pos_order (id, name, pos_reference, session_id, config_id, company_id, date_order,
                               state, amount_tax, amount_total, amount_paid, amount_return,
                               create_uid, create_date, write_uid, write_date)
        SELECT %(base)s + 1 + g, 'BENCH-EXP/' || g, 'BENCH-EXP-' || g,
               (%(sessions)s::int[])[1 + g %% %(n_sessions)s], (%(configs)s::int[])[1 + g %% %(n_sessions)s],
               %(company)s, %(noon)s::timestamp + make_interval(secs => g %% 3600), 'done', 0, 0, 0, 0,
               %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM generate_series(0, %(orders)s - 1) g
        """,
        {"base": base, "sessions": sessions, "configs": configs, "n_sessions": len(sessions),
         "company": env.company.id, "noon": noon, "uid": env.uid, "now": now, "orders": orders},
    )  # fmt: skip
    # order g is store g % n, its j-th line product (g / n) * 4 + j: distinct pairs per store
    cr.execute(
        """
        INSERT INTO pos_order_line (name, order_id, product_id, company_id, qty, price_unit, price_subtotal,
                                    price_subtotal_incl, total_cost, discount, create_uid, create_date,
                                    write_uid, write_date)
        SELECT 'BENCH-EXP', %(base)s + 1 + g, (%(products)s::int[])[1 + k], %(company)s, 1, p,
               round(p / 1.13, 2), p, round(p * 0.6, 2), 0, %(uid)s, %(now)s, %(uid)s, %(now)s
          FROM generate_series(0, %(orders)s - 1) g, generate_series(0, %(per)s - 1) j,
               LATERAL (SELECT ((g / %(n_sessions)s) * %(per)s + j) %% %(n_products)s AS k) r,
               LATERAL (SELECT (%(prices)s::numeric[])[1 + r.k] AS p) pr
        """,
        {"base": base, "products": products, "prices": prices, "n_products": len(products),
         "company": env.company.id, "uid": env.uid, "now": now, "orders": orders, "per": LINES_PER_ORDER,
         "n_sessions": len(sessions)},
    )  # fmt: skip
    cr.execute("SELECT setval('pos_order_id_seq', (SELECT MAX(id) FROM pos_order))")
    info = {"day": str(day), "orders": orders, "lines": orders * LINES_PER_ORDER}
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(EXPORT_PARAM, json.dumps(info))
    cr.commit()  # a dataset builder, not business code
    print(f"[bench] dashboard: export day {day}: {info['lines']} POS lines", flush=True)
    return info


def _ensure(env):
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: a system parameter
    return json.loads(raw) if raw else _pos_history(env)


def _setup(env):
    # imported here: this module is loaded by benchodoo.py even where the addon is not installed
    from odoo.addons.chain_dashboard.lib.period import last_year_period, previous_period

    info = _ensure(env)
    raw = env["ir.config_parameter"].sudo().get_param(EXPORT_PARAM)  # sudo: a system parameter
    export = json.loads(raw) if raw else _export_day(env)
    hq = env["res.users"].search([("login", "=", "bench.hq")], limit=1)
    Dashboard = env["chain.dashboard"]
    today = Dashboard._chain_today()
    # the top category with the most summary rows: the category filter's case
    env.cr.execute(
        """SELECT c.id FROM chain_dashboard_daily_categ d JOIN product_category c ON c.id = d.categ_id
            GROUP BY c.id ORDER BY count(*) DESC LIMIT 1"""
    )
    categ = env.cr.fetchone()
    first = today.replace(day=1)
    return {
        "info": info,
        "export_day": export["day"],
        "hq": hq.id,
        "first": first,
        "last": today,
        "today": today,
        "categ": categ[0] if categ else False,
        "previous": previous_period(first, today),
        "last_year": last_year_period(first, today),
    }


# ----------------------------------------------------------------------
# Timed calls
# ----------------------------------------------------------------------
def _ours(env, ctx, **filters):
    data = env(user=ctx["hq"])["chain.dashboard"].get_dashboard_data({"period": "month", **filters})
    return round(data["kpis"]["sales"], 2), data["kpis"]["tickets"], len(data["ranking"]), len(data["trend"])


def _ours_categ(env, ctx):
    return _ours(env, ctx, categ_id=ctx["categ"])


def _stock(env, ctx):
    stock = env(user=ctx["hq"])["chain.dashboard"].get_dashboard_stock({"period": "month"})
    return round(stock["value"]), stock["slow_movers"], stock["stockouts"]


def _stock_sql(env, ctx):
    """The stock value and units of the stores' quants, hand-written (one scan of the quants)."""
    env.cr.execute(
        """SELECT SUM(q.quantity * COALESCE((pp.standard_price ->> q.company_id::text)::numeric, 0)),
                  SUM(q.quantity)
             FROM stock_quant q
             JOIN stock_location sl ON sl.id = q.location_id AND sl.usage = 'internal'
             JOIN chain_store st ON st.warehouse_id = sl.warehouse_id
             JOIN product_product pp ON pp.id = q.product_id"""
    )
    return env.cr.fetchone()


def _read_group(env, ctx):
    Dashboard = env["chain.dashboard"]
    start, end = Dashboard._chain_utc_bounds(ctx["first"], ctx["last"], Dashboard._chain_tz())
    states = ["paid", "done", "invoiced"]
    Order = env(user=ctx["hq"])["pos.order"]
    by_pos = Order._read_group(
        [("date_order", ">=", start), ("date_order", "<", end), ("state", "in", states)],
        ["config_id"],
        ["__count", "amount_total:sum"],
    )
    Line = env(user=ctx["hq"])["pos.order.line"]
    by_day = Line._read_group(
        [("order_id.date_order", ">=", start), ("order_id.date_order", "<", end), ("order_id.state", "in", states)],
        ["create_date:day"],
        ["price_subtotal_incl:sum", "qty:sum", "total_cost:sum"],
    )
    return len(by_pos), len(by_day)


def _summary_sql(env, ctx, categ=False):
    """The same figures as the dashboard's sales call, hand-written on the summary tables (the
    POS one, and the online channels' one when ``chain_dashboard_channel`` is installed, as the
    dashboard's "all channels" reads both): by store (with store and region names), by day, and
    the totals of the previous period and of the same period last year."""
    cr = env.cr
    tables = ["chain_dashboard_daily"]
    if "chain.dashboard.channel.daily" in env:
        tables.append("chain_dashboard_channel_daily")
    extra, params = "", []
    if categ:
        tables = [f"{table}_categ" for table in tables]
        extra, params = "AND categ_id = ANY(%s)", [[categ]]
    columns = "store_id, date, sales, sales_untaxed, margin, units, tickets, member_sales"
    rows = " UNION ALL ".join(f"SELECT {columns} FROM {table} WHERE date BETWEEN %s AND %s {extra}" for table in tables)
    sums = "SUM(sales), SUM(sales_untaxed), SUM(margin), SUM(units), SUM(tickets), SUM(member_sales)"

    def run(query, first, last):
        cr.execute(query.replace("{rows}", rows), [first, last, *params] * len(tables))
        return cr.fetchall()

    stores = run(
        f"""SELECT d.store_id, st.code, st.name, r.complete_name, {sums}
              FROM ({{rows}}) d JOIN chain_store st ON st.id = d.store_id
              LEFT JOIN chain_store_region r ON r.id = st.region_id
             GROUP BY d.store_id, st.code, st.name, r.complete_name""",
        ctx["first"],
        ctx["last"],
    )  # fmt: skip
    days = run(f"SELECT date, {sums} FROM ({{rows}}) d GROUP BY date", ctx["first"], ctx["last"])
    for key in ("previous", "last_year"):
        run(f"SELECT {sums} FROM ({{rows}}) d", *ctx[key])
    return len(stores), len(days)


def _summary_sql_categ(env, ctx):
    return _summary_sql(env, ctx, ctx["categ"])


def _rss_mb():
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0


@contextlib.contextmanager
def _peak_rss():
    """Sample the process's resident memory every 20 ms; yields a dict that holds the peak
    (``peak_mb``) once the block ends."""
    found = {"start_mb": _rss_mb(), "peak_mb": _rss_mb()}
    done = threading.Event()

    def sample():
        while not done.wait(0.02):
            found["peak_mb"] = max(found["peak_mb"], _rss_mb())

    thread = threading.Thread(target=sample, daemon=True)
    thread.start()
    try:
        yield found
    finally:
        done.set()
        thread.join()
        found["peak_mb"] = max(found["peak_mb"], _rss_mb())


def _export_filters(ctx):
    return {"period": "custom", "date_from": ctx["export_day"], "date_to": ctx["export_day"]}


def _export(env, ctx):
    """The Excel export of store sales by product of the chain on the export day."""
    Report = env(user=ctx["hq"])["ir.actions.report"]
    with _peak_rss() as memory:
        content, _kind = Report._render_xlsx(
            "chain_dashboard.chain_dashboard_report_product_sales_xlsx", [], {"filters": _export_filters(ctx)}
        )
    from openpyxl import load_workbook

    rows = load_workbook(io.BytesIO(content), read_only=True).active.max_row - 1
    return {
        "rows": rows,
        "bytes": len(content),
        "peak_rss_mb": round(memory["peak_mb"]),
        "rss_start_mb": round(memory["start_mb"]),
    }


def _export_select(env, ctx):
    """The same rows fetched into Python at once, without writing a workbook."""
    Dashboard = env["chain.dashboard"]
    parsed = Dashboard._chain_parse_filters(_export_filters(ctx))
    where = Dashboard._chain_order_where(parsed["first"], parsed["last"], Dashboard._chain_tz())
    env.cr.execute(
        SQL(
            """SELECT cfg.chain_store_id, l.product_id, SUM(l.qty), SUM(l.price_subtotal_incl),
                      SUM(l.price_subtotal - COALESCE(l.total_cost, 0)), COUNT(DISTINCT o.id)
                 FROM pos_order_line l JOIN pos_order o ON o.id = l.order_id
                 JOIN pos_config cfg ON cfg.id = o.config_id
                WHERE %s GROUP BY cfg.chain_store_id, l.product_id""",
            where,
        )
    )
    return {"rows": len(env.cr.fetchall())}


def _refresh_day(env, ctx):
    day = ctx["today"] - timedelta(days=1)
    env["chain.dashboard"]._chain_refresh(day, day)
    env.cr.execute("SELECT count(*) FROM chain_dashboard_daily WHERE date = %s", [day])
    return env.cr.fetchone()[0]


def _select_day(env, ctx):
    Dashboard = env["chain.dashboard"]
    day = ctx["today"] - timedelta(days=1)
    tz = Dashboard._chain_tz()
    sql = env["chain.dashboard.daily"]._chain_refresh_sql(day, day, tz)
    # the SELECT part of the INSERT, without writing
    query = sql.code
    select = query[query.index("SELECT") : query.index("ON CONFLICT")]
    env.cr.execute(select, sql.params)
    return len(env.cr.fetchall())


CASES = [
    Case(
        name="dashboard_month_vs_read_group",
        doc="chain dashboard for this month (cards, comparisons, ranking, trend) from the summaries vs "
        "Odoo's _read_group on pos.order and pos.order.line",
        target=Target("ratio", 0.1),
        setup=_setup,
        ours=_ours,
        baseline=_read_group,
        notes={"ours": "chain manager", "baseline": "chain manager"},
        show=lambda ours, base: f"sales {ours[0]}, tickets {ours[1]}, {ours[2]} stores ranked",
        repeat=5,
    ),
    Case(
        name="dashboard_month_vs_summary_sql",
        doc="chain dashboard for this month vs a hand-written aggregate of the summary table",
        target=Target("ratio", 3),
        setup=_setup,
        ours=_ours,
        baseline=_summary_sql,
        notes={"ours": "chain manager", "baseline": "superuser SQL"},
        repeat=20,
    ),
    Case(
        name="dashboard_month_categ_vs_summary_sql",
        doc="chain dashboard for this month under a category filter (category summary) vs a "
        "hand-written aggregate of the category summary table",
        target=Target("ratio", 3),
        setup=_setup,
        ours=_ours_categ,
        baseline=_summary_sql_categ,
        notes={"ours": "chain manager", "baseline": "superuser SQL"},
        repeat=20,
    ),
    Case(
        name="dashboard_stock_month",
        doc="stock figures of the chain (value, cover, turnover, near expiry, slow movers, "
        "stockouts, write-off) from the live quants and the last sale days vs one hand-written "
        "scan of the quants for the value alone",
        target=Target("ms", 1000),
        setup=_setup,
        ours=_stock,
        baseline=_stock_sql,
        notes={"ours": "chain manager", "baseline": "superuser SQL, value only"},
        repeat=10,
    ),
    Case(
        name="dashboard_export_100k",
        doc="Excel export of store sales by product of the whole chain for one day (100,000 rows at 500 stores), "
        "streamed from a server-side cursor into a constant-memory workbook, read back with openpyxl",
        target=Target("ms", 30000),
        setup=_setup,
        ours=_export,
        baseline=_export_select,
        notes={"ours": "chain manager", "baseline": "superuser SELECT, fetched at once"},
        show=lambda ours, base: (
            f"{ours['rows']} rows ({base['rows']} in the SELECT), {ours['bytes']} bytes, "
            f"process memory {ours['rss_start_mb']} MB before, {ours['peak_rss_mb']} MB at its peak"
        ),
        checks=lambda ours, base: [
            ("every row exported", ours["rows"] == base["rows"]),
            ("at least 100,000 rows", ours["rows"] >= 100_000),
            ("process memory below 500 MB", ours["peak_rss_mb"] < 500),
        ],
        repeat=3,
    ),
    Case(
        name="dashboard_refresh_day",
        doc="re-aggregate yesterday's summaries for every store (set-based SQL)",
        target=Target("ms", 30000),
        setup=_setup,
        ours=_refresh_day,
        baseline=_select_day,
        notes={"ours": "superuser", "baseline": "the same SELECT without writing"},
        repeat=3,
    ),
]
