"""Store P&L benchmark of ``chain_account_store`` (``scripts/bench run-pnl``), run with Odoo importable.

The dataset (made on the first run in the database ``scripts/bench`` creates with
``chain_account_store`` only, without demo data, and committed; the system parameter
``chain_bench.pnl`` records it): 500 stores with their analytic accounts (ORM), and with set-based
SQL the posted journal entries of every store and day from 1 January of the year before ``--date``
up to ``--date`` (about 700 days): sales (income), cost of goods (direct cost) and the bank, each P&L
line with the store's analytic distribution; per store and month a rent (expense) and a stock write-off
(the shrinkage account); per day one other income of no store (unassigned). About 1.1 million journal
items of P&L accounts.

Measured in the same run, as an accountant: ours, the report (``chain.store.pnl.wizard``: the month
and year to date up to ``--date`` and the same periods a year earlier, per store, one line per store
and scope) vs the baseline, Odoo's ``_read_group`` on ``account.move.line`` by analytic account: for
each store, the journal items of its analytic account grouped by account and month over the same
dates (then summed per period in Python), timed on a sample of stores (``--sample``, 10) and
extrapolated to every store (each takes seconds). Each run drops the ORM caches.

Printed: ours, the baseline, their ratio and the target (ours under 2 s); checked: both sides give
the sampled stores the same sales and contribution for every period, and the stores plus the unassigned part
add up to the company's P&L. Results in ``bench-results/pnl.json``.

Usage (internal): benchpnl.py --db NAME --addons-path PATHS [--stores 500] [--date 2026-11-30]
                  [--repeat 5] [--sample 10] [--json PATH]
"""

import argparse
import calendar
import json
import os
import platform
import sys
import time
from collections import defaultdict
from datetime import date, datetime
from pathlib import Path

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

PARAM = "chain_bench.pnl"
TARGET_MS = 2000


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


def build(env, stores, date_to):
    """The dataset, committed; returns its description."""
    started = time.perf_counter()
    cr = env.cr
    company = env.company
    Store = env["chain.store"]
    cr.execute(
        """
        INSERT INTO chain_store (company_id, code, name, kind, state, active, sequence,
                                 create_uid, create_date, write_uid, write_date)
        SELECT %s, 'P' || lpad(n::text, 4, '0'), 'P&L Bench Store ' || lpad(n::text, 4, '0'), 'store',
               'open', TRUE, 10, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (company.id, stores),
    )
    store_ids = sorted(row[0] for row in cr.fetchall())
    env.invalidate_all()
    Store.browse(store_ids)._chain_ensure_analytic_account()
    Account = env["account.account"]

    def account(code, name, account_type):
        return Account.create({"code": code, "name": name, "account_type": account_type}).id

    accounts = {
        "sales": account("BP6001", "Bench sales", "income"),
        "cogs": account("BP6401", "Bench cost of goods", "expense_direct_cost"),
        "rent": account("BP6602", "Bench store rent", "expense"),
        "loss": account("BP6711", "Bench stock losses", "expense"),
        "other": account("BP6051", "Bench other income", "income_other"),
        "bank": account("BP1002", "Bench bank", "asset_current"),
    }
    company.chain_shrinkage_account_ids = [(6, 0, [accounts["loss"]])]
    journal = env["account.journal"].create({"name": "P&L bench", "code": "BPNL", "type": "general"})
    date_from = date(date_to.year - 1, 1, 1)
    days = (date_to - date_from).days + 1
    params = {
        "company": company.id, "currency": company.currency_id.id, "journal": journal.id,
        "date_from": date_from, "days": days, "stores": store_ids, **accounts,
    }  # fmt: skip
    print(f"[bench] pnl: {stores} stores with analytic accounts in {time.perf_counter() - started:.1f} s", flush=True)
    # one entry per store and day: sales, cost of goods (60 %), bank
    cr.execute(
        """
        WITH store AS (
            SELECT s.id, a.id AS analytic FROM chain_store s
              JOIN account_analytic_account a ON a.chain_store_id = s.id WHERE s.id = ANY(%(stores)s)
        ), entry AS (
            INSERT INTO account_move (name, journal_id, company_id, currency_id, date, state, move_type, auto_post,
                                      chain_store_id, create_uid, create_date, write_uid, write_date)
            SELECT 'BPNL/' || s.id || '/' || d, %(journal)s, %(company)s, %(currency)s, %(date_from)s::date + d,
                   'posted', 'entry', 'no', s.id, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM store s CROSS JOIN generate_series(0, %(days)s - 1) d
            RETURNING id, name, date, chain_store_id
        ), amounts AS (
            SELECT e.*, st.analytic, (1000 + (hashint4(e.id) & 2147483647) %% 4000)::numeric AS sales
              FROM entry e JOIN store st ON st.id = e.chain_store_id
        )
        INSERT INTO account_move_line (move_id, move_name, name, account_id, journal_id, company_id, date,
                                       parent_state, display_type, currency_id, company_currency_id, balance,
                                       amount_currency, debit, credit, analytic_distribution,
                                       create_uid, create_date, write_uid, write_date)
        SELECT a.id, a.name, l.label, l.account, %(journal)s, %(company)s, a.date, 'posted', 'product',
               %(currency)s, %(currency)s, l.balance, l.balance, GREATEST(l.balance, 0), GREATEST(-l.balance, 0),
               CASE WHEN l.analytic THEN jsonb_build_object(a.analytic::text, 100) END,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM amounts a
         CROSS JOIN LATERAL (VALUES
               ('Sales', %(sales)s, -a.sales, TRUE),
               ('Cost of goods', %(cogs)s, round(a.sales * 0.6, 2), TRUE),
               ('Bank', %(bank)s, a.sales - round(a.sales * 0.6, 2), FALSE)
         ) l(label, account, balance, analytic)
        """,
        params,
    )
    print(f"[bench] pnl: daily entries in {time.perf_counter() - started:.1f} s", flush=True)
    # per store and month: rent and a stock write-off
    cr.execute(
        """
        WITH store AS (
            SELECT s.id, a.id AS analytic FROM chain_store s
              JOIN account_analytic_account a ON a.chain_store_id = s.id WHERE s.id = ANY(%(stores)s)
        ), entry AS (
            INSERT INTO account_move (name, journal_id, company_id, currency_id, date, state, move_type, auto_post,
                                      chain_store_id, create_uid, create_date, write_uid, write_date)
            SELECT 'BPNL/M/' || s.id || '/' || m, %(journal)s, %(company)s, %(currency)s,
                   (date_trunc('month', %(date_from)s::date + m * interval '1 month') + interval '14 days')::date,
                   'posted', 'entry', 'no', s.id, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM store s CROSS JOIN generate_series(0, (%(days)s / 31)) m
             WHERE (date_trunc('month', %(date_from)s::date + m * interval '1 month') + interval '14 days')::date
                   < %(date_from)s::date + %(days)s
            RETURNING id, name, date, chain_store_id
        )
        INSERT INTO account_move_line (move_id, move_name, name, account_id, journal_id, company_id, date,
                                       parent_state, display_type, currency_id, company_currency_id, balance,
                                       amount_currency, debit, credit, analytic_distribution,
                                       create_uid, create_date, write_uid, write_date)
        SELECT e.id, e.name, l.label, l.account, %(journal)s, %(company)s, e.date, 'posted', 'product',
               %(currency)s, %(currency)s, l.balance, l.balance, GREATEST(l.balance, 0), GREATEST(-l.balance, 0),
               CASE WHEN l.analytic THEN jsonb_build_object(st.analytic::text, 100) END,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM entry e JOIN store st ON st.id = e.chain_store_id
         CROSS JOIN LATERAL (VALUES
               ('Rent', %(rent)s, 20000.0 + (st.id %% 7) * 1000, TRUE),
               ('Write-off', %(loss)s, 300.0 + (hashint4(e.id) & 2147483647) %% 500, TRUE),
               ('Bank', %(bank)s, -(20000.0 + (st.id %% 7) * 1000) - (300.0 + (hashint4(e.id) & 2147483647) %% 500),
                FALSE)
         ) l(label, account, balance, analytic)
        """,
        params,
    )
    # per day: other income of no store
    cr.execute(
        """
        WITH entry AS (
            INSERT INTO account_move (name, journal_id, company_id, currency_id, date, state, move_type, auto_post,
                                      create_uid, create_date, write_uid, write_date)
            SELECT 'BPNL/O/' || d, %(journal)s, %(company)s, %(currency)s, %(date_from)s::date + d,
                   'posted', 'entry', 'no', 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
              FROM generate_series(0, %(days)s - 1) d
            RETURNING id, name, date
        )
        INSERT INTO account_move_line (move_id, move_name, name, account_id, journal_id, company_id, date,
                                       parent_state, display_type, currency_id, company_currency_id, balance,
                                       amount_currency, debit, credit,
                                       create_uid, create_date, write_uid, write_date)
        SELECT e.id, e.name, l.label, l.account, %(journal)s, %(company)s, e.date, 'posted', 'product',
               %(currency)s, %(currency)s, l.balance, l.balance, GREATEST(l.balance, 0), GREATEST(-l.balance, 0),
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM entry e
         CROSS JOIN LATERAL (VALUES ('Other income', %(other)s, -500.0), ('Bank', %(bank)s, 500.0))
               l(label, account, balance)
        """,
        params,
    )
    cr.execute("ANALYZE account_move")
    cr.execute("ANALYZE account_move_line")
    cr.execute("SELECT count(*) FROM account_move_line WHERE journal_id = %s", (journal.id,))
    lines = cr.fetchone()[0]
    accountant = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "P&L bench accountant",
                "login": "bench.pnl.accountant",
                "groups_id": [(6, 0, [env.ref("account.group_account_user").id])],
            }
        )
    )
    info = {"stores": stores, "date": str(date_to), "days": days, "lines": lines, "accountant": accountant.id,
            "accounts": accounts, "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    env["ir.config_parameter"].set_param(PARAM, json.dumps(info))
    env.cr.commit()  # a benchmark's dataset, not business code
    print(f"[bench] pnl: {lines} journal items in {info['seconds']:.1f} s", flush=True)
    return info


def ours(env, date_to):
    """The report as the accountant gets it: ``{(store id, period): (sales, contribution)}``."""
    wizard = env["chain.store.pnl.wizard"].create({"date_to": date_to})
    wizard._chain_compute_lines()
    result = {}
    for line in wizard.line_ids:
        result[(line.store_id.id, line.scope)] = (round(line.sales, 2), round(line.contribution, 2))
        result[(line.store_id.id, f"{line.scope}_py")] = (round(line.sales_py, 2), round(line.contribution_py, 2))
    return result


def baseline(env, date_to, info, stores):
    """Odoo's ``_read_group`` on journal items by analytic account: for each of ``stores``, its items
    grouped by account and month over the two years, summed per period here."""
    from odoo.addons.chain_account_store.lib import pnl

    periods = pnl.periods(date_to)
    Line = env["account.move.line"]
    income = {info["accounts"]["sales"], info["accounts"]["other"]}
    result = {}
    for store in env["chain.store"].browse(stores):
        groups = Line._read_group(
            [("company_id", "=", env.company.id), ("parent_state", "=", "posted"),
             ("date", ">=", periods["ytd_py"][0]), ("date", "<=", periods["ytd"][1]),
             ("account_id.account_type", "in", pnl.INCOME_TYPES + pnl.EXPENSE_TYPES),
             ("analytic_distribution", "in", store.analytic_account_id.ids)],
            ["account_id", "date:month"],
            ["balance:sum"],
        )  # fmt: skip
        sums = defaultdict(lambda: [0.0, 0.0])
        for account, month, balance in groups:
            month_day = month.date() if isinstance(month, datetime) else month
            for period, (date_from, period_to) in periods.items():
                if date_from.replace(day=1) <= month_day <= period_to:
                    if account.id in income:
                        sums[period][0] += -balance
                    sums[period][1] += -balance
        for period in periods:
            result[(store.id, period)] = tuple(round(v, 2) for v in sums[period])
    return result


def _measure(registry, info, side, repeat, sample=None):
    """Times (ms) of ``side`` and its last answer; the first run warms up the code and the buffers.
    With ``sample`` (store ids), the baseline runs on them and its time is extrapolated to every store."""
    times, answer = [], None
    date_to = date.fromisoformat(info["date"])
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, info["accountant"], {})
        for _run in range(repeat + 1):
            env.invalidate_all()
            registry.clear_cache()
            started = time.perf_counter()
            answer = side(env, date_to) if sample is None else side(env, date_to, info, sample)
            elapsed = (time.perf_counter() - started) * 1000
            times.append(elapsed * info["stores"] / len(sample) if sample else elapsed)
        cr.rollback()
    return times[1:], answer


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--date", default="2026-11-30", help="the report's day, the last day of a month")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--sample", type=int, default=10, help="stores of the baseline, extrapolated (default 10)")
    parser.add_argument("--json", default="bench-results/pnl.json")
    args = parser.parse_args(argv)
    date_to = date.fromisoformat(args.date)
    if date_to.day != calendar.monthrange(date_to.year, date_to.month)[1]:
        print("[bench] pnl: --date must be the last day of a month (the baseline groups by month)", file=sys.stderr)
        return 2

    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(PARAM)
        info = json.loads(raw) if raw else None
        if info and (info["stores"], info["date"]) != (args.stores, str(date_to)):
            print(f"[bench] pnl: {args.db} holds another dataset ({raw}): use --force", file=sys.stderr)
            return 2
        if not info:
            print(f"[bench] pnl: building {args.stores} stores up to {date_to}", flush=True)
            info = build(env, args.stores, date_to)
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM chain_store WHERE code LIKE 'P%%' ORDER BY id")
        store_ids = [row[0] for row in cr.fetchall()]
    sample = store_ids[:: max(1, len(store_ids) // args.sample)][: args.sample]
    ours_ms, ours_answer = _measure(registry, info, ours, args.repeat)
    base_ms, base_answer = _measure(registry, info, baseline, 1, sample=sample)
    for name, values in (
        ("ours (store P&L report)", ours_ms),
        ("baseline (_read_group per analytic account)", base_ms),
    ):
        print(f"[bench] pnl: {name}: median {sorted(values)[len(values) // 2]:.1f} ms over {len(values)} runs",
              flush=True)  # fmt: skip
    stores_ours = {key: value for key, value in ours_answer.items() if key[0] in sample}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, info["accountant"], {})
        totals = env["chain.store.pnl"]._chain_pnl_totals(date(date_to.year, 1, 1), date_to)
    checks = [
        ("both sides give the sampled stores the same sales and contribution", stores_ours == base_answer),
        ("stores + unassigned = the company's P&L", totals["total"] == totals["company"]),
    ]
    result = summarize(
        "store_pnl_500_stores_year",
        ours_ms,
        base_ms,
        Target("ms", TARGET_MS),
        note=f"{info['lines']} journal items, {info['stores']} stores, {info['days']} days up to {info['date']}; "
        f"report: month and year to date vs the previous year, as an accountant; baseline: _read_group on "
        f"account.move.line per store's analytic account, by account and month, on {len(sample)} stores "
        f"extrapolated to {info['stores']}",
    )
    meta = {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)), "at": datetime.utcnow().isoformat(timespec="seconds")}  # fmt: skip
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
