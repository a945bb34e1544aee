"""After-sales case list benchmark of ``chain_crm_service`` (``scripts/bench run-case``), run with Odoo
importable.

The dataset (made on the first run in the database ``scripts/bench`` creates with
``chain_crm_service`` only, without demo data, and committed; the system parameter
``chain_bench.case`` records it), all set-based SQL: 500 stores, one lot-tracked product of 20,000
lots, 1,000,000 cases spread over the stores (2,000 each) and, in each store, over the 400 lots it
sells (about 5 cases per store and lot, as complaints cluster on the lots a store sells), with
category, severity, source, dates; the store's manager is a real user (ORM).

Measured in the same run, on the same rows, as the store's manager (record rules apply: the store
rule, OCA's team rule, the company rule): the case list filtered by store and lot, the request the
web client sends (``web_search_read`` of the list view's fields, 80 rows and the count), with the
composite index ``(chain_store_id, chain_lot_id)`` (ours) and without it (baseline: the index is
dropped in a transaction rolled back after, the single-column indexes stay). Each run drops the ORM
caches; the pair (store, lot) changes between runs.

Printed: ours, the baseline, their ratio and the target (ours under 300 ms); checked: both sides
list the same cases, and the planner uses the composite index when it exists. Results in
``bench-results/case.json``.

Usage (internal): benchcase.py --db NAME --addons-path PATHS [--stores 500] [--lots 20000]
                  [--cases 1000000] [--repeat 20] [--json PATH]
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from datetime import datetime
from pathlib import Path

from lxml import etree

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

PARAM = "chain_bench.case"
TARGET_MS = 300
INDEX = "helpdesk_ticket_chain_store_lot_index"
LOTS_PER_STORE = 400
LIST_LIMIT = 80


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


def build(env, stores, lots, cases, seed):
    """The dataset, committed; returns its description."""
    started = time.perf_counter()
    cr = env.cr
    company = env.company.id
    cr.execute(
        """
        INSERT INTO chain_store (company_id, code, name, kind, state, active, sequence,
                                 create_uid, create_date, write_uid, write_date)
        SELECT %s, 'K' || lpad(n::text, 4, '0'), 'Case Bench Store ' || lpad(n::text, 4, '0'), 'store',
               'open', TRUE, 10, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (company, stores),
    )
    store_ids = sorted(row[0] for row in cr.fetchall())
    product = env["product.product"].create(
        {"name": "Case bench formula 800g", "is_storable": True, "tracking": "lot", "default_code": "CASE-BENCH"}
    )
    cr.execute(
        """
        INSERT INTO stock_lot (name, product_id, company_id, create_uid, create_date, write_uid, write_date)
        SELECT 'CB' || lpad(n::text, 6, '0'), %s, %s, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (product.id, company, lots),
    )
    lot_ids = sorted(row[0] for row in cr.fetchall())
    categories = env["helpdesk.ticket.category"].search([("chain_kind", "!=", False)])
    stage = env["helpdesk.ticket.stage"].search([], limit=1)
    print(f"[bench] case: {stores} stores, {lots} lots in {time.perf_counter() - started:.1f} s", flush=True)
    # the store of case n is n mod stores; its lot one of the store's 400 (a window of the lots
    # shifted per store), so that every (store, lot) pair of a store's range holds a few cases
    cr.execute(
        """
        INSERT INTO helpdesk_ticket (number, name, description, company_id, chain_store_id, chain_lot_id,
                                     chain_product_id, category_id, chain_kind, chain_severity, chain_source,
                                     stage_id, priority, active, sequence, last_stage_update,
                                     create_uid, create_date, write_uid, write_date)
        SELECT 'HT' || lpad(n::text, 7, '0'), 'Bench case ' || n, '<p>Bench case</p>', %(company)s,
               s.ids[1 + n %% %(stores)s],
               l.ids[1 + ((n %% %(stores)s) * 40 + (hashint4(n) & 2147483647) %% %(per_store)s) %% %(lots)s],
               %(product)s, c.ids[1 + n %% c.cnt], c.kinds[1 + n %% c.cnt],
               (ARRAY['low', 'medium', 'high', 'critical'])[1 + n %% 4],
               (ARRAY['web', 'pos', 'channel'])[1 + n %% 3],
               %(stage)s, '1', TRUE, 10, now() AT TIME ZONE 'UTC' - (n %% 365) * interval '1 day',
               1, now() AT TIME ZONE 'UTC' - (n %% 365) * interval '1 day', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(cases)s) n,
               (SELECT %(store_ids)s::int[] AS ids) s,
               (SELECT %(lot_ids)s::int[] AS ids) l,
               (SELECT %(categ_ids)s::int[] AS ids, %(kinds)s::varchar[] AS kinds, %(ncateg)s AS cnt) c
        """,
        {
            "company": company, "stores": stores, "per_store": LOTS_PER_STORE, "lots": lots,
            "product": product.id, "stage": stage.id or None, "cases": cases,
            "store_ids": store_ids, "lot_ids": lot_ids, "categ_ids": categories.ids,
            "kinds": categories.mapped("chain_kind"), "ncateg": len(categories),
        },
    )  # fmt: skip
    cr.execute("ANALYZE helpdesk_ticket")
    print(f"[bench] case: {cases} cases in {time.perf_counter() - started:.1f} s", flush=True)
    manager = (
        env["res.users"]
        .with_context(no_reset_password=True)
        .create(
            {
                "name": "Case bench store manager",
                "login": "bench.case.manager",
                "groups_id": [(6, 0, [env.ref("chain_store.group_chain_store_manager").id])],
            }
        )
    )
    cr.execute("UPDATE chain_store SET manager_id = %s WHERE id = %s", (manager.id, store_ids[0]))
    info = {"stores": stores, "lots": lots, "cases": cases, "manager": manager.id, "store": store_ids[0],
            "seconds": round(time.perf_counter() - started, 1)}  # fmt: skip
    env["ir.config_parameter"].set_param(PARAM, json.dumps(info))
    env.cr.commit()  # a benchmark's dataset, not business code
    return info


def list_request(env):
    """The case list's ``web_search_read`` specification (the list view's fields)."""
    Ticket = env["helpdesk.ticket"]
    arch = Ticket.get_view(view_type="list")["arch"]
    spec = {}
    for node in etree.fromstring(arch).iter("field"):
        name = node.get("name")
        field = Ticket._fields.get(name)
        if not field:
            continue
        spec[name] = {"fields": {"display_name": {}}} if field.type == "many2one" else {}
    return spec


def _pairs(cr, store, count, seed):
    """``count`` (store, lot) pairs of ``store`` that hold cases, in a fixed random order."""
    cr.execute(
        "SELECT DISTINCT chain_lot_id FROM helpdesk_ticket WHERE chain_store_id = %s ORDER BY chain_lot_id", (store,)
    )
    lots = [row[0] for row in cr.fetchall()]
    return random.Random(seed).sample(lots, min(count, len(lots)))


def _plan_uses_index(cr, store, lot):
    cr.execute("EXPLAIN SELECT id FROM helpdesk_ticket WHERE chain_store_id = %s AND chain_lot_id = %s", (store, lot))
    return INDEX in " ".join(row[0] for row in cr.fetchall())


def _measure(registry, info, lots, drop_index):
    """Times (ms) of the list request for each lot, and the ids listed; the index is dropped in the
    transaction (rolled back after) when ``drop_index``."""
    times, listed = [], {}
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        if drop_index:
            cr.execute(f"DROP INDEX {INDEX}")  # a constant name; rolled back below
        uses_index = _plan_uses_index(cr, info["store"], lots[0])
        user_env = env(user=info["manager"])
        spec = list_request(user_env)
        Ticket = user_env["helpdesk.ticket"]
        # warm-up: code, PostgreSQL buffers
        Ticket.web_search_read([("chain_store_id", "=", info["store"]), ("chain_lot_id", "=", lots[-1])], spec,
                               limit=LIST_LIMIT, count_limit=10001)  # fmt: skip
        for lot in lots:
            env.invalidate_all()
            registry.clear_cache()
            started = time.perf_counter()
            result = Ticket.web_search_read(
                [("chain_store_id", "=", info["store"]), ("chain_lot_id", "=", lot)], spec,
                limit=LIST_LIMIT, count_limit=10001,
            )  # fmt: skip
            times.append((time.perf_counter() - started) * 1000)
            listed[lot] = sorted(record["id"] for record in result["records"])
        cr.rollback()
    return times, listed, uses_index


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--lots", type=int, default=20_000)
    parser.add_argument("--cases", type=int, default=1_000_000)
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--json", default="bench-results/case.json")
    args = parser.parse_args(argv)

    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(PARAM)
        info = json.loads(raw) if raw else None
        if info and (info["stores"], info["lots"], info["cases"]) != (args.stores, args.lots, args.cases):
            print(f"[bench] case: {args.db} holds another dataset ({raw}): use --force", file=sys.stderr)
            return 2
        if not info:
            print(f"[bench] case: building {args.stores} stores, {args.lots} lots, {args.cases} cases", flush=True)
            info = build(env, args.stores, args.lots, args.cases, args.seed)
    with registry.cursor() as cr:
        lots = _pairs(cr, info["store"], args.repeat + 1, args.seed)
        cr.execute("SELECT count(*) FROM helpdesk_ticket WHERE chain_store_id = %s", (info["store"],))
        store_cases = cr.fetchone()[0]
    ours_ms, ours_listed, ours_index = _measure(registry, info, lots[: args.repeat] + lots[-1:], drop_index=False)
    base_ms, base_listed, base_index = _measure(registry, info, lots[: args.repeat] + lots[-1:], drop_index=True)
    ours_ms, base_ms = ours_ms[: args.repeat], base_ms[: args.repeat]
    for name, values in (("ours", ours_ms), ("baseline (no composite index)", base_ms)):
        print(f"[bench] case: {name}: median {sorted(values)[len(values) // 2]:.1f} ms over {len(values)} lots",
              flush=True)  # fmt: skip
    per_lot = sum(len(ids) for ids in ours_listed.values()) / max(len(ours_listed), 1)
    checks = [
        ("both sides list the same cases", ours_listed == base_listed),
        ("the planner uses the composite index when it exists", ours_index),
        ("the baseline ran without it", not base_index),
    ]
    result = summarize(
        "case_list_store_lot",
        ours_ms,
        base_ms,
        Target("ms", TARGET_MS),
        note=f"{info['cases']} cases, {info['stores']} stores, {info['lots']} lots; web_search_read of the list "
        f"as the store's manager, store of {store_cases} cases, {per_lot:.1f} cases per lot; baseline: the "
        f"composite index dropped (single-column indexes kept)",
    )
    meta = {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)), "at": datetime.utcnow().isoformat(timespec="seconds")}  # fmt: skip
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
