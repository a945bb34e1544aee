from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import MONDAY, RotaCase, utc

TUESDAY = MONDAY + timedelta(days=1)


@tagged("post_install", "-at_install")
class TestRota(RotaCase):
    def test_night_shift_across_midnight_in_the_store_time_zone(self):
        rota = self._rota(self.store_a, [(self.wang, 0, self.night), (self.wang, 1, self.night)])
        monday, tuesday = rota.line_ids.sorted("date")
        # 22:00 Monday to 06:00 Tuesday, Shanghai time
        self.assertRecordValues(
            monday, [{"start_datetime": utc(MONDAY, 22), "end_datetime": utc(TUESDAY, 6), "hours": 8.0}]
        )
        self.assertEqual(tuesday.start_datetime, utc(TUESDAY, 22))
        self.assertFalse(monday.warning)
        # the hours after midnight count in Tuesday's coverage
        cover = rota._chain_coverage()
        self.assertEqual(cover[MONDAY]["hours"][23]["planned"], 1)
        self.assertEqual(cover[TUESDAY]["hours"][5]["planned"], 1)
        self.assertNotIn(6, cover[TUESDAY]["hours"])
        # the same template in a store on Berlin time starts at 21:00 UTC (winter)
        self.store_b.tz = "Europe/Berlin"
        rota_b = self._rota(self.store_b, [(self.zhao, 0, self.night)])
        self.assertEqual(rota_b.line_ids.start_datetime, utc(MONDAY, 22 + 8 - 1))
        self.assertEqual(rota_b.line_ids.end_datetime - rota_b.line_ids.start_datetime, timedelta(hours=8))

    def test_split_shift_makes_two_lines_without_rest_flag(self):
        rota = self._rota(self.store_a)
        data = rota.with_user(self.manager_a).chain_grid_set_cell(self.li.id, MONDAY.isoformat(), self.split.id)
        lines = rota.line_ids.sorted("segment")
        self.assertRecordValues(
            lines,
            [
                {"segment": 1, "start_datetime": utc(MONDAY, 9), "end_datetime": utc(MONDAY, 13), "hours": 4},
                {"segment": 2, "start_datetime": utc(MONDAY, 17), "end_datetime": utc(MONDAY, 21), "hours": 4},
            ],
        )
        self.assertEqual(
            data["cells"][f"{self.li.id}|{MONDAY.isoformat()}"],
            [
                {"line_id": lines[0].id, "template_id": self.split.id, "label": "S 09:00-13:00", "warning": False},
                {"line_id": lines[1].id, "template_id": self.split.id, "label": "S 17:00-21:00", "warning": False},
            ],
        )
        self.assertEqual(self.split.hours, 8)
        # another shift replaces the day's; none clears it
        rota.with_user(self.manager_a).chain_grid_set_cell(self.li.id, MONDAY.isoformat(), self.late.id)
        self.assertEqual(rota.line_ids.template_id, self.late)
        data = rota.with_user(self.manager_a).chain_grid_set_cell(self.li.id, MONDAY.isoformat(), False)
        self.assertFalse(rota.line_ids)
        self.assertEqual(data["cells"], {})

    def test_grid_data(self):
        rota = self._rota(self.store_a, [(self.li, 0, self.early)])
        self.env["chain.hr.coverage.rule"].create(
            {"store_id": self.store_a.id, "weekday": "0", "hour_from": 9, "hour_to": 11, "min_headcount": 2}
        )
        data = rota.with_user(self.manager_a).chain_grid_data()
        self.assertEqual(
            [e["name"] for e in data["employees"]], ["Chen Jie", "Li Na", "Wang Fang"], "store A's staff only"
        )
        self.assertEqual(data["days"][0], "2026-12-07")
        self.assertEqual(len(data["days"]), 7)
        self.assertIn(
            {"id": self.night.id, "name": "Night", "code": "N", "color": 0, "start_hour": 22.0, "end_hour": 6.0},
            data["templates"],
        )
        self.assertEqual(data["coverage"]["2026-12-07"], {"under": 2.0, "over": 0.0})
        self.assertEqual((data["state"], data["can_edit"]), ("draft", True))
        self.assertFalse(rota.with_user(self.chain_manager).chain_grid_data()["can_edit"] is False)
        rota.action_publish()
        self.assertFalse(rota.with_user(self.manager_a).chain_grid_data()["can_edit"])
        with self.assertRaisesRegex(UserError, "not a draft"), self.env.cr.savepoint():
            rota.with_user(self.manager_a).chain_grid_set_cell(self.li.id, MONDAY.isoformat(), False)

    def test_overlap_is_refused(self):
        rota = self._rota(self.store_a, [(self.li, 0, self.early)])
        with (
            self.assertRaisesRegex(ValidationError, "Li Na already works E 09:00-17:00 on 2026-12-07"),
            self.env.cr.savepoint(),
        ):
            self.Line.create(
                {"rota_id": rota.id, "employee_id": self.li.id, "date": MONDAY, "template_id": self.late.id}
            )
        # a shift of last week's rota stretched into Monday morning
        previous = self._rota(self.store_a, [(self.li, 6, self.long)], week=MONDAY - timedelta(days=7))
        with self.assertRaisesRegex(ValidationError, "two shifts overlap"), self.env.cr.savepoint():
            previous.line_ids.end_datetime = utc(MONDAY, 10)

    def test_employee_of_another_store_is_refused(self):
        with self.assertRaisesRegex(ValidationError, "Zhao Lei is not an employee of"), self.env.cr.savepoint():
            self._rota(self.store_a, [(self.zhao, 0, self.early)])

    def test_store_not_open_is_refused(self):
        rota = self._rota(self.store_a, [(self.li, 0, self.early)])
        self.store_a.action_suspend()
        with self.assertRaisesRegex(ValidationError, "is not open"), self.env.cr.savepoint():
            self.Line.create(
                {"rota_id": rota.id, "employee_id": self.wang.id, "date": MONDAY, "template_id": self.early.id}
            )
        with self.assertRaisesRegex(UserError, "is not open"), self.env.cr.savepoint():
            rota.action_publish()

    def test_rest_time_is_flagged(self):
        rota = self._rota(
            self.store_a,
            [(self.li, 0, self.late), (self.li, 1, self.early), (self.wang, 0, self.night), (self.wang, 1, self.early)],
        )
        li_tue = rota.line_ids.filtered(lambda rec: rec.employee_id == self.li and rec.date == TUESDAY)
        wang_tue = rota.line_ids.filtered(lambda rec: rec.employee_id == self.wang and rec.date == TUESDAY)
        # 21:00 -> 09:00 is 12 h of rest; 06:00 -> 09:00 only 3 h
        self.assertFalse(li_tue.warning)
        self.assertEqual(wang_tue.warning, "Rest 3.0 h since the previous shift (minimum 11.0 h).")
        self.assertEqual(rota.warning_count, 1)
        self.env.company.chain_rota_min_rest_hours = 3
        wang_tue.invalidate_recordset(["warning"])
        self.assertFalse(wang_tue.warning)
        # a flag does not keep the rota from being published
        self.env.company.chain_rota_min_rest_hours = 11
        rota.action_publish()
        self.assertEqual(rota.state, "published")

    def test_weekly_hours_are_flagged(self):
        rota = self._rota(self.store_a, [(self.li, day, self.long) for day in range(4)])
        self.assertEqual(set(rota.line_ids.mapped("warning")), {"48.0 h in the week (regular 40.0 h)."})
        self.assertEqual(rota.warning_count, 4)
        rota.line_ids.sorted("date")[-1].unlink()
        self.assertFalse(any(rota.line_ids.mapped("warning")))

    def test_monthly_overtime_cap_blocks_publishing(self):
        # 7 x 12 h = 84 h: 44 h of overtime in one week, over the cap of 36
        rota = self._rota(self.store_a, [(self.li, day, self.long) for day in range(7)])
        with (
            self.assertRaisesRegex(UserError, r"Li Na would work 44.0 h of overtime in 2026-12 \(cap 36.0 h\)"),
            self.env.cr.savepoint(),
        ):
            rota.action_publish()
        self.assertEqual(rota.state, "draft")
        # 6 x 12 h = 32 h of overtime: published
        rota.line_ids.sorted("date")[-1].unlink()
        rota.action_publish()
        # the next week's 32 h bring December to 64 h
        following = self._rota(
            self.store_a, [(self.li, day, self.long) for day in range(6)], week=MONDAY + timedelta(days=7)
        )
        with (
            self.assertRaisesRegex(UserError, "Li Na would work 64.0 h of overtime in 2026-12"),
            self.env.cr.savepoint(),
        ):
            following.action_publish()
        self.env.company.chain_rota_month_overtime_cap = 80
        following.action_publish()
        self.assertEqual(following.state, "published")

    def test_publish_reset_cancel_and_the_guarded_state(self):
        rota = self._rota(self.store_a, [(self.li, 0, self.early)], user=self.manager_a)
        rota = rota.with_user(self.manager_a)
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            rota.write({"state": "published"})
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            rota.line_ids.write({"state": "published"})
        rota.action_publish()
        self.assertRecordValues(rota.line_ids, [{"state": "published"}])
        with self.assertRaisesRegex(UserError, "is not a draft"), self.env.cr.savepoint():
            rota.line_ids.write({"template_id": self.late.id})
        with self.assertRaisesRegex(UserError, "cannot be deleted"), self.env.cr.savepoint():
            rota.unlink()
        rota.action_reset_draft()
        rota.line_ids.write({"template_id": self.late.id})
        self.assertEqual(rota.line_ids.start_datetime, utc(MONDAY, 13))
        # staff cannot publish, and the manager of another store neither
        with self.assertRaises(AccessError), self.env.cr.savepoint():
            rota.with_user(self.staff_a).action_publish()
        rota.action_cancel()
        self.assertEqual(rota.state, "cancel")

    def test_one_rota_per_store_and_week(self):
        rota = self._rota(self.store_a)
        self.assertEqual(rota.name, "TA01 2026-W50")
        with self.assertRaisesRegex(ValidationError, "already has a rota for the week"), self.env.cr.savepoint():
            self._rota(self.store_a)
        with self.assertRaisesRegex(ValidationError, "starts on a Monday"), self.env.cr.savepoint():
            self._rota(self.store_b, week=TUESDAY)
        rota.action_cancel()
        self.assertTrue(self._rota(self.store_a))

    def test_copy_previous_week(self):
        previous = self._rota(
            self.store_a,
            [(self.li, 0, self.early), (self.wang, 0, self.night), (self.chen, 2, self.split)],
            week=MONDAY - timedelta(days=7),
        )
        previous.action_publish()
        self.chen.chain_store_id = self.store_b  # Chen moved to store B: not copied
        rota = self._rota(self.store_a, [(self.wang, 3, self.late)]).with_user(self.manager_a)
        rota.action_copy_previous_week()
        self.assertRecordValues(
            rota.line_ids.sorted(lambda rec: rec.employee_id.name),
            [
                {"employee_id": self.li.id, "date": MONDAY, "start_datetime": utc(MONDAY, 9)},
                {"employee_id": self.wang.id, "date": MONDAY, "start_datetime": utc(MONDAY, 22)},
            ],
        )

    def test_copy_from_weekly_pattern(self):
        pattern = self._rota(
            self.store_a, [(self.li, 0, self.split), (self.wang, 5, self.late)], week=MONDAY - timedelta(weeks=20),
            is_template=True,
        )  # fmt: skip
        self.assertEqual(pattern.name, "TA01 2026-W30 (pattern)")
        with self.assertRaisesRegex(UserError, "weekly pattern"), self.env.cr.savepoint():
            pattern.action_publish()
        rota = self._rota(self.store_a).with_user(self.manager_a)
        rota.action_copy_from(pattern.id)
        self.assertEqual(
            sorted((rec.employee_id.name, rec.date, rec.segment) for rec in rota.line_ids),
            [("Li Na", MONDAY, 1), ("Li Na", MONDAY, 2), ("Wang Fang", MONDAY + timedelta(days=5), 1)],
        )
        rota.action_publish()
        self.assertEqual(rota.state, "published")

    def test_copy_wizard(self):
        pattern = self._rota(self.store_a, [(self.wang, 2, self.night)], week=MONDAY, is_template=True)
        rota = self._rota(self.store_a)
        wizard = (
            self.env["chain.hr.rota.copy.wizard"]
            .with_user(self.manager_a)
            .with_context(active_model="chain.hr.rota", active_id=rota.id)
            .create({"source_id": pattern.id})
        )
        wizard.action_copy()
        self.assertRecordValues(rota.line_ids, [{"employee_id": self.wang.id, "date": MONDAY + timedelta(days=2)}])
