"""Rota-vs-attendance benchmark of ``chain_hr_rota`` (``scripts/bench run-hr``), run with Odoo importable.

The dataset (made on the first run in the database ``scripts/bench`` creates with ``chain_hr_rota``
only, without demo data, and committed; the system parameter ``chain_bench.hr`` records it):
500 open stores (through the ORM: their warehouses are real) x 10 employees = 5,000 employees
(through the ORM, in batches); then with set-based SQL a published rota per store and week
covering the month, one shift a day six days a week (nine employees on the early shift
09:00-17:00, one on the night shift 22:00-06:00 across midnight), and the month's attendance:
per planned shift a check-in 8 minutes early to 20 minutes late and a check-out 15 minutes early
to 50 minutes late (seeded random), 3 % of the shifts missed, 2 % of the rest days worked
unplanned, and the last night of each night worker still open (no check-out).

Measured in the same run, each side on the same rows, every run rolled back:

* ours: ``chain.hr.attendance.check._chain_compute(first day, last day)`` over every store: one
  query gathers the employees' days, ``lib/attendance.py`` classifies them, one statement upserts
  the checks (about 150,000);
* baseline: what an ORM implementation does, an employee at a time: search the employee's
  published shifts of the month and their attendance, match and classify them (the same rules),
  ``create`` the checks; timed on a sample of employees (``--sample``, default 100) and
  extrapolated to all of them.

Printed: ours, the baseline (extrapolated), their ratio and the target (ours under 30 s); checked:
the sample's checks of both sides are the same (status and minutes), the check count is the
number of employee-days with a shift or attendance. Results in ``bench-results/hr.json``.

Measured (7 Dec 2026, 2 CPUs shared with another benchmark, load average 3-5): 129,000 shifts and
125,700 attendances, 129,438 checks; ours 19.8 s median (16.0-21.1 s over 3 runs: gather 6 s,
classify and build the arrays 6 s, upsert 8 s of which 5 s are the foreign keys' checks) vs the ORM
loop 153.7 s extrapolated (3.1 s per 100 employees), ratio 0.13, target < 30 s met; a recompute of
an unchanged month writes nothing (updates only the days that changed, about 12 s). Building the
dataset takes about 12 minutes (stores and employees through the ORM: 5.5 min each).

Usage (internal): benchhr.py --db NAME --addons-path PATHS [--stores 500] [--per-store 10]
                  [--month 2026-11] [--sample 100] [--repeat 3] [--json PATH]
"""

import argparse
import json
import os
import platform
import random
import sys
import time
from collections import defaultdict
from datetime import date, datetime, timedelta
from pathlib import Path

import pytz

import odoo
from odoo.tools import config

sys.path.insert(0, str(Path(__file__).resolve().parent))
from benchlib import Target, summarize, write_report

PARAM = "chain_bench.hr"
TARGET_MS = 30_000
STORE_CHUNK = 50
EMPLOYEE_CHUNK = 500
MARGIN = timedelta(hours=4)  # as chain.hr.attendance.check: an attendance's window around a planned day


def _registry(db, addons_path):
    config.parse_config([f"--database={db}", f"--addons-path={addons_path}", "--log-level=warn",
                         "--max-cron-threads=0"])  # fmt: skip
    return odoo.modules.registry.Registry(db)


# ----------------------------------------------------------------------
# Dataset
# ----------------------------------------------------------------------
def month_bounds(month):
    first = date.fromisoformat(f"{month}-01")
    last = (first.replace(day=28) + timedelta(days=4)).replace(day=1) - timedelta(days=1)
    return first, last


def build(env, stores, per_store, month, seed):
    """Stores, employees, templates through the ORM; rotas, shifts and attendance with SQL. Committed."""
    env = env(context=dict(env.context, tracking_disable=True, mail_create_nolog=True, no_reset_password=True))
    cr = env.cr
    first, last = month_bounds(month)
    phases = {}

    def phase(name, func, *args):
        started = time.perf_counter()
        result = func(*args)
        cr.commit()  # a benchmark's dataset, not business code
        phases[name] = round(time.perf_counter() - started, 1)
        print(f"[bench] hr: {name:<12} {phases[name]:8.1f} s", flush=True)
        return result

    store_ids = phase("stores", _stores, env, stores)
    employee_ids = phase("employees", _employees, env, store_ids, per_store)
    templates = phase("templates", _templates, env)
    phase("rotas", _rotas, env, store_ids, first, last)
    phase("shifts", _shifts, env, templates, first, last, per_store)
    phase("attendance", _attendance, env, templates, first, last, seed)
    cr.execute("ANALYZE hr_attendance; ANALYZE chain_hr_rota_line; ANALYZE hr_employee")
    cr.execute("SELECT count(*) FROM chain_hr_rota_line")
    lines = cr.fetchone()[0]
    cr.execute("SELECT count(*) FROM hr_attendance")
    attendances = cr.fetchone()[0]
    info = {"stores": len(store_ids), "employees": len(employee_ids), "month": month, "shifts": lines,
            "attendances": attendances, "phases_s": phases, "seed": seed}  # fmt: skip
    # sudo: a system parameter; the builder runs as superuser anyway
    env["ir.config_parameter"].sudo().set_param(PARAM, json.dumps(info))
    cr.commit()  # a benchmark's dataset, not business code
    print(f"[bench] hr: built {json.dumps(info)}", flush=True)
    return info


def _stores(env, count):
    Store = env["chain.store"]
    created = []
    for start in range(0, count, STORE_CHUNK):
        numbers = range(start + 1, min(count, start + STORE_CHUNK) + 1)
        vals = [{"code": f"H{n:04d}", "name": f"HR Bench Store {n:04d}", "kind": "store", "state": "open",
                 "tz": "Asia/Shanghai"} for n in numbers]  # fmt: skip
        batch = Store.create(vals)
        created.extend(batch.ids)
        env.cr.commit()  # a benchmark's dataset, not business code
        print(f"[bench] hr:   {len(created)}/{count} stores", flush=True)
    return created


def _employees(env, store_ids, per_store):
    Employee = env["hr.employee"]
    vals = [{"name": f"Staff {store_id}-{i:02d}", "chain_store_id": store_id} for store_id in store_ids
            for i in range(1, per_store + 1)]  # fmt: skip
    ids = []
    for start in range(0, len(vals), EMPLOYEE_CHUNK):
        ids.extend(Employee.create(vals[start : start + EMPLOYEE_CHUNK]).ids)
        env.cr.commit()  # a benchmark's dataset, not business code
    return ids


def _templates(env):
    Template = env["chain.hr.shift.template"]
    early = Template.create({"name": "Bench Early", "code": "E", "kind": "early", "start_hour": 9, "end_hour": 17,
                             "break_minutes": 60})  # fmt: skip
    night = Template.create({"name": "Bench Night", "code": "N", "kind": "night", "start_hour": 22, "end_hour": 6})
    return {"early": early.id, "night": night.id}


def _rotas(env, store_ids, first, last):
    """A published rota per store and week touching the month."""
    monday = first - timedelta(days=first.weekday())
    env.cr.execute(
        """
        INSERT INTO chain_hr_rota (name, store_id, company_id, week_start, state, is_template, published_date,
                                   create_uid, create_date, write_uid, write_date)
        SELECT s.code || ' ' || to_char(w, 'IYYY-"W"IW'), s.id, s.company_id, w::date, 'published', FALSE,
               now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM chain_store s
         CROSS JOIN generate_series(%s::date, %s::date, interval '7 days') w
         WHERE s.id = ANY(%s)
        """,
        (monday, last, store_ids),
    )


def _shifts(env, templates, first, last, per_store):
    """One shift a day six days a week (the employee's day off by their rank); the last of each store
    works nights 22:00-06:00 Shanghai (14:00-22:00 UTC), the others 09:00-17:00 (01:00-09:00 UTC)."""
    env.cr.execute(
        """
        WITH staff AS (
            SELECT e.id, e.chain_store_id AS store_id,
                   row_number() OVER (PARTITION BY e.chain_store_id ORDER BY e.id) AS rank
              FROM hr_employee e JOIN chain_store s ON s.id = e.chain_store_id AND s.code LIKE 'H%%'
        )
        INSERT INTO chain_hr_rota_line (rota_id, store_id, company_id, employee_id, date, template_id, segment,
                                        start_datetime, end_datetime, hours, state, is_template,
                                        create_uid, create_date, write_uid, write_date)
        SELECT r.id, r.store_id, r.company_id, st.id, d::date,
               CASE WHEN st.rank = %(per_store)s THEN %(night)s ELSE %(early)s END, 1,
               d + CASE WHEN st.rank = %(per_store)s THEN interval '14 hours' ELSE interval '1 hour' END,
               d + CASE WHEN st.rank = %(per_store)s THEN interval '22 hours' ELSE interval '9 hours' END,
               CASE WHEN st.rank = %(per_store)s THEN 8 ELSE 7 END, 'published', FALSE,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM staff st
         CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
          JOIN chain_hr_rota r
            ON r.store_id = st.store_id AND r.week_start = d::date - (extract(isodow FROM d)::int - 1)
         WHERE (extract(isodow FROM d)::int - 1) <> st.rank %% 7
        """,
        {"per_store": per_store, "night": templates["night"], "early": templates["early"], "first": first,
         "last": last},
    )  # fmt: skip


def _attendance(env, templates, first, last, seed):
    """The month's attendance: most shifts attended with seeded deviations, a few missed, a few
    unplanned days; the last night of each night worker left open."""
    cr = env.cr
    cr.execute("SELECT setseed(%s)", (seed / 1000.0,))
    cr.execute(
        """
        CREATE TEMP TABLE bench_att ON COMMIT DROP AS
        SELECT l.employee_id,
               l.start_datetime + make_interval(secs => (random() * 28 - 8) * 60) AS check_in,
               l.end_datetime + make_interval(secs => (random() * 65 - 15) * 60) AS check_out,
               l.template_id, l.date
          FROM chain_hr_rota_line l
         WHERE l.state = 'published' AND l.date BETWEEN %(first)s AND %(last)s AND random() >= 0.03
        UNION ALL
        SELECT e.id, d + interval '2 hours', d + interval '6 hours', NULL, d::date
          FROM hr_employee e
         CROSS JOIN generate_series(%(first)s::date, %(last)s::date, interval '1 day') d
         WHERE e.chain_store_id IS NOT NULL
           AND NOT EXISTS (SELECT 1 FROM chain_hr_rota_line l WHERE l.employee_id = e.id AND l.date = d::date)
           AND random() < 0.02;
        -- the last night of each night worker: still checked in
        UPDATE bench_att a SET check_out = NULL
          FROM (SELECT employee_id, max(date) AS date FROM bench_att WHERE template_id IS NOT NULL
                 GROUP BY employee_id) lastday
         WHERE a.employee_id = lastday.employee_id AND a.date = lastday.date
           AND a.template_id = %(night)s;
        INSERT INTO hr_attendance (employee_id, check_in, check_out, worked_hours, chain_store_id,
                                   create_uid, create_date, write_uid, write_date)
        SELECT a.employee_id, a.check_in, a.check_out,
               COALESCE(extract(epoch FROM a.check_out - a.check_in) / 3600.0, 0), e.chain_store_id,
               1, now() AT TIME ZONE 'UTC', 1, now() AT TIME ZONE 'UTC'
          FROM bench_att a JOIN hr_employee e ON e.id = a.employee_id;
        """,
        {"first": first, "last": last, "night": templates["night"]},
    )


# ----------------------------------------------------------------------
# The two sides
# ----------------------------------------------------------------------
def ours(env, first, last):
    return env["chain.hr.attendance.check"]._chain_compute(first, last)


def baseline(env, first, last, employee_ids):
    """The same checks made an employee at a time through the ORM; returns ``{(employee, day): (status,
    late, early, overtime)}`` of what it created."""
    from odoo.addons.chain_hr_rota.lib import attendance as att_lib

    Line = env["chain.hr.rota.line"]
    Attendance = env["hr.attendance"]
    Check = env["chain.hr.attendance.check"]
    made = {}
    for employee in env["hr.employee"].browse(employee_ids):
        company = employee.company_id
        tz = employee.chain_store_id._chain_tz()
        lines = Line.search([("employee_id", "=", employee.id), ("state", "=", "published"),
                             ("is_template", "=", False), ("date", ">=", first - timedelta(days=1)),
                             ("date", "<=", last + timedelta(days=1))])  # fmt: skip
        plans = defaultdict(list)
        for line in lines:
            plans[line.date].append(line)
        windows = {day: (min(ls, key=lambda x: x.start_datetime).start_datetime,
                         max(ls, key=lambda x: x.end_datetime).end_datetime, sum(x.hours for x in ls))
                   for day, ls in plans.items()}  # fmt: skip
        since = datetime.combine(first - timedelta(days=2), datetime.min.time())
        until = datetime.combine(last + timedelta(days=3), datetime.min.time())
        attendances = Attendance.search(
            [("employee_id", "=", employee.id), ("check_in", ">=", since), ("check_in", "<", until)]
        )
        by_day = defaultdict(list)
        for att in attendances:
            local_day = att.check_in.replace(tzinfo=pytz.utc).astimezone(tz).date()
            end = att.check_out or att.check_in
            candidates = [
                (abs((att.check_in - ps).total_seconds()), day)
                for day, (ps, pe, _ph) in windows.items()
                if abs((day - local_day).days) <= 1 and att.check_in < pe + MARGIN and end > ps - MARGIN
            ]
            day = min(candidates)[1] if candidates else local_day
            by_day[day].append((att.check_in, att.check_out or None))
        vals = []
        for day in sorted(set(windows) | set(by_day)):
            if not first <= day <= last:
                continue
            ps, pe, ph = windows.get(day, (None, None, 0.0))
            result = att_lib.classify(ps, pe, by_day.get(day, []), company.chain_att_late_tolerance,
                                      company.chain_att_early_tolerance, company.chain_att_overtime_min)  # fmt: skip
            vals.append({
                "employee_id": employee.id, "date": day, "store_id": employee.chain_store_id.id,
                "company_id": company.id, "planned_start": ps, "planned_end": pe, "planned_hours": ph,
                "check_in": result["check_in"], "check_out": result["check_out"],
                "worked_hours": round(result["worked_minutes"] / 60.0, 2), "late_minutes": result["late_minutes"],
                "early_minutes": result["early_minutes"], "overtime_minutes": result["overtime_minutes"],
                "status": result["status"], "computed_at": odoo.fields.Datetime.now(),
            })  # fmt: skip
            made[(employee.id, day)] = (result["status"], result["late_minutes"], result["early_minutes"],
                                        result["overtime_minutes"])  # fmt: skip
        Check.create(vals)
        env.flush_all()
    return made


def _timed(registry, func, *args):
    """Run ``func(env, *args)`` in a transaction rolled back after; returns (ms, result)."""
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        env["chain.hr.attendance.check"].search([], limit=1)  # a warm registry and cache, as in production
        started = time.perf_counter()
        result = func(env, *args)
        env.flush_all()
        elapsed = (time.perf_counter() - started) * 1000
        checks = None
        if func is ours:
            cr.execute(
                "SELECT employee_id, date, status, late_minutes, early_minutes, overtime_minutes"
                "  FROM chain_hr_attendance_check"
            )
            checks = {(e, d): (s, la, ea, ot) for e, d, s, la, ea, ot in cr.fetchall()}
        cr.rollback()
    return elapsed, result, checks


def main(argv=None):
    parser = argparse.ArgumentParser()
    parser.add_argument("--db", required=True)
    parser.add_argument("--addons-path", required=True)
    parser.add_argument("--stores", type=int, default=500)
    parser.add_argument("--per-store", type=int, default=10)
    parser.add_argument("--month", default="2026-11")
    parser.add_argument("--sample", type=int, default=100)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--seed", type=int, default=23)
    parser.add_argument("--json", default="bench-results/hr.json")
    args = parser.parse_args(argv)

    registry = _registry(args.db, args.addons_path)
    with registry.cursor() as cr:
        env = odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})
        raw = env["ir.config_parameter"].get_param(PARAM)
        info = json.loads(raw) if raw else None
        wanted = (args.stores, args.stores * args.per_store, args.month)
        if info and (info["stores"], info["employees"], info["month"]) != wanted:
            print(f"[bench] hr: {args.db} holds another dataset ({raw}): use --force", file=sys.stderr)
            return 2
        if not info:
            print(f"[bench] hr: building {args.stores} stores x {args.per_store} employees, {args.month}", flush=True)
            info = build(env, args.stores, args.per_store, args.month, args.seed)
        cr.execute("SELECT count(*) FROM chain_hr_attendance_check")
        if cr.fetchone()[0]:
            print("[bench] hr: the database holds attendance checks: they are part of every run", flush=True)
    first, last = month_bounds(args.month)
    with registry.cursor() as cr:
        cr.execute("SELECT id FROM hr_employee WHERE chain_store_id IS NOT NULL ORDER BY id")
        employees = [row[0] for row in cr.fetchall()]
    sample = random.Random(args.seed).sample(employees, min(args.sample, len(employees)))
    scale = len(employees) / len(sample)

    ours_ms, base_ms, ours_checks, base_checks, count = [], [], None, None, 0
    for run in range(args.repeat):
        ms, count, ours_checks = _timed(registry, ours, first, last)
        ours_ms.append(ms)
        print(f"[bench] hr: ours run {run + 1}: {ms / 1000:.1f} s, {count} checks", flush=True)
    for run in range(args.repeat):
        ms, base_checks, _none = _timed(registry, baseline, first, last, sample)
        base_ms.append(ms * scale)
        print(f"[bench] hr: baseline run {run + 1}: {ms / 1000:.1f} s for {len(sample)} employees, "
              f"{ms * scale / 1000:.1f} s extrapolated to {len(employees)}", flush=True)  # fmt: skip
    same = {key: ours_checks.get(key) for key in base_checks} == base_checks
    with registry.cursor() as cr:
        cr.execute(
            """SELECT count(*) FROM (
                   SELECT employee_id, date FROM chain_hr_rota_line WHERE state = 'published'
                      AND date BETWEEN %(f)s AND %(l)s
                   UNION
                   SELECT a.employee_id, (a.check_in AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date
                     FROM hr_attendance a
                    WHERE (a.check_in AT TIME ZONE 'UTC' AT TIME ZONE 'Asia/Shanghai')::date BETWEEN %(f)s AND %(l)s
               ) days""",
            {"f": first, "l": last},
        )
        expected_days = cr.fetchone()[0]
    checks = [
        ("the sample's checks are the same on both sides (status, late, early, overtime minutes)", same),
        (f"one check per employee-day with a shift or attendance ({count} of {expected_days})",
         count == expected_days),
    ]  # fmt: skip
    result = summarize(
        "hr_rota_vs_attendance_month",
        ours_ms,
        base_ms,
        Target("ms", TARGET_MS),
        note=f"{len(employees)} employees, {args.month}; baseline: ORM loop per employee on {len(sample)} "
        f"employees x {scale:g}",
    )
    meta = {"db": args.db, "odoo": odoo.release.version, "python": platform.python_version(),
            "cpus": len(os.sched_getaffinity(0)), "at": datetime.utcnow().isoformat(timespec="seconds")}  # fmt: skip
    return write_report(result, checks, info, meta, args.json)


if __name__ == "__main__":
    sys.exit(main())
