from freezegun import freeze_time

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import Form, tagged

from .common import ChainMemberCase


@tagged("post_install", "-at_install")
class TestMemberBaby(ChainMemberCase):
    """Babies of Wang (store A) and Li (store B): age, stage, size, search, isolation, health note."""

    def _baby(self, member, **vals):
        return self.env["chain.member.baby"].create({"member_id": member.id, **vals})

    def test_stage_and_size_at_the_boundaries(self):
        """The nightly UPDATE and the compute of a new record agree, day by day, at 0, 6, 12 and 36 months."""
        with freeze_time("2026-01-20"):
            baby = self._baby(self.member_a, name="小宝", birth_date="2026-01-15")
        expected = [
            ("2026-01-20", 0, "1", "nb"),
            ("2026-02-14", 0, "1", "nb"),
            ("2026-02-15", 1, "1", "s"),
            ("2026-07-14", 5, "1", "m"),
            ("2026-07-15", 6, "2", "m"),
            ("2027-01-14", 11, "2", "l"),
            ("2027-01-15", 12, "3", "l"),
            ("2029-01-14", 35, "3", "xxl"),
            ("2029-01-15", 36, False, "xxl"),
            ("2030-01-15", 48, False, False),
        ]
        for day, months, stage, size in expected:
            with self.subTest(day=day), freeze_time(day):
                self.env["chain.member.baby"]._chain_refresh_bands()
                fresh = self._baby(self.member_a, birth_date="2026-01-15")
                for record in (baby, fresh):
                    record.invalidate_recordset()
                    self.assertRecordValues(
                        record, [{"age_months": months, "formula_stage": stage, "diaper_size": size, "is_born": True}]
                    )
                fresh.unlink()

    def test_month_end_birth_changes_stage_as_the_database_counts(self):
        with freeze_time("2026-01-10"):
            baby = self._baby(self.member_a, birth_date="2025-08-31")
        for day, stage in (("2026-02-27", "1"), ("2026-02-28", "2")):
            with self.subTest(day=day), freeze_time(day):
                self.env["chain.member.baby"]._chain_refresh_bands()
                baby.invalidate_recordset()
                self.assertEqual(baby.formula_stage, stage)

    def test_expected_baby_then_born(self):
        with freeze_time("2026-05-01"):
            baby = self._baby(self.member_a, due_date="2026-06-10")
            self.assertRecordValues(
                baby, [{"is_born": False, "age_months": 0, "formula_stage": "1", "diaper_size": "nb"}]
            )
            self.env["chain.member.baby"]._chain_refresh_bands()
            baby.invalidate_recordset()
            self.assertEqual((baby.formula_stage, baby.diaper_size), ("1", "nb"))
        with freeze_time("2026-09-01"):
            baby.birth_date = "2026-06-08"
            self.assertRecordValues(
                baby, [{"is_born": True, "age_months": 2, "formula_stage": "1", "diaper_size": "s"}]
            )

    def test_search_on_age(self):
        with freeze_time("2026-07-15"):
            five = self._baby(self.member_a, birth_date="2026-01-16")
            six = self._baby(self.member_a, birth_date="2026-01-15")
            seven = self._baby(self.member_a, birth_date="2025-12-15")
            expected = self._baby(self.member_a, due_date="2026-08-01")
            Baby = self.env["chain.member.baby"]
            mine = [("member_id", "=", self.member_a.id)]
            self.assertEqual(Baby.search([*mine, ("age_months", ">=", 6)]), six | seven)
            self.assertEqual(Baby.search([*mine, ("age_months", ">", 6)]), seven)
            self.assertEqual(Baby.search([*mine, ("age_months", "=", 6)]), six)
            self.assertEqual(Baby.search([*mine, ("age_months", "<", 6)]), five)
            self.assertEqual(Baby.search([*mine, ("age_months", "<=", 6)]), five | six)
            self.assertEqual(Baby.search([*mine, ("age_months", "!=", 6)]), five | seven)
            self.assertNotIn(expected, Baby.search([*mine, ("age_months", "<", 100)]))

    def test_dates_required_and_no_future_birth(self):
        with freeze_time("2026-05-01"):
            with self.assertRaises(ValidationError):
                self._baby(self.member_a, name="No date")
            with self.assertRaises(ValidationError):
                self._baby(self.member_a, birth_date="2026-05-02")

    def test_stage_and_size_written_only_by_the_computes(self):
        with freeze_time("2026-05-01"):
            baby = self._baby(self.member_a, birth_date="2026-04-01")
            with self.assertRaises(AccessError):
                baby.with_user(self.staff_a).write({"formula_stage": "3"})
            with self.assertRaises(AccessError):
                self.env["chain.member.baby"].with_user(self.staff_a).create(
                    {"member_id": self.member_a.id, "birth_date": "2026-04-01", "diaper_size": "xxl"}
                )
            baby.with_user(self.staff_a).write({"name": "大宝"})
            self.assertEqual(baby.name, "大宝")

    def test_store_staff_see_only_their_stores_babies(self):
        with freeze_time("2026-05-01"):
            baby_a = self._baby(self.member_a, birth_date="2026-04-01")
            baby_b = self._baby(self.member_b, birth_date="2026-03-01")
            Baby = self.env["chain.member.baby"]
            self.assertEqual(Baby.with_user(self.staff_a).search([]), baby_a)
            self.assertEqual(Baby.with_user(self.staff_b).search([]), baby_b)
            self.assertFalse(Baby.with_user(self.staff_a).search([("member_id", "=", self.member_b.id)]))
            self.assertEqual(Baby.with_user(self.chain_manager).search([]), baby_a | baby_b)
            with self.assertRaises(AccessError):
                baby_b.with_user(self.staff_a).read(["birth_date"])
            with self.assertRaises(AccessError):
                baby_b.with_user(self.staff_a).write({"name": "Hijacked"})
            with self.assertRaises(AccessError):
                Baby.with_user(self.staff_a).create({"member_id": self.member_b.id, "due_date": "2026-09-01"})
            with self.assertRaises(AccessError):
                baby_b.with_user(self.staff_a).unlink()
            # the member's babies through the member: none of another store
            with self.assertRaises(AccessError):
                self.member_b.with_user(self.staff_a).read(["baby_ids"])

    def test_health_note_only_for_the_home_store_staff(self):
        with freeze_time("2026-05-01"):
            baby = self._baby(self.member_a, birth_date="2026-04-01")
        baby.with_user(self.staff_a).health_note = "牛奶蛋白过敏"
        for user in (self.staff_a, self.manager_a):
            with self.subTest(user=user.login):
                as_user = baby.with_user(user)
                self.assertEqual(as_user.read(["health_note"])[0]["health_note"], "牛奶蛋白过敏")
                self.assertTrue(as_user.health_note_visible)
        # region and chain managers see the baby, not the health note
        for user in (self.region_manager, self.chain_manager):
            with self.subTest(user=user.login):
                as_user = baby.with_user(user)
                self.assertEqual(as_user.read(["birth_date", "health_note"])[0]["health_note"], False)
                self.assertFalse(as_user.health_note_visible)
                with self.assertRaises(AccessError):
                    as_user.write({"health_note": "Overwritten"})
                with self.assertRaises(AccessError):
                    as_user.read(["health_note_data"])
                self.assertNotIn("health_note_data", as_user.fields_get())
        with self.assertRaises(AccessError):
            baby.with_user(self.staff_a).read(["health_note_data"])
        self.assertFalse(
            self.env["chain.member.baby"].with_user(self.staff_b).search([("member_id", "=", self.member_a.id)])
        )
        self.assertEqual(baby.health_note_data, "牛奶蛋白过敏")

    def test_staff_record_a_baby_on_the_member_form(self):
        with freeze_time("2026-05-01"):
            with Form(self.member_a.with_user(self.staff_a)) as form:
                form.guide_user_id = self.staff_a
                with form.baby_ids.new() as line:
                    line.name = "小宝"
                    line.birth_date = "2026-03-01"
                    line.health_note = "乳糖不耐受"
            [baby] = self.member_a.baby_ids
            self.assertRecordValues(
                baby, [{"name": "小宝", "formula_stage": "1", "diaper_size": "s", "health_note_data": "乳糖不耐受"}]
            )
            self.assertEqual(self.member_a.guide_user_id, self.staff_a)
