"""Follow-up scheduling benchmark of ``chain_crm_store`` (``scripts/bench run-crm``), run with Odoo importable.

The dataset (made on the first run in the database ``scripts/bench`` creates with ``chain_crm_store``
only, without demo data, and committed; the system parameter ``chain_bench.crm`` records it): 500
stores (SQL), 100 guides and 100 store managers (ORM users, a manager per store round-robin), then with
set-based SQL 2,000,000 members (consent given, 80 % with a guide), a baby for half of them (born in the
last three years, or expected in the next nine months), one paid POS order per member in the rolling
year (one till), and 200,000 open leads created in the last 300 days with a due date in the next 280.
Active plans: the data's "Expectant parent" (lead created: day 0, day 3, 7 days before the due date)
and "Repurchase" (30 days without purchase), plus "due soon" (7 days), "baby stage" (7 days before
the change) and "stage change" (to 已联系) plans of one step each.

Measured in the same run on the same rows, every run rolled back, on the day ``--today``:

* ours: ``chain.crm.followup._cron_schedule(today)``: one ``INSERT ... SELECT`` per trigger over every
  member and lead, then the activities of the tasks due (batched ``create``); it catches up a week,
  the worst day (a first run);
* baseline: the per-record ORM way, a loop over members and leads: read the record, search its last
  paid order / its babies, compute its trigger dates, search the existing task, ``create`` the task and
  its activity one by one; timed on a sample (``--sample``, default 1 % of members and leads) and
  extrapolated.

Printed: ours, the baseline (extrapolated), the ratio and the target (ours under 5 minutes); checked:
on the sample, both sides create the same tasks (plan, step, subject, due date), and running ours twice
creates nothing the second time. Results in ``bench-results/crm.json``.

Usage (internal): benchcrm.py --db NAME --addons-path PATHS [--stores 500] [--members 2000000]
                  [--leads 200000] [--today 2026-11-15] [--sample 0.01] [--repeat 2] [--json PATH]
"""

import argparse
import datetime as dt
import json
import os
import platform
import random
import sys
import time
from pathlib import Path

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

PARAM = "chain_bench.crm"
TARGET_MS = 5 * 60 * 1000
USERS = 100
PAID = ("paid", "done", "invoiced")


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


def _next_id(cr, table):
    cr.execute(f"SELECT COALESCE(MAX(id), 0) + 1 FROM {table}")  # a constant table name
    return cr.fetchone()[0]


def _setval(cr, table):
    cr.execute(f"SELECT setval('{table}_id_seq', (SELECT MAX(id) FROM {table}))")  # a constant table name


# ----------------------------------------------------------------------
# Dataset
# ----------------------------------------------------------------------
def build(env, stores, members, leads, today, seed):
    """Stores by SQL, users and plans by the ORM, members, babies, orders, leads by SQL. Committed."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    cr = env.cr
    phases = {}

    def phase(name, func, *args):
        started = time.perf_counter()
        result = func(*args)
        cr.commit()  # a benchmark's dataset, not business code
        phases[name] = round(time.perf_counter() - started, 1)
        print(f"[bench] crm: {name:<10} {phases[name]:8.1f} s", flush=True)
        return result

    from benchmember import _Indexes  # secondary indexes dropped while filling, built again after

    cr.execute("SELECT setseed(%s)", (seed / 1000.0,))
    store_ids = phase("stores", _stores, env, stores)
    phase("users", _users, env, store_ids)
    phase("plans", _plans, env)
    with _Indexes(cr, ["res_partner", "chain_member"]):
        phase("members", _members, env, members, today)
    with _Indexes(cr, ["chain_member_baby"]):
        phase("babies", _babies, env, members, today)
    phase("till", _till, env)
    with _Indexes(cr, ["pos_order"]):
        phase("orders", _orders, env, today)
    with _Indexes(cr, ["crm_lead"]):
        phase("leads", _leads, env, leads, today)
    cr.commit()  # a benchmark's dataset, not business code (the indexes built again)
    cr.execute("ANALYZE res_partner; ANALYZE chain_member; ANALYZE chain_member_baby; ANALYZE pos_order; "
               "ANALYZE crm_lead")  # fmt: skip
    info = {"stores": len(store_ids), "members": members, "leads": leads, "today": str(today),
            "phases_s": phases, "seed": seed}  # fmt: skip
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    cr.commit()  # a benchmark's dataset, not business code
    print(f"[bench] crm: built {json.dumps(info)}", flush=True)
    return info


def _stores(env, count):
    env.cr.execute(
        """
        INSERT INTO chain_store (company_id, code, name, kind, state, tz, active, sequence,
                                 create_uid, create_date, write_uid, write_date)
        SELECT %s, 'R' || lpad(n::text, 4, '0'), 'CRM Bench Store ' || lpad(n::text, 4, '0'), 'store',
               'open', 'Asia/Shanghai', TRUE, 10, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %s) n
        RETURNING id
        """,
        (env.company.id, count),
    )
    ids = sorted(row[0] for row in env.cr.fetchall())
    env["chain.store"].invalidate_model()
    return ids


def _users(env, store_ids):
    """100 guides, 100 store managers (ORM); managers set on the stores round-robin (SQL)."""
    staff = env.ref("chain_store.group_chain_store_user")
    manager = env.ref("chain_store.group_chain_store_manager")
    Users = env["res.users"].with_context(no_reset_password=True)
    for kind, group in (("guide", staff), ("manager", manager)):
        Users.create([{"name": f"Bench {kind} {i:03d}", "login": f"bench.crm.{kind}.{i:03d}",
                       "groups_id": [(6, 0, [group.id])]} for i in range(USERS)])  # fmt: skip
    env.flush_all()
    env.cr.execute(
        """
        UPDATE chain_store s SET manager_id = u.id
          FROM (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM res_users
                 WHERE login LIKE 'bench.crm.manager.%%') u,
               (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM chain_store WHERE id = ANY(%s)) x
         WHERE x.id = s.id AND u.k = x.k %% %s
        """,
        (store_ids, USERS),
    )


def _plans(env):
    Plan = env["chain.crm.followup.plan"]
    contacted = env.ref("chain_crm_store.stage_contacted")
    for trigger, days, extra in (("due_soon", 7, {}), ("baby_stage", 7, {}),
                                 ("stage_change", 0, {"stage_id": contacted.id})):  # fmt: skip
        Plan.create({"name": f"Bench {trigger}", "trigger": trigger, "trigger_days": days, **extra,
                     "step_ids": [(0, 0, {"summary": f"Bench {trigger} call", "script": "Hello"})]})  # fmt: skip


def _store_count(env):
    """The bench's stores: a constant of the seeding joins (``k = g % count``: a hash join, not a loop)."""
    env.cr.execute("SELECT count(*) FROM chain_store WHERE code LIKE 'R%'")
    return env.cr.fetchone()[0]


def _members(env, n, today):
    cr = env.cr
    started = time.perf_counter()
    env.flush_all()
    pbase, mbase = _next_id(cr, "res_partner"), _next_id(cr, "chain_member")
    company, uid = env.company.id, env.uid
    cr.execute(
        """
        INSERT INTO res_partner (id, name, complete_name, company_id, commercial_partner_id, active, type,
                                 is_company, lang, phone, autopost_bills, partner_share,
                                 create_uid, create_date, write_uid, write_date)
        SELECT %(base)s + g, '会员' || g, '会员' || g, %(company)s, %(base)s + g, true, 'contact', false, 'zh_CN',
               (13800000000 + g)::text, 'ask', true, %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s,
               now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(n)s) g
        """,
        {"base": pbase, "company": company, "uid": uid, "n": n},
    )
    _setval(cr, "res_partner")
    print(f"[bench] crm:   partners {time.perf_counter() - started:.1f} s", flush=True)
    cr.execute(
        """
        INSERT INTO chain_member (id, partner_id, name, code, mobile, company_id, active, state, home_store_id,
                                  join_store_id, join_channel, join_date, consent_date, consent_store_id,
                                  consent_user_id, points_balance, guide_user_id,
                                  create_uid, create_date, write_uid, write_date)
        SELECT %(mbase)s + g, %(pbase)s + g, '会员' || g, 'CR' || lpad(g::text, 8, '0'),
               '+86' || (13800000000 + g)::text, %(company)s, true, 'active', st.id, st.id, 'store',
               %(today)s::date - 400 - (g %% 700), now() AT TIME ZONE 'UTC' - interval '400 days', st.id, %(uid)s,
               0, CASE WHEN g %% 10 < 8 THEN gu.id END,
               %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
          FROM generate_series(1, %(n)s) g
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM chain_store
                 WHERE code LIKE 'R%%') st ON st.k = g %% %(nstores)s
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM res_users
                 WHERE login LIKE 'bench.crm.guide.%%') gu ON gu.k = g %% %(users)s
        """,
        {
            "mbase": mbase,
            "pbase": pbase,
            "company": company,
            "uid": uid,
            "n": n,
            "today": today,
            "users": USERS,
            "nstores": _store_count(env),
        },
    )
    _setval(cr, "chain_member")


def _babies(env, n, today):
    """Half the members: a baby born in the last three years, or (1 in 10 of them) expected."""
    env.cr.execute(
        """
        INSERT INTO chain_member_baby (member_id, company_id, name, gender, birth_date, due_date, is_born,
                                       create_uid, create_date, write_uid, write_date)
        SELECT m.id, m.company_id, '宝宝', 'unknown',
               CASE WHEN m.id %% 20 = 1 THEN NULL ELSE %(today)s::date - (m.id * 7 %% 1095) END,
               CASE WHEN m.id %% 20 = 1 THEN %(today)s::date + (m.id %% 280) END,
               m.id %% 20 != 1, 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM chain_member m
         WHERE m.id %% 2 = 1 AND m.code LIKE 'CR%%'
        """,
        {"today": today},
    )


def _till(env):
    """The till of the bench's orders, with its open session (ORM)."""
    warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
    till = env["pos.config"].create({"name": "CRM Bench Till", "picking_type_id": warehouse.pos_type_id.id})
    till.with_user(env.ref("base.user_admin")).open_ui()  # OdooBot may not open a till
    env.flush_all()


def _orders(env, today):
    """One paid POS order per member, on a random day of the rolling year, in the bench's till."""
    till = env["pos.config"].search([("name", "=", "CRM Bench Till")], limit=1)
    session = till.current_session_id
    env.cr.execute(
        """
        INSERT INTO pos_order (company_id, session_id, config_id, name, pos_reference, date_order, state,
                               partner_id, amount_tax, amount_total, amount_paid, amount_return,
                               create_uid, create_date, write_uid, write_date)
        SELECT m.company_id, %(session)s, %(config)s, 'CRMB/' || m.id, 'CRMB-' || m.id, x.d, 'paid',
               m.partner_id, 0, 100, 100, 0, 1, x.d, 1, x.d
          FROM chain_member m
         CROSS JOIN LATERAL (SELECT %(today)s::timestamp - random() * interval '365 days' AS d) x
         WHERE m.code LIKE 'CR%%'
        """,
        {"session": session.id, "config": till.id, "today": today},
    )


def _leads(env, n, today):
    """Open leads created in the last 300 days, due in the next 280, a guide each; 1 in 20 moved to 已联系."""
    new = env.ref("chain_crm_store.stage_new")
    contacted = env.ref("chain_crm_store.stage_contacted")
    env.cr.execute(
        """
        INSERT INTO crm_lead (name, contact_name, phone, type, active, stage_id, company_id, chain_store_id,
                              team_id, user_id, chain_due_date, chain_source_kind, priority, probability,
                              create_date, write_date, date_last_stage_update, date_open, create_uid, write_uid)
        SELECT '准妈妈 ' || g, '准妈妈 ' || g, (13900000000 + g)::text, 'opportunity', TRUE,
               CASE WHEN g %% 20 = 0 THEN %(contacted)s ELSE %(new)s END, %(company)s, st.id,
               (SELECT t.id FROM crm_team t WHERE t.chain_store_id = st.id LIMIT 1), gu.id,
               %(today)s::date + 1 + (g %% 280), 'qr', '0', 10, x.d, x.d,
               CASE WHEN g %% 20 = 0 THEN x.d + interval '2 days' ELSE x.d END, x.d, 1, 1
          FROM generate_series(1, %(n)s) g
         CROSS JOIN LATERAL (SELECT %(today)s::timestamp - (g %% 300) * interval '1 day'
                                    - (g %% 24) * interval '1 hour' AS d) x
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM chain_store
                 WHERE code LIKE 'R%%') st ON st.k = g %% %(nstores)s
          JOIN (SELECT id, row_number() OVER (ORDER BY id) - 1 AS k FROM res_users
                 WHERE login LIKE 'bench.crm.guide.%%') gu ON gu.k = g %% %(users)s
        """,
        {"n": n, "today": today, "company": env.company.id, "new": new.id, "contacted": contacted.id,
         "users": USERS, "nstores": _store_count(env)},
    )  # fmt: skip


# ----------------------------------------------------------------------
# The two sides
# ----------------------------------------------------------------------
def _task_keys(env, lead_ids, member_ids):
    """``{(step, "lead"|"member", subject, date_due)}`` of the tasks of these leads and members."""
    env.flush_all()
    env.cr.execute(
        """SELECT step_id, lead_id, member_id, date_due FROM chain_crm_followup
            WHERE lead_id = ANY(%s) OR member_id = ANY(%s)""",
        (list(lead_ids), list(member_ids)),
    )
    return {(s, "lead" if lead else "member", lead or member, str(due)) for s, lead, member, due in env.cr.fetchall()}


def baseline(env, today, lead_ids, member_ids):
    """The per-record ORM way on ``lead_ids`` and ``member_ids``: one record at a time."""
    Task = env["chain.crm.followup"]
    Activity = env["mail.activity"]
    model_id = env["ir.model"]._get_id("chain.crm.followup")
    first = today - dt.timedelta(days=7)
    plans = env["chain.crm.followup.plan"].search([("active", "=", True)])

    def make(plan, subject_field, subject, store, guide, trigger_date, due_date):
        for step in plan.step_ids:
            if step.delay_from == "due_date" and not due_date:
                continue
            date_due = (due_date if step.delay_from == "due_date" else trigger_date) + dt.timedelta(
                days=step.delay_days
            )
            domain = [("step_id", "=", step.id), (subject_field, "=", subject.id), ("trigger_date", "=", trigger_date)]
            if Task.search_count(domain):
                continue
            user = (guide or store.manager_id) if step.assign_to == "guide" else store.manager_id
            task = Task.create({"plan_id": plan.id, "step_id": step.id, subject_field: subject.id,
                                "store_id": store.id, "company_id": store.company_id.id, "user_id": user.id,
                                "trigger_date": trigger_date, "date_due": date_due})  # fmt: skip
            if date_due <= today and user:
                Activity.create({"res_model_id": model_id, "res_id": task.id, "summary": step.summary,
                                 "date_deadline": date_due, "user_id": user.id})  # fmt: skip

    for lead in env["crm.lead"].browse(lead_ids):
        created = lead.create_date.date()
        for plan in plans:
            if plan.trigger == "lead_created" and first <= created <= today:
                make(plan, "lead_id", lead, lead.chain_store_id, lead.user_id, created, lead.chain_due_date)
            elif plan.trigger == "due_soon" and lead.chain_due_date and not lead.chain_member_id:
                day = lead.chain_due_date - dt.timedelta(days=plan.trigger_days)
                if first <= day <= today:
                    make(plan, "lead_id", lead, lead.chain_store_id, lead.user_id, day, lead.chain_due_date)
            elif plan.trigger == "stage_change" and lead.stage_id == plan.stage_id:
                day = lead.date_last_stage_update.date()
                if first <= day <= today:
                    make(plan, "lead_id", lead, lead.chain_store_id, lead.user_id, day, lead.chain_due_date)
    Order = env["pos.order"]
    for member in env["chain.member"].browse(member_ids):
        for plan in plans:
            if plan.trigger == "no_purchase":
                last = Order.search([("partner_id", "=", member.partner_id.id), ("state", "in", PAID)],
                                    order="date_order desc", limit=1)  # fmt: skip
                start = last.date_order.date() if last else member.join_date
                day = start + dt.timedelta(days=plan.trigger_days)
                if first <= day <= today:
                    make(plan, "member_id", member, member.home_store_id, member.guide_user_id, day, False)
            elif plan.trigger in ("baby_stage", "due_soon"):
                for baby in member.baby_ids:
                    if plan.trigger == "due_soon" and not baby.birth_date and baby.due_date:
                        day = baby.due_date - dt.timedelta(days=plan.trigger_days)
                        if first <= day <= today:
                            make(plan, "member_id", member, member.home_store_id, member.guide_user_id, day,
                                 baby.due_date)  # fmt: skip
                    elif plan.trigger == "baby_stage" and baby.birth_date:
                        for months in (6, 12):
                            year, month = divmod(baby.birth_date.month - 1 + months, 12)
                            try:
                                moment = baby.birth_date.replace(year=baby.birth_date.year + year, month=month + 1)
                            except ValueError:  # the 31st: the month's last day, as PostgreSQL does
                                moment = (baby.birth_date.replace(day=1, year=baby.birth_date.year + year,
                                          month=month + 1) + dt.timedelta(days=31)).replace(day=1) - dt.timedelta(
                                          days=1)  # fmt: skip
                            day = moment - dt.timedelta(days=plan.trigger_days)
                            if first <= day <= today:
                                make(plan, "member_id", member, member.home_store_id, member.guide_user_id, day,
                                     False)  # fmt: skip
    return _task_keys(env, lead_ids, member_ids)


def _timed(registry, func, *args):
    """Run ``func(env, *args)`` in a transaction rolled back after; returns (ms, result)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "tz": "UTC"})
        env["chain.crm.followup"].search([], limit=1)  # a warm registry, as in production
        started = time.perf_counter()
        result = func(env, *args)
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        cr.rollback()
    return elapsed, result


def _ours_timed(registry, today, lead_ids, member_ids):
    """Ours timed alone (the first ``_cron_schedule``), then the second run and the sample's tasks read."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True, "tz": "UTC"})
        Task = env["chain.crm.followup"]
        Task.search([], limit=1)
        started = time.perf_counter()
        created, activities = Task._cron_schedule(today)
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        again = Task._cron_schedule(today)
        keys = _task_keys(env, lead_ids, member_ids)
        cr.rollback()
    return elapsed, {"created": created, "activities": activities, "again": again, "keys": keys}


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--members", type=int, default=2_000_000)
    parser.add_argument("--leads", type=int, default=200_000)
    parser.add_argument("--today", default="2026-11-15")
    parser.add_argument("--sample", type=float, default=0.01)
    parser.add_argument("--repeat", type=int, default=2)
    parser.add_argument("--seed", type=int, default=24)
    parser.add_argument("--json", default="bench-results/crm.json")
    args = parser.parse_args(argv)
    today = dt.date.fromisoformat(args.today)

    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(PARAM)
        info = json.loads(raw) if raw else None
        wanted = (args.stores, args.members, args.leads, args.today)
        if info and (info["stores"], info["members"], info["leads"], info["today"]) != wanted:
            print(f"[bench] crm: {args.db} holds another dataset ({raw}): use --force", file=sys.stderr)
            return 2
        if not info:
            print(f"[bench] crm: building {args.stores} stores, {args.members} members, {args.leads} leads",
                  flush=True)  # fmt: skip
            info = build(env, args.stores, args.members, args.leads, today, args.seed)
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM crm_lead WHERE chain_store_id IS NOT NULL ORDER BY id")
        leads = [row[0] for row in cr.fetchall()]
        cr.execute("SELECT id FROM chain_member WHERE code LIKE 'CR%' ORDER BY id")
        members = [row[0] for row in cr.fetchall()]
    rng = random.Random(args.seed)
    lead_sample = sorted(rng.sample(leads, max(1, int(len(leads) * args.sample))))
    member_sample = sorted(rng.sample(members, max(1, int(len(members) * args.sample))))
    scale = 1 / args.sample

    ours_ms, base_ms, ours_result, base_keys = [], [], {}, set()
    for run in range(args.repeat):
        ms, ours_result = _ours_timed(registry, today, lead_sample, member_sample)
        ours_ms.append(ms)
        print(f"[bench] crm: ours run {run + 1}: {ms / 1000:.1f} s, {ours_result['created']} tasks, "
              f"{ours_result['activities']} activities", flush=True)  # fmt: skip
    for run in range(args.repeat):
        ms, base_keys = _timed(registry, baseline, today, lead_sample, member_sample)
        base_ms.append(ms * scale)
        print(f"[bench] crm: baseline run {run + 1}: {ms / 1000:.1f} s for {len(lead_sample)} leads and "
              f"{len(member_sample)} members, {ms * scale / 1000:.1f} s extrapolated", flush=True)  # fmt: skip
    ours_keys = ours_result["keys"]
    checks = [
        (f"the sample's tasks are the same on both sides ({len(ours_keys)} ours, {len(base_keys)} baseline, "
         f"{len(ours_keys ^ base_keys)} differ)", ours_keys == base_keys and bool(ours_keys)),
        (f"a second run the same day creates nothing ({ours_result['again']})", tuple(ours_result["again"]) == (0, 0)),
    ]  # fmt: skip
    result = summarize(
        "crm_followup_schedule",
        ours_ms,
        base_ms,
        Target("ms", TARGET_MS),
        note=f"{len(members)} members, {len(leads)} leads, {info['stores']} stores, day {args.today} (a week "
        f"caught up): {ours_result['created']} tasks, {ours_result['activities']} activities; baseline: "
        f"per-record ORM on {len(member_sample)} members + {len(lead_sample)} leads x {scale:g}",
    )
    meta = {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)), "at": dt.datetime.utcnow().isoformat(timespec="seconds")}  # fmt: skip
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
