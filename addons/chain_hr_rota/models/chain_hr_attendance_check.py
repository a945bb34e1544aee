import logging
from collections import defaultdict
from datetime import datetime, timedelta

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from ..lib import attendance as att_lib

_logger = logging.getLogger(__name__)

STATUS = [
    ("ok", "On Time"),
    ("late", "Late Arrival"),
    ("early", "Early Leave"),
    ("late_early", "Late Arrival and Early Leave"),
    ("absent", "Absent"),
    ("unplanned", "Unplanned"),
    ("overtime", "Overtime"),
]
# the figures only _chain_compute writes (with SQL); nobody changes them by hand
COMPUTED_FIELDS = (
    "date",
    "employee_id",
    "store_id",
    "company_id",
    "planned_start",
    "planned_end",
    "planned_hours",
    "check_in",
    "check_out",
    "worked_hours",
    "late_minutes",
    "early_minutes",
    "overtime_minutes",
    "status",
    "final_status",
    "computed_at",
)
# the upsert's array parameters and the columns they carry
UPSERT_PARAMS = {
    "emp": "employee_id", "day": "date", "store": "store_id", "company": "company_id", "ps": "planned_start",
    "pe": "planned_end", "ph": "planned_hours", "ci": "check_in", "co": "check_out", "wh": "worked_hours",
    "late": "late_minutes", "early": "early_minutes", "ot": "overtime_minutes", "status": "status",
}  # fmt: skip
# an attendance belongs to a planned day when it overlaps the planned window widened by this much
MATCH_MARGIN_HOURS = 4


def _pg_array(values):
    """``values`` as one PostgreSQL array literal (``{1,NULL,"2026-11-30 01:00:00"}``): a single text
    parameter PostgreSQL parses at once, where a list would become an ``ARRAY[...]`` of one expression
    per value (slow to plan past a few thousand)."""
    return "{%s}" % ",".join("NULL" if v is None or v is False else f'"{v}"' for v in values)


class ChainHrAttendanceCheck(models.Model):
    """One employee's day compared with the published rota (考勤核对).

    Made and refreshed only by :meth:`_chain_compute` (the daily cron, yesterday in each store's
    time zone); the store manager corrects the outcome (``corrected_status`` with a reason,
    tracked in the chatter), and a recompute keeps the correction. ``final_status`` is the
    correction when there is one, else the computed status.
    """

    _name = "chain.hr.attendance.check"
    _description = "Attendance Check"
    _inherit = ["mail.thread"]
    _order = "date desc, store_id, employee_id"
    _rec_name = "employee_id"
    _chain_guarded_fields = {
        **dict.fromkeys(COMPUTED_FIELDS, ("_chain_compute",)),
        "corrected_by_id": ("_chain_record_correction",),
    }
    _chain_store_field = "store_id"

    date = fields.Date(required=True, index=True, readonly=True, help="The store-local day the shift starts.")
    # indexed by the unique (employee_id, date) constraint
    employee_id = fields.Many2one("hr.employee", required=True, readonly=True, ondelete="cascade")
    store_id = fields.Many2one("chain.store", index=True, readonly=True, ondelete="cascade")
    company_id = fields.Many2one("res.company", required=True, readonly=True)
    planned_start = fields.Datetime(readonly=True)
    planned_end = fields.Datetime(readonly=True)
    planned_hours = fields.Float(readonly=True, aggregator="sum")
    check_in = fields.Datetime(readonly=True, help="The day's first check-in.")
    check_out = fields.Datetime(readonly=True, help="The day's last check-out (empty while still checked in).")
    worked_hours = fields.Float(readonly=True, aggregator="sum")
    late_minutes = fields.Integer(readonly=True, aggregator="sum")
    early_minutes = fields.Integer(string="Early Leave Minutes", readonly=True, aggregator="sum")
    overtime_minutes = fields.Integer(readonly=True, aggregator="sum")
    status = fields.Selection(STATUS, string="Computed Status", required=True, readonly=True)
    corrected_status = fields.Selection(STATUS, tracking=True, help="The store manager's correction.")
    correction_reason = fields.Text(tracking=True)
    corrected_by_id = fields.Many2one("res.users", string="Corrected By", readonly=True, tracking=True)
    final_status = fields.Selection(
        STATUS, string="Status", compute="_compute_final_status", store=True, index=True, readonly=True
    )
    computed_at = fields.Datetime(readonly=True)

    _sql_constraints = [
        ("employee_date_uniq", "UNIQUE(employee_id, date)", "One attendance check per employee and day."),
    ]

    @api.depends("status", "corrected_status")
    def _compute_final_status(self):
        for check in self:
            check.final_status = check.corrected_status or check.status

    @api.constrains("corrected_status", "correction_reason")
    def _check_correction_reason(self):
        for check in self:
            if check.corrected_status and not (check.correction_reason or "").strip():
                raise ValidationError(
                    _(
                        "A correction of %(employee)s's attendance on %(date)s needs a reason.",
                        employee=check.employee_id.name,
                        date=check.date,
                    )
                )

    def write(self, vals):
        result = super().write(vals)
        if "corrected_status" in vals or "correction_reason" in vals:
            self._chain_record_correction()
        return result

    def _chain_record_correction(self):
        """Record who corrected (or removed the correction of) these checks."""
        for check in self:
            check.corrected_by_id = self.env.user if check.corrected_status else False

    def action_recompute(self):
        """Compute the days of these checks again (after an attendance was fixed), for their stores.

        Needs write access to every check (store managers: their stores' checks); corrections stay.
        """
        if not self:
            return True
        self.check_access("write")
        stores = self.store_id
        self._chain_compute(min(self.mapped("date")), max(self.mapped("date")), stores.ids or None)
        return True

    # ------------------------------------------------------------------
    # Computation
    # ------------------------------------------------------------------
    @api.model
    def _chain_tolerances(self, company_ids):
        """``{company_id: (late, early, overtime_min)}`` in minutes."""
        companies = self.env["res.company"].sudo().browse(company_ids)  # sudo: settings of the checks' companies
        return {
            c.id: (c.chain_att_late_tolerance, c.chain_att_early_tolerance, c.chain_att_overtime_min) for c in companies
        }

    @api.model
    def _chain_gather(self, date_from, date_to, store_ids=None):
        """One row per employee and day of ``[date_from, date_to]`` that has a published plan or attendance.

        Set-based: one query for every employee. Each attendance goes to the planned day (of the day
        before, the same or the day after its store-local check-in day) whose window, widened by
        ``MATCH_MARGIN_HOURS``, it overlaps, nearest start first; else to its store-local check-in day.
        Rows: ``(employee_id, day, store_id, company_id, planned_start, planned_end, planned_hours,
        check_ins[], check_outs[])``.
        """
        store_filter = (
            SQL("AND COALESCE(d.day_store, e.chain_store_id) IN %s", tuple(store_ids)) if store_ids else SQL("")
        )
        query = SQL(
            """
            WITH plan AS (
                SELECT l.employee_id, l.date AS day, min(l.store_id) AS store_id,
                       min(l.start_datetime) AS ps, max(l.end_datetime) AS pe, sum(l.hours) AS ph
                  FROM chain_hr_rota_line l
                 WHERE l.state = 'published' AND NOT COALESCE(l.is_template, FALSE)
                   AND l.date BETWEEN %(from)s::date - 1 AND %(to)s::date + 1
                 GROUP BY l.employee_id, l.date
            ), att AS (
                SELECT a.id, a.employee_id, a.check_in, a.check_out,
                       COALESCE(a.chain_store_id, e.chain_store_id) AS store_id,
                       (a.check_in AT TIME ZONE 'UTC' AT TIME ZONE COALESCE(s.tz, 'Asia/Shanghai'))::date AS local_day
                  FROM hr_attendance a
                  JOIN hr_employee e ON e.id = a.employee_id
             LEFT JOIN chain_store s ON s.id = COALESCE(a.chain_store_id, e.chain_store_id)
                 WHERE a.check_in >= %(from)s::date - 2 AND a.check_in < %(to)s::date + 3
            ), assigned AS (
                SELECT DISTINCT ON (att.id) att.id, att.employee_id, att.check_in, att.check_out, att.store_id,
                       COALESCE(p.day, att.local_day) AS day
                  FROM att
             LEFT JOIN plan p
                    ON p.employee_id = att.employee_id
                   AND p.day BETWEEN att.local_day - 1 AND att.local_day + 1
                   AND att.check_in < p.pe + make_interval(hours => %(margin)s)
                   AND COALESCE(att.check_out, att.check_in) > p.ps - make_interval(hours => %(margin)s)
                 ORDER BY att.id, abs(extract(epoch FROM att.check_in - p.ps))
            ), worked AS (
                SELECT employee_id, day, min(store_id) AS store_id,
                       array_agg(check_in ORDER BY check_in, id) AS ins,
                       array_agg(check_out ORDER BY check_in, id) AS outs
                  FROM assigned
                 WHERE day BETWEEN %(from)s AND %(to)s
                 GROUP BY employee_id, day
            ), days AS (
                SELECT COALESCE(p.employee_id, w.employee_id) AS employee_id,
                       COALESCE(p.day, w.day) AS day,
                       COALESCE(p.store_id, w.store_id) AS day_store,
                       p.ps, p.pe, p.ph, w.ins, w.outs
                  FROM (SELECT * FROM plan WHERE day BETWEEN %(from)s AND %(to)s) p
             FULL JOIN worked w ON w.employee_id = p.employee_id AND w.day = p.day
            )
            SELECT d.employee_id, d.day, COALESCE(d.day_store, e.chain_store_id), e.company_id,
                   d.ps, d.pe, COALESCE(d.ph, 0), d.ins, d.outs
              FROM days d
              JOIN hr_employee e ON e.id = d.employee_id
             WHERE COALESCE(d.day_store, e.chain_store_id) IS NOT NULL %(store_filter)s
            """,
            **{"from": date_from, "to": date_to, "margin": MATCH_MARGIN_HOURS, "store_filter": store_filter},
        )
        self.env.cr.execute(query)
        return self.env.cr.fetchall()

    @api.model
    def _chain_compute(self, date_from, date_to, store_ids=None):
        """Compare attendance with the published rota for the days ``date_from``..``date_to``.

        Set-based and idempotent: one query gathers every employee's days (``_chain_gather``), the
        pure rules of ``lib/attendance.py`` classify them, one statement upserts the checks (the
        store manager's corrections are kept) and one removes the uncorrected checks of days that
        no longer have a plan nor attendance. ``store_ids``: only the checks of those stores.
        Employees without a store (head office) are not checked. Returns the number of checks.
        """
        self.env.flush_all()
        rows = self._chain_gather(date_from, date_to, store_ids)
        tolerances = self._chain_tolerances({row[3] for row in rows})
        columns = defaultdict(list)
        for employee_id, day, store_id, company_id, ps, pe, ph, ins, outs in rows:
            late_tol, early_tol, overtime_min = tolerances[company_id]
            intervals = list(zip(ins or [], outs or [], strict=True))
            result = att_lib.classify(ps, pe, intervals, late_tol, early_tol, overtime_min)
            if result is None:
                continue
            for name, value in (
                ("employee_id", employee_id), ("date", day), ("store_id", store_id), ("company_id", company_id),
                ("planned_start", ps), ("planned_end", pe), ("planned_hours", ph),
                ("check_in", result["check_in"]), ("check_out", result["check_out"]),
                ("worked_hours", round(result["worked_minutes"] / 60.0, 2)),
                ("late_minutes", result["late_minutes"]), ("early_minutes", result["early_minutes"]),
                ("overtime_minutes", result["overtime_minutes"]), ("status", result["status"]),
            ):  # fmt: skip
                columns[name].append(value)
        self._chain_write_checks(columns, date_from, date_to, store_ids)
        self.env.invalidate_all()
        return len(columns["employee_id"])

    @api.model
    def _chain_write_checks(self, columns, date_from, date_to, store_ids):
        """Upsert the classified days ``columns`` (lists by field) and drop stale uncorrected checks."""
        cr = self.env.cr
        now = fields.Datetime.now()
        uid = self.env.uid
        if columns["employee_id"]:
            cr.execute(
                SQL(
                    """
                    INSERT INTO chain_hr_attendance_check
                           (employee_id, date, store_id, company_id, planned_start, planned_end, planned_hours,
                            check_in, check_out, worked_hours, late_minutes, early_minutes, overtime_minutes,
                            status, final_status, computed_at, create_uid, create_date, write_uid, write_date)
                    SELECT k.*, k.status, %(now)s, %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM unnest(%(emp)s::int[], %(day)s::date[], %(store)s::int[], %(company)s::int[],
                                  %(ps)s::timestamp[], %(pe)s::timestamp[], %(ph)s::float8[],
                                  %(ci)s::timestamp[], %(co)s::timestamp[], %(wh)s::float8[],
                                  %(late)s::int[], %(early)s::int[], %(ot)s::int[], %(status)s::varchar[])
                           AS k(employee_id, date, store_id, company_id, planned_start, planned_end,
                                planned_hours, check_in, check_out, worked_hours, late_minutes, early_minutes,
                                overtime_minutes, status)
                    ON CONFLICT (employee_id, date) DO UPDATE SET
                           store_id = EXCLUDED.store_id, company_id = EXCLUDED.company_id,
                           planned_start = EXCLUDED.planned_start, planned_end = EXCLUDED.planned_end,
                           planned_hours = EXCLUDED.planned_hours, check_in = EXCLUDED.check_in,
                           check_out = EXCLUDED.check_out, worked_hours = EXCLUDED.worked_hours,
                           late_minutes = EXCLUDED.late_minutes, early_minutes = EXCLUDED.early_minutes,
                           overtime_minutes = EXCLUDED.overtime_minutes, status = EXCLUDED.status,
                           final_status = COALESCE(chain_hr_attendance_check.corrected_status, EXCLUDED.status),
                           computed_at = EXCLUDED.computed_at, write_uid = EXCLUDED.write_uid,
                           write_date = EXCLUDED.write_date
                     -- a day that did not change is not written again (no dead row, no index update)
                     WHERE (chain_hr_attendance_check.store_id, chain_hr_attendance_check.company_id,
                            chain_hr_attendance_check.planned_start, chain_hr_attendance_check.planned_end,
                            chain_hr_attendance_check.planned_hours, chain_hr_attendance_check.check_in,
                            chain_hr_attendance_check.check_out, chain_hr_attendance_check.worked_hours,
                            chain_hr_attendance_check.late_minutes, chain_hr_attendance_check.early_minutes,
                            chain_hr_attendance_check.overtime_minutes, chain_hr_attendance_check.status)
                           IS DISTINCT FROM
                           (EXCLUDED.store_id, EXCLUDED.company_id, EXCLUDED.planned_start, EXCLUDED.planned_end,
                            EXCLUDED.planned_hours, EXCLUDED.check_in, EXCLUDED.check_out, EXCLUDED.worked_hours,
                            EXCLUDED.late_minutes, EXCLUDED.early_minutes, EXCLUDED.overtime_minutes,
                            EXCLUDED.status)
                    """,
                    now=now,
                    uid=uid,
                    **{key: _pg_array(columns[name]) for key, name in UPSERT_PARAMS.items()},
                ),
            )
        # the uncorrected checks of the range that no day computed now: their plan and attendance are gone
        store_filter = SQL("AND store_id IN %s", tuple(store_ids)) if store_ids else SQL("")
        cr.execute(
            SQL(
                """
                SELECT id, employee_id, date FROM chain_hr_attendance_check
                 WHERE date BETWEEN %(from)s AND %(to)s AND corrected_status IS NULL %(store_filter)s
                """,
                store_filter=store_filter,
                **{"from": date_from, "to": date_to},
            )
        )
        kept = set(zip(columns["employee_id"], columns["date"], strict=True))
        stale = [check_id for check_id, employee_id, day in cr.fetchall() if (employee_id, day) not in kept]
        if stale:
            cr.execute(SQL("DELETE FROM chain_hr_attendance_check WHERE id = ANY(%s)", stale))

    @api.model
    def _cron_compute_yesterday(self):
        """Daily: check yesterday (and the day before, for night shifts ending this morning) in each
        store's own time zone. A store group that fails is logged and skipped; the others go on."""
        by_tz = defaultdict(list)
        for tz_name, store_ids in self.env["chain.store"]._read_group([], ["tz"], ["id:array_agg"]):
            by_tz[tz_name or "Asia/Shanghai"].extend(store_ids)
        for tz_name, store_ids in by_tz.items():
            try:
                today = datetime.now(pytz.timezone(tz_name)).date()
            except pytz.UnknownTimeZoneError:
                today = datetime.now(pytz.timezone("Asia/Shanghai")).date()
            yesterday = today - timedelta(days=1)
            try:
                with self.env.cr.savepoint():
                    self._chain_compute(yesterday - timedelta(days=1), yesterday, store_ids)
            except Exception:  # a poison group must not stop the other stores' checks
                _logger.exception("attendance checks of stores %s (%s) failed", store_ids, tz_name)
