import io
from datetime import date

from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException

from .test_attendance_common import MONDAY, AttendanceCase, utc

SUNDAY = date(2026, 12, 6)


class TestAttendanceCheck(AttendanceCase):
    def _compute(self, date_from=MONDAY, date_to=SUNDAY, store_ids=None):
        return self.Check._chain_compute(date_from, date_to, store_ids)

    def test_week_of_store_a(self):
        self._compute()
        checks = self.Check.search([("store_id", "=", self.store_a.id)], order="employee_id, date")
        self.assertRecordValues(
            checks.filtered(lambda c: c.employee_id == self.li).sorted("date"),
            [
                {"date": MONDAY, "status": "ok", "late_minutes": 0, "early_minutes": 0, "overtime_minutes": 0,
                 "planned_hours": 7.0, "worked_hours": 8.07, "check_in": utc(30, 8, 58)},
                {"date": date(2026, 12, 1), "status": "late", "late_minutes": 12, "early_minutes": 0,
                 "overtime_minutes": 0, "planned_hours": 7.0, "worked_hours": 7.8, "check_in": utc(1, 9, 12, 12)},
                {"date": date(2026, 12, 2), "status": "early", "late_minutes": 0, "early_minutes": 30,
                 "overtime_minutes": 0, "planned_hours": 7.0, "worked_hours": 7.5, "check_in": utc(2, 9, 0, 12)},
                {"date": date(2026, 12, 3), "status": "absent", "late_minutes": 0, "early_minutes": 0,
                 "overtime_minutes": 0, "planned_hours": 7.0, "worked_hours": 0.0, "check_in": False},
                {"date": date(2026, 12, 4), "status": "late_early", "late_minutes": 20, "early_minutes": 10,
                 "overtime_minutes": 0, "planned_hours": 7.0, "worked_hours": 7.5, "check_in": utc(4, 9, 20, 12)},
                {"date": date(2026, 12, 5), "status": "unplanned", "late_minutes": 0, "early_minutes": 0,
                 "overtime_minutes": 0, "planned_hours": 0.0, "worked_hours": 4.0, "check_in": utc(5, 10, 0, 12)},
            ],
        )  # fmt: skip
        li = checks.filtered(lambda c: c.employee_id == self.li)
        self.assertEqual(sum(li.mapped("late_minutes")), 32)
        self.assertEqual(sum(li.mapped("early_minutes")), 40)
        self.assertEqual(len(checks), 9, "6 days of Li, 3 nights of Wang")

    def test_night_shift_across_midnight(self):
        self._compute()
        wang = self.Check.search([("employee_id", "=", self.wang.id)], order="date")
        # each night belongs to the day it starts, never to the morning it ends
        self.assertRecordValues(
            wang,
            [
                {"date": MONDAY, "status": "overtime", "late_minutes": 0, "overtime_minutes": 45,
                 "check_out": utc(30, 30, 45), "worked_hours": 8.7},
                {"date": date(2026, 12, 2), "status": "late", "late_minutes": 40, "overtime_minutes": 0,
                 "check_out": utc(2, 30, 0, 12), "worked_hours": 7.33},
                {"date": date(2026, 12, 4), "status": "ok", "late_minutes": 0, "overtime_minutes": 0,
                 "check_out": False, "worked_hours": 0.0},
            ],
        )  # fmt: skip

    def test_company_tolerances(self):
        self.env.company.write({"chain_att_late_tolerance": 15, "chain_att_early_tolerance": 30,
                                "chain_att_overtime_min": 60})  # fmt: skip
        self._compute()
        self.assertEqual(self._check(self.li, date(2026, 12, 1)).status, "ok", "12 minutes late, 15 tolerated")
        self.assertEqual(self._check(self.li, date(2026, 12, 2)).status, "ok", "30 minutes early, 30 tolerated")
        self.assertRecordValues(self._check(self.wang, MONDAY), [{"status": "ok", "overtime_minutes": 0}])
        self.assertEqual(self._check(self.li, date(2026, 12, 4)).status, "late")

    def test_recompute_is_idempotent_and_follows_the_data(self):
        self.assertEqual(self._compute(), 10)
        ids = self.Check.search([]).ids
        self.assertEqual(self._compute(), 10)
        self.assertEqual(self.Check.search([]).ids, ids, "the same checks, updated in place")
        # Li's Saturday attendance was a mistake: deleted, the unplanned check goes
        self.env["hr.attendance"].search(
            [("employee_id", "=", self.li.id), ("check_in", "=", utc(5, 10, 0, 12))]
        ).unlink()
        self._compute()
        self.assertFalse(self._check(self.li, date(2026, 12, 5)))
        # only the store asked for is touched
        self.env["hr.attendance"].create(
            {"employee_id": self.zhao.id, "check_in": utc(1, 10, 0, 12), "check_out": utc(1, 12, 0, 12)}
        )
        self._compute(store_ids=self.store_a.ids)
        self.assertFalse(self._check(self.zhao, date(2026, 12, 1)))
        self._compute(store_ids=self.store_b.ids)
        self.assertEqual(self._check(self.zhao, date(2026, 12, 1)).status, "unplanned")
        self.assertTrue(self._check(self.li, MONDAY), "store A's checks stay")

    def test_correction_kept_after_recompute_and_tracked(self):
        self._compute()
        absent = self._check(self.li, date(2026, 12, 3))
        absent.with_user(self.manager_a).with_context(tracking_disable=False).write(
            {"corrected_status": "ok", "correction_reason": "Training at head office"}
        )
        self.assertRecordValues(
            absent, [{"status": "absent", "final_status": "ok", "corrected_by_id": self.manager_a.id}]
        )
        self.env.flush_all()
        self.env.cr.precommit.run()  # mail tracking is written before the commit
        tracked = absent.message_ids.tracking_value_ids.field_id.mapped("name")
        self.assertIn("corrected_status", tracked)
        self.assertIn("correction_reason", tracked)
        self._compute()
        self.assertRecordValues(
            absent,
            [{"status": "absent", "corrected_status": "ok", "final_status": "ok",
              "correction_reason": "Training at head office", "corrected_by_id": self.manager_a.id}],
        )  # fmt: skip

    def test_compute_again_after_an_attendance_is_fixed(self):
        self._compute()
        absent = self._check(self.li, date(2026, 12, 3))
        # the kiosk was down: the store manager enters Thursday's attendance, then computes the day again
        self.env["hr.attendance"].create(
            {"employee_id": self.li.id, "check_in": utc(3, 9, 0, 12), "check_out": utc(3, 17, 0, 12)}
        )
        absent.with_user(self.manager_a).action_recompute()
        self.assertRecordValues(absent, [{"status": "ok", "worked_hours": 8.0}])
        # staff cannot, nor a store manager on another store's checks
        with self.assertRaises(AccessError):
            absent.with_user(self.staff_a).action_recompute()
        with self.assertRaises(AccessError):
            self._check(self.zhao, MONDAY).with_user(self.manager_a).action_recompute()

    def test_correction_without_reason_refused(self):
        self._compute()
        late = self._check(self.li, date(2026, 12, 1)).with_user(self.manager_a)
        with self.assertRaises(ValidationError):
            late.write({"corrected_status": "ok"})
        with self.assertRaises(ValidationError):
            late.write({"corrected_status": "ok", "correction_reason": "  "})
        self.assertFalse(late.corrected_status)

    def test_figures_are_not_writable(self):
        self._compute()
        late = self._check(self.li, date(2026, 12, 1))
        for vals in ({"late_minutes": 0}, {"status": "ok"}, {"corrected_by_id": self.chain_manager.id},
                     {"employee_id": self.wang.id}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                late.with_user(self.manager_a).write(vals)
        with self.assertRaises(AccessError):
            late.with_user(self.staff_a).write({"corrected_status": "ok", "correction_reason": "I was there"})

    def test_store_rules(self):
        self._compute()
        mine = self.Check.with_user(self.manager_a).search([])
        self.assertEqual(mine.store_id, self.store_a)
        self.assertEqual(len(mine), 9)
        own = self.Check.with_user(self.staff_a).search([])
        self.assertEqual(own.employee_id, self.li, "store staff see their own checks only")
        other = self._check(self.zhao, MONDAY)
        with self.assertRaises(AccessError):
            other.with_user(self.manager_a).read(["status"])
        with self.assertRaises(AccessError):
            other.with_user(self.manager_a).write({"corrected_status": "ok", "correction_reason": "x"})
        report = self.env["chain.hr.attendance.report"]
        self.assertEqual(report.with_user(self.manager_a).search([]).store_id, self.store_a)
        self.assertEqual(len(report.with_user(self.chain_manager).search([])), 10)

    def test_monthly_report(self):
        self._compute()
        self._check(self.li, date(2026, 12, 3)).write({"corrected_status": "ok", "correction_reason": "Training"})
        Report = self.env["chain.hr.attendance.report"]
        groups = Report._read_group(
            [("employee_id", "=", self.li.id)],
            ["month:month"],
            ["late_count:sum", "late_minutes:sum", "early_count:sum", "early_minutes:sum", "absent_count:sum",
             "unplanned_count:sum", "corrected_count:sum", "planned_hours:sum"],
        )  # fmt: skip
        self.assertEqual(
            [(month, *figures) for month, *figures in groups],
            [(date(2026, 11, 1), 0, 0, 0, 0, 0, 0, 0, 7.0), (date(2026, 12, 1), 2, 32, 2, 40, 0, 1, 1, 28.0)],
        )

    def test_excel_export(self):
        self._compute()
        checks = self.Check.search([("store_id", "=", self.store_a.id)])
        report = self.env.ref("chain_hr_rota.chain_hr_attendance_check_xlsx_report")
        content, kind = report.with_user(self.manager_a)._render(report.report_name, checks.ids)
        self.assertEqual(kind, "xlsx")
        try:
            import openpyxl
        except ImportError:
            self.assertTrue(content.startswith(b"PK"))
            return
        workbook = openpyxl.load_workbook(io.BytesIO(content))
        summary = list(workbook.worksheets[0].iter_rows(values_only=True))
        self.assertEqual(summary[0][:4], ("Month", "Store", "Employee", "Planned Hours"))
        li_december = next(row for row in summary if row[0] == "2026-12" and row[2] == "Li Na")
        # late arrivals, late minutes, early leaves, early minutes, absences, unplanned
        self.assertEqual(li_december[5:11], (2, 32, 2, 40, 1, 1))
        self.assertEqual(len(list(workbook.worksheets[1].iter_rows())), 1 + 9)

    @freeze_time("2026-12-05 20:00:00")  # 04:00 on Sunday 6 December in Shanghai
    def test_cron_checks_yesterday_and_survives_an_open_attendance(self):
        self.Check._cron_compute_yesterday()
        checks = self.Check.search([])
        self.assertEqual(set(checks.mapped("date")), {date(2026, 12, 4), date(2026, 12, 5)})
        open_night = self._check(self.wang, date(2026, 12, 4))
        self.assertRecordValues(open_night, [{"status": "ok", "check_in": utc(4, 22, 0, 12), "check_out": False}])
        self.assertEqual(self._check(self.li, date(2026, 12, 5)).status, "unplanned")
        # an employee of no store (head office) and a store in another time zone do not break it
        hq = self.env["hr.employee"].create({"name": "HQ Buyer"})
        self.env["hr.attendance"].create({"employee_id": hq.id, "check_in": utc(5, 9, 0, 12)})
        self.store_b.tz = "Asia/Urumqi"
        self.Check._cron_compute_yesterday()
        self.assertEqual(len(self.Check.search([])), len(checks))


@tagged("post_install", "-at_install")
class TestAttendanceCheckOverRpc(HttpCase, AttendanceCase):
    """Isolation as a client sees it: JSON-RPC as store A's manager and store A's staff."""

    def rpc(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def _login(self, user, password):
        user.password = password
        self.authenticate(user.login, password)

    def test_another_stores_checks_over_rpc(self):
        self.Check._chain_compute(MONDAY, SUNDAY)
        other = self._check(self.zhao, MONDAY)
        self._login(self.manager_a, "manager-a-pass")
        model = "chain.hr.attendance.check"
        self.assertEqual(self.rpc(model, "search_count", [("store_id", "=", self.store_b.id)]), 0)
        rows = self.rpc(model, "search_read", [], fields=["store_id", "employee_id"])
        self.assertEqual({row["store_id"][0] for row in rows}, {self.store_a.id})
        self.assertEqual(len(rows), 9)
        self.assertEqual(
            self.rpc("chain.hr.attendance.report", "search_count", [("store_id", "=", self.store_b.id)]), 0
        )
        with self.assertRaises(JsonRpcException):
            self.rpc(model, "read", other.ids, ["status"])
        with self.assertRaises(JsonRpcException):
            self.rpc(model, "write", other.ids, {"corrected_status": "ok", "correction_reason": "x"})
        late = self._check(self.li, date(2026, 12, 1))
        with self.assertRaises(JsonRpcException):
            self.rpc(model, "write", late.ids, {"late_minutes": 0, "status": "ok"})
        with self.assertRaises(JsonRpcException):
            self.rpc(model, "write", late.ids, {"corrected_status": "ok"})
        self.assertTrue(
            self.rpc(model, "write", late.ids, {"corrected_status": "ok", "correction_reason": "Bus strike"})
        )
        self.assertRecordValues(
            late, [{"final_status": "ok", "late_minutes": 12, "corrected_by_id": self.manager_a.id}]
        )

    def test_staff_see_their_own_checks_over_rpc(self):
        self.Check._chain_compute(MONDAY, SUNDAY)
        self._login(self.staff_a, "staff-a-pass")
        rows = self.rpc("chain.hr.attendance.check", "search_read", [], fields=["employee_id"])
        self.assertEqual({row["employee_id"][0] for row in rows}, {self.li.id})
        self.assertEqual(len(rows), 6)
