"""Member part of ``scripts/bench`` (``build-members`` and ``run-members``), run inside Odoo.

The member dataset lives in its own database (``chain_bench_member`` by default) so that the
stock benchmarks are unaffected. Stores (with their warehouses), store users, tiers and one POS
go through the ORM (Odoo does real work there); the contacts, members, points ledger, POS orders
and babies are inserted set-based (``INSERT ... SELECT FROM generate_series``), the secondary
indexes of those tables dropped before and rebuilt after. Everything is derived from the row
number ``m`` of a member, so the same arguments give the same dataset:

- contact ``m``: a Chinese name, the phone ``138xxxxxxxx`` and the member code as barcode, as a
  chain without ``chain_member`` would keep them on its contacts (Odoo's own POS search then
  finds the same people);
- member ``m``: mobile ``+86138xxxxxxxx``, code ``BM`` + 8 digits, home store ``m mod stores``,
  consent for 80 %, a tier from its spend, except 2 % one tier too low (the nightly review
  upgrades them), 2 % one tier too high (downgrades, unless kept) and 2 % without tier;
- paid POS orders of the rolling year adding up to the member's spend (spend buckets: 55 % below
  1,000, 25 % 2,000-5,000, 15 % 8,000-16,000, 5 % from 20,000): one order, or, for one member in
  ten, ``RHYTHM_ORDERS`` formula purchases ``RHYTHM_DAYS`` days apart (some late: the follow-up
  job's replenishment rule); one line each, formula of the member's brand (3 brands x 3 stages) or
  diapers;
- ``L`` ledger rows per member (``--ledger-per-member``, 10: 20,000,000 rows for 2,000,000
  members): ``L - 4`` awards of the last year with their points left, 2 awards of more than two
  years ago consumed by a redemption and an expiry row; 10 % of the members have an award that
  expired yesterday with its points left (the nightly expiry's work);
- babies for 40 % of the members, born 0-40 months ago (so some cross a stage within two weeks,
  some have a birthday), and 4 % expected (due dates from 10 days ago to 9 months ahead), their
  stage and diaper size set by ``chain.member.baby._chain_refresh_bands``;
- identities (WeChat unionid for 30 %, Youzan open id for 10 %), a guide (the store's staff
  user) for 70 %, consent for 80 %;
- with ``chain_pos_member``: each member's loyalty card of the "Member points" program, holding
  the ledger balance.

The set-based phases run with ``session_replication_role = replica`` (no foreign-key trigger
per row: the rows are consistent by construction).

Cases (``scripts/bench run-members``):

- ``member_lookup_pos``: p95 of ``chain.member.chain_find_member`` by mobile or member code (and,
  ``member_lookup_pos_rpc``, of ``chain_pos_member``'s ``pos.session.chain_member_lookup``, which
  adds babies, follow-ups and the loyalty card) as the POS user of a store, against the search the
  POS's customer list sends (``res.partner`` ``search_read`` with its 13-field ``ilike`` domain,
  limit 30, the POS's partner fields); each figure is one lookup; target p95 < 50 ms;
- ``member_nightly_jobs``: the three crons (tier review, points expiry, follow-ups) on every
  member, rolled back, against a per-member ORM loop of the same rules (``_per_member_loop``) on
  a sample of ``SAMPLE`` members spread over the dataset, extrapolated to all; target < 10 minutes;
- ``member_pos_session_load``: ``pos.session.load_data`` as the POS user with the member feature
  (``chain_pos_member``) against the same call with its loader overrides bypassed and its member
  program archived in a savepoint (``_without_member_feature``); target: under 5 % more time,
  payload and POS asset sources (pending when ``chain_pos_member`` is not installed).
"""

import contextlib
import itertools
import json
import os
import random
import sys
import time
from datetime import timedelta

import benchbuild
import benchlib
from benchlib import Target

import odoo
from odoo import Command, fields
from odoo.tools.json import json_default

from odoo.addons.chain_member.lib import member as member_lib

PARAM = "chain_bench.member"
# name, sequence, threshold, keep threshold (保级), points multiplier
TIERS = [
    ("普通会员", 10, 0, 0, 1.0),
    ("银卡", 20, 2000, 1500, 1.2),
    ("金卡", 30, 8000, 6000, 1.5),
    ("钻石", 40, 20000, 15000, 2.0),
]
LOOKUPS = 200  # timed lookups of ours per run
BASELINE_LOOKUPS = 20  # the POS's partner search scans every contact: fewer of them
SAMPLE = 2000  # members of the per-member baseline of the nightly jobs
NIGHTLY_LIMIT_MS = 10 * 60 * 1000
BRANDS = ("飞鹤", "君乐宝", "伊利")
RHYTHM_ORDERS = 4  # formula purchases of the members who buy on a rhythm (one member in ten)
RHYTHM_DAYS = 30
SURNAMES = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林高罗"
GIVEN = "芳娜敏静丽艳娟霞婷雪慧琳洁颖佳欣怡倩"


def _sql_array(chars):
    return "ARRAY[" + ",".join(f"'{c}'" for c in chars) + "]"


def _name_sql(g):
    """A Chinese name for row ``g`` (an SQL expression)."""
    return (
        f"({_sql_array(SURNAMES)})[1 + {g} %% {len(SURNAMES)}] || "
        f"({_sql_array(GIVEN)})[1 + ({g} / {len(SURNAMES)}) %% {len(GIVEN)}] || "
        f"({_sql_array(GIVEN)})[1 + ({g} / {len(SURNAMES) * len(GIVEN)}) %% {len(GIVEN)}]"
    )


def _spend_sql(m):
    """The rolling-year spend of member row ``m`` (an SQL expression)."""
    return (
        f"(CASE WHEN {m} %% 100 < 55 THEN 300 + {m} %% 700 WHEN {m} %% 100 < 80 THEN 2000 + {m} %% 3000 "
        f"WHEN {m} %% 100 < 95 THEN 8000 + {m} %% 8000 ELSE 20000 + {m} %% 20000 END)"
    )


def _bucket_sql(m):
    """The 0-based index in TIERS the spend of row ``m`` reaches."""
    return f"(CASE WHEN {m} %% 100 < 55 THEN 0 WHEN {m} %% 100 < 80 THEN 1 WHEN {m} %% 100 < 95 THEN 2 ELSE 3 END)"


def _points_sql(m, k):
    return f"(50 + (({m}) * 7 + ({k}) * 13) %% 450)"


# ----------------------------------------------------------------------
# Builder
# ----------------------------------------------------------------------
class _Indexes:
    """Drop the secondary indexes of ``tables`` (kept: primary keys), and build them again."""

    def __init__(self, cr, tables):
        self.cr = cr
        cr.execute(
            """
            SELECT i.indexname, i.indexdef, c.conname FROM pg_indexes i
              LEFT JOIN pg_constraint c ON c.conname = i.indexname
             WHERE i.tablename = ANY(%s) AND i.indexname NOT LIKE '%%_pkey'
            """,
            [list(tables)],
        )
        self.indexes = cr.fetchall()

    def __enter__(self):
        for name, _definition, constraint in self.indexes:
            if constraint:
                table = self._table(name)
                self.cr.execute(f'ALTER TABLE "{table}" DROP CONSTRAINT "{constraint}"')  # catalog names
            else:
                self.cr.execute(f'DROP INDEX "{name}"')  # a catalog name

    def __exit__(self, *exc):
        if exc[0]:
            return
        self.cr.execute("SET maintenance_work_mem = '1GB'")
        for name, definition, constraint in self.indexes:
            if constraint:
                table = self._table(name)
                columns = definition[definition.index("(") :]
                self.cr.execute(f'ALTER TABLE "{table}" ADD CONSTRAINT "{constraint}" UNIQUE {columns}')
            else:
                self.cr.execute(definition)

    def _table(self, index_name):
        for table in self._tables():
            if index_name.startswith(table + "_"):
                return table
        raise RuntimeError(f"no table for index {index_name}")

    def _tables(self):
        return sorted({d.split(" ON ")[1].split(" ")[0].split(".")[-1] for _n, d, _c in self.indexes}, key=len)[::-1]


def _next_id(cr, table):
    cr.execute(f"SELECT COALESCE(MAX(id), 0) FROM {table}")  # our table names
    return cr.fetchone()[0]


def _setval(cr, table):
    cr.execute(f"SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")  # our table names


def build(env, stores=500, members=2_000_000, per_member=10, install_seconds=None):
    """Fill a database with chain_member installed (no demo data); commits after each phase.

    Records what was built in the system parameter ``chain_bench.member`` last: a database
    without it is incomplete.
    """
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    phases = benchbuild.Phases()
    if install_seconds is not None:
        phases.seconds["install"] = round(install_seconds, 1)
    step = benchbuild._committing(env, phases)
    regions = step("regions", benchbuild._regions, env, stores)
    store_recs = step("stores", benchbuild._stores, env, stores, regions)
    step("users", benchbuild._users, env, store_recs)
    step("tiers", _tiers, env)
    products = step("products", _products, env)
    pos = step("pos", _pos, env, store_recs[0])
    # the set-based phases write consistent rows: no foreign key trigger per row (reset by _finish)
    env.cr.execute("SET session_replication_role = replica")
    info = {"stores": stores, "members": members, "ledger_per_member": per_member}
    info.update(step("partners", _partners, env, members))
    info.update(step("members", _members, env, members, per_member, info["partner_base"], store_recs.ids))
    info.update(step("ledger", _ledger, env, members, per_member, info["member_base"]))
    info.update(step("orders", _orders, env, members, info["partner_base"], pos, products))
    info.update(step("babies", _babies, env, members, info["member_base"]))
    info.update(step("identities", _identities, env, members, info["member_base"]))
    if "loyalty_card_id" in env["chain.member"]._fields:
        info.update(step("cards", _cards, env, members, info["partner_base"], info["member_base"]))
    step("finish", _finish, env)
    info.update(_counts(env))
    info.update(
        pos_store_id=store_recs[0].id,
        pos_config_id=pos["config"],
        pos_session_id=pos["session"],
        built_at=fields.Datetime.to_string(fields.Datetime.now()),
        phases_s=phases.seconds,
    )
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    env.cr.commit()  # a build script, not business code
    print(f"[bench] built: {json.dumps({k: v for k, v in info.items() if k != 'phases_s'})}", flush=True)
    print(f"[bench] phases (s): {json.dumps(phases.seconds)}", flush=True)
    return info


def _tiers(env):
    company = env.company
    company.write({"chain_member_points_rate": 1.0, "chain_member_points_validity": "end_of_next_year"})
    return env["chain.member.tier"].create(
        [
            {"name": name, "sequence": seq, "threshold": threshold, "keep_threshold": keep, "points_multiplier": mult}
            for name, seq, threshold, keep, mult in TIERS
        ]
    )


def _products(env):
    """Formula of three brands in the three stages (half-rate points), and diapers."""
    formula = env["product.category"].create({"name": "婴幼儿配方奶粉", "chain_member_points_factor": 0.5})
    diapers = env["product.category"].create({"name": "纸尿裤"})
    vals = [
        {"name": f"{brand} {stage}段 800g", "list_price": 300.0 + 20 * int(stage), "categ_id": formula.id,
         "chain_brand": brand, "chain_formula_stage": stage, "available_in_pos": True, "type": "consu"}
        for brand in BRANDS for stage in ("1", "2", "3")
    ]  # fmt: skip
    vals.append({"name": "纸尿裤 M 60片", "list_price": 129.0, "categ_id": diapers.id, "chain_diaper_size": "m",
                 "available_in_pos": True, "type": "consu"})  # fmt: skip
    templates = env["product.template"].create(vals)
    return {"formula": templates[:-1].product_variant_ids.ids, "diapers": templates[-1].product_variant_id.id}


def _pos(env, store):
    """One till in the first store, its session open, and the store's staff user a POS user."""
    card = env["pos.payment.method"].create({"name": "Card (bench)"})
    config = env["pos.config"].create(
        {
            "name": f"POS {store.code}",
            "picking_type_id": store.warehouse_id.pos_type_id.id,
            "payment_method_ids": [Command.set(card.ids)],
            "chain_store_id": store.id,
        }
    )
    session = env["pos.session"].create({"config_id": config.id, "user_id": env.uid})
    user = env["res.users"].search([("chain_store_id", "=", store.id), ("login", "like", "bench.staff.%")], limit=1)
    user.groups_id = [Command.link(env.ref("point_of_sale.group_pos_user").id)]
    return {"config": config.id, "session": session.id, "user": user.id}


def _partners(env, n):
    cr = env.cr
    env.flush_all()
    base = _next_id(cr, "res_partner")
    company, uid = env.company.id, env.uid
    with _Indexes(cr, ["res_partner"]):
        cr.execute(
            f"""
            INSERT INTO res_partner (id, name, complete_name, company_id, commercial_partner_id, active, type,
                                     is_company, lang, phone, barcode, autopost_bills, partner_share,
                                     create_uid, create_date, write_uid, write_date)
            SELECT %(base)s + g, {_name_sql("g")}, {_name_sql("g")}, %(company)s, %(base)s + g, true, 'contact',
                   false, 'zh_CN', (13800000000 + g)::text,
                   jsonb_build_object(%(company)s::text, 'BM' || lpad(g::text, 8, '0')), 'ask', true,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) g
            """,  # SQL built from this module's constants
            {"base": base, "company": company, "uid": uid, "n": n},
        )
    _setval(cr, "res_partner")
    return {"partner_base": base}


def _members(env, n, per_member, partner_base, store_ids):
    cr = env.cr
    env.flush_all()
    base = _next_id(cr, "chain_member")
    tiers = env["chain.member.tier"].search([], order="threshold").ids
    fresh = per_member - 4  # awards of the last year, with their points left
    today = fields.Date.context_today(env["chain.member"])
    with _Indexes(cr, ["chain_member"]):
        cr.execute(
            f"""
            INSERT INTO chain_member (id, partner_id, name, code, mobile, company_id, active, state, home_store_id,
                                      join_store_id, join_channel, join_date, consent_date, consent_store_id,
                                      consent_user_id, tier_id, points_balance, guide_user_id,
                                      create_uid, create_date, write_uid, write_date)
            SELECT %(base)s + g, %(pbase)s + g, {_name_sql("g")}, 'BM' || lpad(g::text, 8, '0'),
                   '+86' || (13800000000 + g)::text, %(company)s, true, 'active', st.id, st.id,
                   (ARRAY['store','store','store','wechat','youzan'])[1 + g %% 5], %(today)s::date - (g %% 1500),
                   CASE WHEN g %% 5 = 0 THEN NULL ELSE now() AT TIME ZONE 'UTC' - (g %% 1500) * interval '1 day' END,
                   CASE WHEN g %% 5 = 0 THEN NULL ELSE st.id END,
                   CASE WHEN g %% 5 = 0 THEN NULL ELSE %(uid)s END,
                   CASE WHEN g %% 50 = 3 THEN NULL
                        WHEN g %% 50 = 1 THEN (%(tiers)s)[1 + GREATEST({_bucket_sql("g")} - 1, 0)]
                        WHEN g %% 50 = 2 THEN (%(tiers)s)[1 + LEAST({_bucket_sql("g")} + 1, 3)]
                        ELSE (%(tiers)s)[1 + {_bucket_sql("g")}] END,
                   (SELECT SUM({_points_sql("g", "k")}) FROM generate_series(0, %(fresh)s - 1) k),
                   CASE WHEN g %% 10 < 7 THEN st.guide END,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) g
              JOIN (SELECT s.id, row_number() OVER (ORDER BY s.id) - 1 AS k,
                           (SELECT MIN(u.id) FROM res_users u
                             WHERE u.chain_store_id = s.id AND u.login LIKE 'bench.staff.%%') AS guide
                      FROM chain_store s WHERE s.id = ANY(%(stores)s)) st
                ON st.k = g %% %(nstores)s
            """,  # SQL built from this module's constants
            {
                "base": base, "pbase": partner_base, "company": env.company.id, "today": today, "uid": env.uid,
                "tiers": tiers, "fresh": fresh, "n": n, "stores": store_ids, "nstores": len(store_ids),
            },
        )  # fmt: skip
    _setval(cr, "chain_member")
    return {"member_base": base}


def _ledger(env, n, per_member, member_base):
    """``per_member`` rows per member (see the module's docstring)."""
    cr = env.cr
    env.flush_all()
    base = _next_id(cr, "chain_member_points_line")
    fresh = per_member - 4
    today = fields.Date.context_today(env["chain.member"])
    p = _points_sql("m", "k")
    old_expiry = "make_date(extract(year FROM d)::int + 1, 12, 31)"
    with _Indexes(cr, ["chain_member_points_line"]):
        cr.execute(
            f"""
            INSERT INTO chain_member_points_line (id, member_id, company_id, kind, date, points, remaining,
                                                  expiry_date, multiplier, source_line_id,
                                                  create_uid, create_date, write_uid, write_date)
            SELECT %(base)s + (m - 1) * %(per)s + k + 1, %(mbase)s + m, %(company)s,
                   CASE WHEN k < %(fresh)s + 2 THEN 'award' WHEN k = %(fresh)s + 2 THEN 'redeem' ELSE 'expire' END,
                   d,
                   CASE WHEN k < %(fresh)s + 2 THEN {p}
                        WHEN k = %(fresh)s + 2 THEN -{_points_sql("m", "k - 2")}
                        ELSE -{_points_sql("m", "k - 2")} END,
                   CASE WHEN k < %(fresh)s THEN {p} WHEN k < %(fresh)s + 2 THEN 0 END,
                   CASE WHEN k = %(fresh)s - 1 AND m %% 10 = 0 THEN %(today)s::date - 1 - m %% 5
                        WHEN k < %(fresh)s + 2 THEN {old_expiry} END,
                   1.0,
                   CASE WHEN k = %(fresh)s + 3 THEN %(base)s + (m - 1) * %(per)s + %(fresh)s + 2 END,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) m
             CROSS JOIN generate_series(0, %(per)s - 1) k
             CROSS JOIN LATERAL (SELECT CASE
                   WHEN k < %(fresh)s THEN %(today)s::date - (k * (330 / %(fresh)s) + m %% (330 / %(fresh)s))
                   WHEN k < %(fresh)s + 2 THEN %(today)s::date - (800 + m %% 100 + (k - %(fresh)s) * 30)
                   WHEN k = %(fresh)s + 2 THEN %(today)s::date - (500 + m %% 100)
                   ELSE %(today)s::date - 300 END AS d) dd
            """,  # SQL built from this module's constants
            {"base": base, "per": per_member, "mbase": member_base, "company": env.company.id, "fresh": fresh,
             "today": today, "uid": env.uid, "n": n},
        )  # fmt: skip
    # rows of more than ``per_member`` per member: fresh awards are the rest (per_member >= 4)
    _setval(cr, "chain_member_points_line")
    return {"ledger_base": base}


def _orders(env, n, partner_base, pos, products):
    """The paid POS orders of the rolling year, one line each (see the module's docstring).

    Every member has one order, except one in ten who buys formula on a rhythm: ``RHYTHM_ORDERS``
    orders ``RHYTHM_DAYS`` days apart, the last 0-59 days ago (so some are late: the follow-up
    job's replenishment rule). A member's orders add up to the spend of its tier bucket.
    """
    cr = env.cr
    env.flush_all()
    base = _next_id(cr, "pos_order")
    line_base = _next_id(cr, "pos_order_line")
    orders = f"CASE WHEN g %% 10 = 0 THEN {RHYTHM_ORDERS} ELSE 1 END"
    with _Indexes(cr, ["pos_order", "pos_order_line"]):
        cr.execute(
            f"""
            INSERT INTO pos_order (id, name, session_id, config_id, company_id, partner_id, date_order,
                                   amount_total, amount_tax, amount_paid, amount_return, state,
                                   create_uid, create_date, write_uid, write_date)
            SELECT %(base)s + row_number() OVER (ORDER BY g, j), 'Order ' || lpad(g::text, 8, '0') || '-' || j,
                   %(session)s, %(config)s, %(company)s, %(pbase)s + g,
                   CASE WHEN g %% 10 = 0
                        THEN date_trunc('day', now() AT TIME ZONE 'UTC') + interval '2 hours'
                             - ((g / 10) %% 60 + j * {RHYTHM_DAYS}) * interval '1 day'
                        ELSE now() AT TIME ZONE 'UTC' - (g %% 330) * interval '1 day' END,
                   round({_spend_sql("g")}::numeric / {orders}, 2), 0,
                   round({_spend_sql("g")}::numeric / {orders}, 2), 0, 'done',
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) g
             CROSS JOIN LATERAL generate_series(0, {orders} - 1) j
            """,  # SQL built from this module's constants
            {"base": base, "session": pos["session"], "config": pos["config"], "company": env.company.id,
             "pbase": partner_base, "uid": env.uid, "n": n},
        )  # fmt: skip
        # formula of the member's brand (g mod 3) and a stage; diapers for every other one-order member
        cr.execute(
            """
            INSERT INTO pos_order_line (id, order_id, company_id, name, full_product_name, product_id, qty,
                                        price_unit, price_subtotal, price_subtotal_incl, discount,
                                        create_uid, create_date, write_uid, write_date)
            SELECT %(lbase)s + o.id - %(base)s, o.id, o.company_id, 'L' || o.id, p.name, p.id, 1,
                   o.amount_total, o.amount_total, o.amount_total, 0,
                   o.create_uid, o.create_date, o.write_uid, o.write_date
              FROM pos_order o
             CROSS JOIN LATERAL (SELECT o.partner_id - %(pbase)s AS g) gg
             CROSS JOIN LATERAL (
                   SELECT CASE WHEN gg.g %% 10 = 0 OR gg.g %% 2 = 0
                               THEN (%(formula)s::int[])[1 + (gg.g %% 3) * 3 + (gg.g / 3) %% 3]
                               ELSE %(diapers)s END AS id) pid
              JOIN product_product pp ON pp.id = pid.id
              JOIN product_template t ON t.id = pp.product_tmpl_id
             CROSS JOIN LATERAL (SELECT COALESCE(t.name->>'zh_CN', t.name->>'en_US') AS name, pp.id) p
             WHERE o.id > %(base)s
            """,
            {"lbase": line_base, "base": base, "pbase": partner_base, "formula": products["formula"],
             "diapers": products["diapers"]},
        )  # fmt: skip
    _setval(cr, "pos_order")
    _setval(cr, "pos_order_line")
    return {"order_base": base}


def _babies(env, n, member_base):
    """40 % of the members have a baby born 0-40 months ago, 4 % expect one (due in -10 to 270 days)."""
    cr = env.cr
    env.flush_all()
    Baby = env["chain.member.baby"]
    today = fields.Date.context_today(Baby)
    with _Indexes(cr, [Baby._table]):
        cr.execute(
            """
            INSERT INTO chain_member_baby (member_id, company_id, name, gender, birth_date, due_date, is_born,
                                           create_uid, create_date, write_uid, write_date)
            SELECT %(mbase)s + g, %(company)s, '宝宝' || g,
                   (ARRAY['girl', 'boy', 'unknown'])[1 + g %% 3],
                   CASE WHEN g %% 25 = 2 THEN NULL ELSE %(today)s::date - (g * 7 %% 1220) END,
                   CASE WHEN g %% 25 = 2 THEN %(today)s::date - 10 + (g %% 280) END,
                   g %% 25 != 2,
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) g
             WHERE g %% 5 < 2 OR g %% 25 = 2
            """,
            {"mbase": member_base, "today": today, "uid": env.uid, "company": env.company.id, "n": n},
        )
    # the stored stage and diaper size, as the nightly job keeps them (one UPDATE)
    Baby._chain_refresh_bands(today)
    return {"babies": Baby.search_count([])}


def _identities(env, n, member_base):
    """A WeChat unionid for 30 % of the members, a Youzan open id for 10 %."""
    cr = env.cr
    env.flush_all()
    with _Indexes(cr, ["chain_member_identity"]):
        cr.execute(
            """
            INSERT INTO chain_member_identity (member_id, company_id, source, external_id,
                                               create_uid, create_date, write_uid, write_date)
            SELECT %(mbase)s + g, %(company)s, src.source, src.prefix || lpad(g::text, 10, '0'),
                   %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM generate_series(1, %(n)s) g
              JOIN (VALUES ('wechat_unionid', 'oBench', 3), ('youzan_open_id', 'yzBench', 1))
                   AS src(source, prefix, share) ON g %% 10 < src.share
            """,
            {"mbase": member_base, "company": env.company.id, "uid": env.uid, "n": n},
        )
    cr.execute("SELECT COUNT(*) FROM chain_member_identity")
    return {"identities": cr.fetchone()[0]}


def _cards(env, n, partner_base, member_base):
    """chain_pos_member's loyalty card of every member, holding the ledger balance."""
    cr = env.cr
    program = env["loyalty.program"]._chain_member_program(env.company)
    env.flush_all()
    with _Indexes(cr, ["loyalty_card"]):
        cr.execute(
            """
            INSERT INTO loyalty_card (program_id, company_id, partner_id, code, points,
                                      create_uid, create_date, write_uid, write_date)
            SELECT %(program)s, m.company_id, m.partner_id, 'BMC' || lpad((m.id - %(mbase)s)::text, 10, '0'),
                   m.points_balance, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
              FROM chain_member m
             WHERE m.id > %(mbase)s
            """,
            {"program": program.id, "mbase": member_base, "uid": env.uid},
        )
    _setval(cr, "loyalty_card")
    return {"cards": n}


def _finish(env):
    cr = env.cr
    tables = ["res_partner", "chain_member", "chain_member_points_line", "pos_order", "pos_order_line",
              "chain_member_baby", "chain_member_identity", "loyalty_card"]  # fmt: skip
    cr.execute("SET session_replication_role = DEFAULT")
    cr.commit()
    old = cr._cnx.autocommit
    cr._cnx.autocommit = True  # VACUUM runs outside a transaction
    try:
        for table in tables:
            cr.execute(f"VACUUM ANALYZE {table}")  # our table names
    finally:
        cr._cnx.autocommit = old
    env.invalidate_all()
    env.registry.clear_cache()
    return f"vacuumed {', '.join(tables)}"


def _counts(env):
    cr = env.cr
    counts = {}
    for key, table in (
        ("count_members", "chain_member"),
        ("count_ledger_rows", "chain_member_points_line"),
        ("count_partners", "res_partner"),
        ("count_pos_orders", "pos_order"),
        ("count_stores", "chain_store"),
    ):
        cr.execute(f"SELECT COUNT(*) FROM {table}")  # our table names
        counts[key] = cr.fetchone()[0]
    cr.execute("SELECT pg_size_pretty(pg_database_size(current_database()))")
    counts["db_size"] = cr.fetchone()[0]
    return counts


# ----------------------------------------------------------------------
# Cases
# ----------------------------------------------------------------------
def _info(env):
    # sudo: a system parameter
    return json.loads(env["ir.config_parameter"].sudo().get_param(PARAM))


def _pos_user(env, info):
    return env["res.users"].search(
        [("chain_store_id", "=", info["pos_store_id"]), ("login", "like", "bench.staff.%")], limit=1
    )


def _queries(info, count, seed):
    """``count`` queries as typed at the till: half mobiles (11 digits), half member codes."""
    rng = random.Random(seed)
    result = []
    for i in range(count):
        m = rng.randint(1, info["members"])
        result.append(str(13800000000 + m) if i % 2 == 0 else f"BM{m:08d}")
    return result


def _pos_partner_search(env, uid, query):
    """What the POS's customer list sends (point_of_sale partner_list.js getNewPartners)."""
    search_fields = ["name", "parent_name", "phone", "mobile", "email", "barcode", "street", "zip", "city",
                     "state_id", "country_id", "vat"]  # fmt: skip
    domain = ["|"] * (len(search_fields) - 1) + [(f, "ilike", query + "%") for f in search_fields]
    Partner = env(user=uid, context={"display_default_code": False})["res.partner"]
    config = env["pos.config"].browse(env.context.get("bench_config"))
    fnames = Partner._load_pos_data_fields(config.id)
    return Partner.search_read(domain, fnames, limit=30, offset=0, load=False)


def _pos_member_rpc(env, info, uid):
    """chain_pos_member's lookup RPC of the till (``pos.session.chain_member_lookup``), or None."""
    Session = env["pos.session"]
    if not hasattr(Session, "chain_member_lookup"):
        return None
    return Session.with_user(uid).browse(info["pos_session_id"]).chain_member_lookup


def _time_each(env, func, queries):
    times, found = [], 0
    for query in queries:
        env.invalidate_all()  # a new request: the ORM cache is empty, the server's caches are warm
        started = time.perf_counter()
        result = func(query)
        times.append((time.perf_counter() - started) * 1000)
        found += bool(result)
    return times, found


def case_lookup(env, repeat):
    info = _info(env)
    user = _pos_user(env, info)
    uid = user.id
    ours_queries = _queries(info, LOOKUPS * repeat // 5 or LOOKUPS, 1)
    base_queries = _queries(info, BASELINE_LOOKUPS, 2)
    Member = env(user=uid)["chain.member"]
    benv = env(context={"bench_config": info["pos_config_id"]})
    # warm-up (imports, buffers)
    for query in ours_queries[:10]:
        Member.chain_find_member(query)
    _pos_partner_search(benv, uid, base_queries[0])
    ours, ours_found = _time_each(env, Member.chain_find_member, ours_queries)
    base, base_found = _time_each(benv, lambda q: _pos_partner_search(benv, uid, q), base_queries)
    results = []
    result = benchlib.summarize(
        "member_lookup_pos",
        ours,
        base,
        Target("ms", 50),
        note="ours: chain.member.chain_find_member as the store's POS user, one figure per lookup; "
        "baseline: the POS customer list's res.partner search_read (13 fields ilike 'query%', limit 30)",
    )
    result["checks"] = [
        {"what": f"p95 {result['ours']['p95_ms']:.1f} ms < 50 ms", "ok": result["ours"]["p95_ms"] < 50},
        {"what": f"{ours_found}/{len(ours_queries)} lookups found their member", "ok": ours_found == len(ours)},
    ]
    result["check"] = (
        f"{len(ours_queries)} lookups by mobile/code among {info['members']} members; "
        f"POS partner search found {base_found}/{len(base_queries)}"
    )
    result["passed"] = result["passed"] and all(c["ok"] for c in result["checks"])
    results.append(result)
    rpc = _pos_member_rpc(env, info, uid)
    if rpc:
        for query in ours_queries[:10]:
            rpc(query)
        times, found = _time_each(env, rpc, ours_queries)
        res = benchlib.summarize(
            "member_lookup_pos_rpc",
            times,
            base,
            Target("ms", 50),
            note="ours: pos.session.chain_member_lookup (chain_pos_member: the till's RPC, with babies, "
            "follow-ups and the loyalty card) as the POS user; baseline as member_lookup_pos",
        )
        res["checks"] = [
            {"what": f"p95 {res['ours']['p95_ms']:.1f} ms < 50 ms", "ok": res["ours"]["p95_ms"] < 50},
            {"what": f"{found}/{len(ours_queries)} lookups answered", "ok": found == len(ours_queries)},
        ]
        res["check"] = ""
        res["passed"] = res["passed"] and all(c["ok"] for c in res["checks"])
        results.append(res)
    return results


def _sample(info, size=SAMPLE):
    """Member ids spread over the dataset (step coprime with the dataset's patterns)."""
    n = info["members"]
    size = min(size, n)
    step = max(1, n // size)
    while step > 1 and any(step % d == 0 for d in (2, 5)):
        step -= 1
    return sorted({info["member_base"] + 1 + (i * step) % n for i in range(size)})


def _nightly_jobs(env):
    """Each nightly job once, timed: [(name, seconds, what it did)]."""
    steps = []
    cr = env.cr

    def count(table):
        env.flush_all()
        cr.execute(f"SELECT COUNT(*) FROM {table}")  # our table names
        return cr.fetchone()[0]

    jobs = [
        ("tiers", "chain.member", "_cron_recompute_tiers", "chain_member_tier_history", "tier changes"),
        ("points expiry", "chain.member.points.line", "_cron_expire_points", "chain_member_points_line",
         "expiry rows"),
        ("follow-ups", "chain.member.followup", "_cron_create_followups", "mail_activity", "activities"),
    ]  # fmt: skip
    for name, model, method, table, what in jobs:
        if model not in env or not hasattr(env[model], method):
            steps.append((name, None, "absent"))
            continue
        before = count(table)
        if model == "chain.member.followup":
            before_followups = count(env[model]._table)
        env.invalidate_all()
        started = time.perf_counter()
        getattr(env[model], method)()
        env.flush_all()
        seconds = time.perf_counter() - started
        done = f"{count(table) - before} {what}"
        if model == "chain.member.followup":
            done += f", {count(env[model]._table) - before_followups} follow-ups"
        steps.append((name, seconds, done))
        print(f"[bench]   {name}: {seconds:.1f} s, {done}", flush=True)
    return steps


def _per_member_loop(env, member_ids):
    """The same rules member by member through the ORM: [(name, seconds, what it did)].

    What a straightforward implementation would do in a loop over the members: the member's
    orders of the rolling year for its tier, its expired awards, its babies' moments and its
    formula rhythm, each through ``search`` / ``create`` / ``write`` on that member alone.
    """
    Member = env["chain.member"].with_context(tracking_disable=True)
    Line = env["chain.member.points.line"]
    today = fields.Date.context_today(Member)
    steps = []

    started = time.perf_counter()
    changes = 0
    start = fields.Datetime.to_datetime(member_lib.add_months(today, -12))
    for member_id in member_ids:
        member = Member.browse(member_id)
        if member.state != "active":
            continue
        tiers = env["chain.member.tier"].search([("company_id", "=", member.company_id.id)])
        table = Member._chain_tier_table(tiers)
        orders = env["pos.order"].search(
            [("partner_id", "=", member.partner_id.id), ("state", "in", ("paid", "done", "invoiced")),
             ("date_order", ">=", start), ("company_id", "=", member.company_id.id)]
        )  # fmt: skip
        spend = sum(orders.mapped("amount_total"))
        new = member_lib.target_tier(spend, member.tier_id.id or None, table) or False
        if new != (member.tier_id.id or False):
            env["chain.member.tier.history"].create(
                {"member_id": member.id, "date": today, "old_tier_id": member.tier_id.id, "new_tier_id": new,
                 "spend": spend}
            )  # fmt: skip
            member.tier_id = new
            member._message_log(body=f"Tier changed (spend {spend:,.2f}).")
            changes += 1
    env.flush_all()
    steps.append(("tiers", time.perf_counter() - started, f"{changes} tier changes"))

    started = time.perf_counter()
    expired = 0
    for member_id in member_ids:
        member = Member.browse(member_id)
        awards = Line.search([("member_id", "=", member.id), ("remaining", ">", 0), ("expiry_date", "<", today)])
        total = 0
        for award in awards:
            Line.create({"member_id": member.id, "kind": "expire", "date": today, "points": -award.remaining,
                         "source_line_id": award.id})  # fmt: skip
            total += award.remaining
            award.remaining = 0
            expired += 1
        if total:
            member.message_post(body=f"{total} points expired.")
    env.flush_all()
    steps.append(("points expiry", time.perf_counter() - started, f"{expired} expiry rows"))

    started = time.perf_counter()
    made = _per_member_followups(env, member_ids, today)
    env.flush_all()
    steps.append(("follow-ups", time.perf_counter() - started, f"{made} follow-ups"))
    return steps


def _per_member_followups(env, member_ids, today):
    """Per member, per baby: the follow-up job's rules (``lib.baby``) for these members only."""
    from odoo.addons.chain_member.lib import baby as baby_lib

    Followup = env["chain.member.followup"].with_context(
        mail_create_nolog=True, mail_create_nosubscribe=True, tracking_disable=True
    )
    Baby = env["chain.member.baby"]
    Activity = env["mail.activity"]
    model_id = env["ir.model"]._get_id("chain.member.followup")
    stage_window = baby_lib.moment_window(today, lead_days=baby_lib.STAGE_LEAD_DAYS)
    window = baby_lib.moment_window(today)
    low, high = baby_lib.BIRTHDAY_YEARS
    since = fields.Datetime.to_datetime(today - timedelta(days=baby_lib.PURCHASE_LOOKBACK_DAYS))
    made = 0

    def follow_up(member, kind, moment, baby=None, product=None):
        domain = [("kind", "=", kind), ("moment_date", "=", moment)]
        domain += [("baby_id", "=", baby.id)] if baby else [("member_id", "=", member.id), ("baby_id", "=", False)]
        if Followup.search_count(domain):
            return 0
        user = member.guide_user_id or member.home_store_id.manager_id
        followup = Followup.create(
            {"member_id": member.id, "baby_id": baby.id if baby else False, "kind": kind, "date": today,
             "moment_date": moment, "product_id": product.id if product else False, "user_id": user.id}
        )  # fmt: skip
        if user:
            Activity.create({"res_model_id": model_id, "res_id": followup.id, "date_deadline": today,
                             "summary": followup.display_name, "user_id": user.id, "automated": True})  # fmt: skip
        return 1

    for member_id in member_ids:
        member = env["chain.member"].browse(member_id)
        for baby in Baby.search([("member_id", "=", member.id)]):  # the bands, kept current
            months = baby_lib.age_months(baby.birth_date, today)
            stage, size = baby_lib.formula_stage(months) or False, baby_lib.diaper_size(months) or False
            if (baby.formula_stage, baby.diaper_size) != (stage, size):
                baby.write({"formula_stage": stage, "diaper_size": size})
        if not (member.state == "active" and member.active and member.consent):
            continue
        lines = env["pos.order.line"].search(
            [("order_id.partner_id", "=", member.partner_id.id), ("order_id.state", "in", ("paid", "done", "invoiced")),
             ("order_id.date_order", ">=", since), ("qty", ">", 0),
             ("product_id.product_tmpl_id.chain_formula_stage", "!=", False)]
        )  # fmt: skip
        brands = {}
        for line in lines:
            brand = line.product_id.chain_brand
            if brand:
                brands[brand] = brands.get(brand, 0) + line.qty
        usual = max(brands, key=brands.get) if brands else None
        for baby in member.baby_ids:
            if baby.birth_date:
                for months, next_stage in baby_lib.stage_changes():
                    moment = baby_lib.add_months(baby.birth_date, months)
                    if stage_window[0] <= moment <= stage_window[1]:
                        product = usual and env["product.product"].search(
                            [("chain_brand", "=", usual), ("chain_formula_stage", "=", next_stage)], limit=1
                        )
                        made += follow_up(member, "stage", moment, baby, product)
                for years in range(low, high + 1):
                    moment = baby_lib.add_months(baby.birth_date, 12 * years)
                    if window[0] <= moment <= window[1]:
                        made += follow_up(member, "birthday", moment, baby)
            elif baby.due_date and window[0] <= baby.due_date <= window[1]:
                made += follow_up(member, "due", baby.due_date, baby)
        days = sorted({fields.Datetime.context_timestamp(member, line.order_id.date_order).date() for line in lines})
        if len(days) >= baby_lib.REPLENISH_MIN_PURCHASES:
            gaps = sorted((b - a).days for a, b in itertools.pairwise(days))
            half = len(gaps) // 2
            every = gaps[half] if len(gaps) % 2 else (gaps[half - 1] + gaps[half]) / 2
            late = (today - days[-1]).days - every - baby_lib.REPLENISH_LATE_DAYS
            if 0 <= late <= baby_lib.CATCH_UP_DAYS:
                made += follow_up(member, "replenish", days[-1], None, lines.sorted("id")[-1:].product_id)
    return made


def case_nightly(env, repeat):
    info = _info(env)
    sample = _sample(info)
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_member_nightly")
    try:
        print(f"[bench]   nightly jobs on {info['members']} members ...", flush=True)
        ours_steps = _nightly_jobs(env)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_member_nightly")
        env.invalidate_all()
    env.cr.execute("SAVEPOINT bench_member_nightly")
    try:
        print(f"[bench]   per-member ORM loop on {len(sample)} members ...", flush=True)
        base_steps = _per_member_loop(env, sample)
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_member_nightly")
        env.invalidate_all()
    scale = info["members"] / len(sample)
    ours_ms = sum(s for _n, s, _w in ours_steps if s is not None) * 1000
    base_ms = sum(s for _n, s, _w in base_steps) * 1000 * scale
    result = benchlib.summarize(
        "member_nightly_jobs",
        [ours_ms],
        [base_ms],
        Target("ms", NIGHTLY_LIMIT_MS),
        note=f"ours: the crons on all {info['members']} members, rolled back; baseline: per-member ORM loop of "
        f"the same rules on {len(sample)} members x {scale:.0f} (extrapolated)",
    )
    ours_text = "; ".join(f"{name} {'-' if s is None else f'{s:.1f} s'} ({what})" for name, s, what in ours_steps)
    base_text = "; ".join(f"{name} {s:.1f} s ({what})" for name, s, what in base_steps)
    result["check"] = f"ours: {ours_text} | sample of {len(sample)}: {base_text}"
    result["steps"] = {
        "ours": [{"job": n, "seconds": None if s is None else round(s, 1), "did": w} for n, s, w in ours_steps],
        "baseline_sample": [{"job": n, "seconds": round(s, 2), "did": w} for n, s, w in base_steps],
        "baseline_scale": round(scale, 1),
    }
    missing = [name for name, s, _w in ours_steps if s is None]
    result["checks"] = [
        {"what": f"nightly jobs {ours_ms / 60000:.1f} min < 10 min", "ok": ours_ms < NIGHTLY_LIMIT_MS},
    ]
    if missing:
        result["warnings"] = [f"job(s) absent, not timed: {', '.join(missing)}"]
    result["passed"] = result["passed"] and all(c["ok"] for c in result["checks"])
    return [result]


LOADER_METHODS = ("_load_pos_data", "_load_pos_data_fields", "_load_pos_data_domain", "_load_pos_data_models",
                  "_get_special_products")  # fmt: skip


@contextlib.contextmanager
def _without_member_feature(env):
    """The till's start-up as without ``chain_pos_member``, in this database, then restored.

    Its loader overrides (``_load_pos_data*``, ``_get_special_products`` of every model it
    extends) answer what the method they override answers, and its "Member points" program
    is archived in a savepoint (the POS loads no member program nor card), rolled back after.
    """
    patched = []
    for model in env.registry.values():
        for klass in model.__mro__:
            if not klass.__module__.startswith("odoo.addons.chain_pos_member."):
                continue
            for name in LOADER_METHODS:
                if name in vars(klass):

                    def passthrough(self, *args, _klass=klass, _name=name, **kwargs):
                        return getattr(super(_klass, self), _name)(*args, **kwargs)

                    patched.append((klass, name, vars(klass)[name]))
                    setattr(klass, name, passthrough)
    env.flush_all()
    env.cr.execute("SAVEPOINT bench_member_off")
    env.cr.execute("UPDATE loyalty_program SET active = false WHERE chain_member_points")
    env.invalidate_all()
    try:
        yield
    finally:
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_member_off")
        env.invalidate_all()
        for klass, name, original in patched:
            setattr(klass, name, original)


def _load(env, info, uid):
    """``pos.session.load_data`` as the till's user: (milliseconds, payload bytes)."""
    env.invalidate_all()
    env.registry.clear_cache()
    session = env["pos.session"].with_user(uid).browse(info["pos_session_id"])
    started = time.perf_counter()
    data = session.load_data([], False)
    elapsed = (time.perf_counter() - started) * 1000
    return elapsed, len(json.dumps(data, default=json_default).encode())


def _asset_bytes(env):
    """Source bytes of the POS's asset bundle: (all files, chain_pos_member's files)."""
    total = ours = 0
    for path, full_path, _bundle, _modified in env["ir.asset"]._get_asset_paths("point_of_sale._assets_pos", {}):
        try:
            size = os.path.getsize(full_path)
        except (OSError, TypeError):
            continue
        total += size
        if path.startswith("/chain_pos_member/"):
            ours += size
    return total, ours


def case_session_load(env, repeat):
    info = _info(env)
    if "chain_member_lookup" not in dir(env["pos.session"]):
        return [
            {
                "name": "member_pos_session_load",
                "pending": True,
                "passed": True,
                "note": "chain_pos_member is not installed in this database: pending",
                "ours": None,
                "baseline": None,
                "ratio": None,
                "target": {"kind": "ratio", "limit": 1.05, "text": "<= 1.05x baseline"},
                "checks": [],
            }
        ]
    uid = _pos_user(env, info).id
    _load(env, info, uid)  # warm-up of both
    with _without_member_feature(env):
        _load(env, info, uid)
    ours, base, ours_bytes, base_bytes = [], [], 0, 0
    for i in range(max(repeat, 5)):
        for off in (i % 2 == 1, i % 2 == 0):  # each side first in turn: neither gets the warmer caches
            if off:
                with _without_member_feature(env):
                    elapsed, base_bytes = _load(env, info, uid)
                base.append(elapsed)
            else:
                elapsed, ours_bytes = _load(env, info, uid)
                ours.append(elapsed)
    result = benchlib.summarize(
        "member_pos_session_load",
        ours,
        base,
        Target("ratio", 1.05),
        note="ours: pos.session.load_data as the store's POS user with chain_pos_member; baseline: the same "
        "call with chain_pos_member's loader overrides bypassed and its member program archived (savepoint)",
    )
    added = (ours_bytes - base_bytes) / base_bytes if base_bytes else 0
    assets, our_assets = _asset_bytes(env)
    asset_share = our_assets / (assets - our_assets) if assets > our_assets else 0
    result["check"] = (
        f"payload {ours_bytes} bytes with the member feature, {base_bytes} without ({added:+.1%}); "
        f"POS asset sources {assets} bytes, of which chain_pos_member {our_assets} ({asset_share:+.1%})"
    )
    result["payload_bytes"] = {"ours": ours_bytes, "baseline": base_bytes}
    result["asset_bytes"] = {"bundle": assets, "chain_pos_member": our_assets}
    result["checks"] = [
        {"what": f"time ratio {result['ratio']:.3f} <= 1.05", "ok": result["ratio"] <= 1.05},
        {"what": f"payload {added:+.1%} < 5 %", "ok": added < 0.05},
        {"what": f"asset sources {asset_share:+.1%} < 5 %", "ok": asset_share < 0.05},
    ]
    result["passed"] = all(c["ok"] for c in result["checks"])
    return [result]


CASES = {
    "member_lookup_pos": case_lookup,
    "member_nightly_jobs": case_nightly,
    "member_pos_session_load": case_session_load,
}


def _print(result):
    if result.get("pending"):
        print(f"{result['name']}  PENDING  {result['note']}", flush=True)
        return
    print(benchlib.format_line(result), flush=True)
    if result.get("check"):
        print(f"    {result['check']}", flush=True)
    for check in result.get("checks", []):
        print(f"    check: {check['what']}  {'PASS' if check['ok'] else 'MISS'}", flush=True)
    for warning in result.get("warnings", []):
        print(f"    warning: {warning}", flush=True)


def main(env, args, pg_settings):
    if args.command == "build-members":
        build(env, args.stores, args.members, args.ledger_per_member, args.install_seconds)
        return 0
    raw = env["ir.config_parameter"].sudo().get_param(PARAM)  # sudo: a system parameter
    if not raw:
        print(f"[bench] {args.db} has no member dataset: run `scripts/bench build-members`", file=sys.stderr)
        return 2
    info = json.loads(raw)
    unknown = set(args.names) - set(CASES)
    if unknown:
        raise SystemExit(f"unknown benchmark(s): {', '.join(sorted(unknown))}; known: {', '.join(CASES)}")
    print(
        f"[bench] {args.db}: {info['count_members']} members, {info['count_ledger_rows']} ledger rows, "
        f"{info['count_stores']} stores, {info['count_pos_orders']} POS orders",
        flush=True,
    )
    results = []
    for name in args.names or CASES:
        for result in CASES[name](env, args.repeat):
            _print(result)
            results.append(result)
        env.cr.rollback()
    env.cr.execute("SELECT version()")
    meta = {
        "db": args.db,
        "repeat": args.repeat,
        "odoo": odoo.release.version,
        "postgresql": env.cr.fetchone()[0].split(" on ")[0],
        "pg_settings": pg_settings(env),
    }
    from pathlib import Path

    path = Path(args.json)
    if args.names and path.exists():
        # the cases not run this time keep their figures of the previous run, marked as such
        previous = json.loads(path.read_text())
        run = {r["name"] for r in results}
        kept = [dict(r, from_previous_run=previous.get("meta", {}).get("run_at")) for r in previous.get("results", [])
                if r["name"] not in run]  # fmt: skip
        results = kept + results
    meta["run_at"] = fields.Datetime.to_string(fields.Datetime.now())
    doc = benchlib.document(results, dataset=info, meta=meta)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(doc, indent=2) + "\n")
    summary = doc["summary"]
    print(f"[bench] {summary['passed']}/{summary['total']} targets met; results in {path}", flush=True)
    return 0 if summary["missed"] == 0 else 1
