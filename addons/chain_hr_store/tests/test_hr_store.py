import pytz

from odoo.exceptions import AccessError, ValidationError
from odoo.tests import new_test_user, tagged

from .common import ChainHrStoreCase


# post_install: a company created at install time of this addon misses the columns of the
# addons installed after it (their NOT NULL defaults)
@tagged("post_install", "-at_install")
class TestHrStore(ChainHrStoreCase):
    def test_store_tz(self):
        self.store_a.tz = "Asia/Urumqi"
        self.assertEqual(self.store_a._chain_tz(), pytz.timezone("Asia/Urumqi"))
        self.store_b.tz = False
        self.assertEqual(self.store_b._chain_tz().zone, self.env.company.partner_id.tz or "Asia/Shanghai")

    def test_jobs(self):
        for xmlid in ("job_store_manager", "job_guide", "job_cashier", "job_baby_advisor"):
            job = self.env.ref(f"chain_hr_store.{xmlid}")
            self.assertFalse(job.company_id, xmlid)
        self.assertEqual(self.env.ref("chain_hr_store.job_guide").name, "Sales Guide")

    def test_region_follows_store(self):
        self.assertEqual(self.emp_a1.chain_region_id, self.region_sh)
        self.emp_a1.chain_store_id = self.store_b
        self.assertEqual(self.emp_a1.chain_region_id, self.region_zj)
        self.assertFalse(self.emp_hq.chain_region_id)

    def test_store_of_another_company_refused(self):
        other = self.env["res.company"].create({"name": "Other Chain Co"})
        with self.assertRaises(ValidationError):
            self.env["hr.employee"].create(
                {"name": "Misplaced", "company_id": other.id, "chain_store_id": self.store_a.id}
            )

    def test_attendance_store_is_employee_store_at_check_in(self):
        attendance = self.env["hr.attendance"].create(
            {"employee_id": self.emp_a1.id, "check_in": "2026-12-01 01:00:00"}
        )
        self.assertEqual(attendance.chain_store_id, self.store_a)
        self.emp_a1.chain_store_id = self.store_b
        self.assertEqual(attendance.chain_store_id, self.store_a, "moving the employee keeps past attendances")
        hq = self.env["hr.attendance"].create({"employee_id": self.emp_hq.id, "check_in": "2026-12-01 01:00:00"})
        self.assertFalse(hq.chain_store_id)

    def test_kiosk_key_per_store(self):
        keys = (self.store_a | self.store_b).mapped("attendance_kiosk_key")
        self.assertTrue(all(keys))
        self.assertEqual(len(set(keys)), 2)
        self.assertNotIn(self.env.company.attendance_kiosk_key, keys)
        self.assertTrue(self.store_a.attendance_kiosk_url.endswith(f"/hr_attendance/{keys[0]}"))
        self.assertFalse(self.store_a.copy({"code": "TA02"}).attendance_kiosk_key == keys[0])

    def test_kiosk_key_regenerate_rights(self):
        old = self.store_a.attendance_kiosk_key
        hr_officer = new_test_user(self.env, login="t_hr_officer", groups="hr.group_hr_user")
        self.store_a.with_user(hr_officer).action_chain_regenerate_kiosk_key()
        self.assertNotEqual(self.store_a.attendance_kiosk_key, old)
        with self.assertRaises(AccessError):
            self.store_a.with_user(self.manager_a).action_chain_regenerate_kiosk_key()
        with self.assertRaises(AccessError, msg="a store manager does not read the token"):
            self.store_a.with_user(self.manager_a).read(["attendance_kiosk_key"])
        with self.assertRaises(AccessError, msg="the token is never set to a chosen value"):
            self.store_a.with_user(self.chain_manager).write({"attendance_kiosk_key": "guessable"})
        action = self.store_a.with_user(self.chain_manager).action_chain_open_kiosk()
        self.assertIn(self.store_a.attendance_kiosk_key, action["url"])

    def test_store_manager_hires_in_own_store_only(self):
        Employee = self.env["hr.employee"].with_user(self.manager_a)
        hired = Employee.create({"name": "New guide", "chain_store_id": self.store_a.id, "job_id": self.job_guide.id})
        self.assertEqual(hired.chain_store_id, self.store_a)
        with self.assertRaises(AccessError):
            Employee.create({"name": "Planted in B", "chain_store_id": self.store_b.id})
        with self.assertRaises(AccessError):
            Employee.create({"name": "At HQ"})
        with self.assertRaises(AccessError):
            Employee.create({"name": "With an ID", "chain_store_id": self.store_a.id, "identification_id": "1"})
        planted = Employee.with_context(default_pin="4444", default_barcode="PLANTED").create(
            {"name": "Context defaults", "chain_store_id": self.store_a.id}
        )
        self.assertFalse(planted.pin or planted.barcode, "private defaults from the client's context are dropped")
        with self.assertRaises(AccessError):
            hired.unlink()
        hired.action_archive()
        self.assertFalse(hired.active)

    def test_store_manager_user_group_of_two_stores(self):
        """A manager of two stores moves staff between them, not elsewhere."""
        store_c = self.env["chain.store"].create({"code": "TC01", "name": "Test Store C"})
        store_c.manager_id = self.manager_a
        self.emp_a2.with_user(self.manager_a).chain_store_id = store_c
        self.assertEqual(self.emp_a2.chain_store_id, store_c)
        with self.assertRaises(AccessError):
            self.emp_a2.with_user(self.manager_a).chain_store_id = self.store_b
        with self.assertRaises(AccessError):
            self.emp_a2.with_user(self.manager_a).write({"chain_store_id": False})
