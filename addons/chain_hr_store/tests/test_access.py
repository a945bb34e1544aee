from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ChainHrStoreCase

# Fields of hr.employee that are not on the public profile and yet carry no HR group: each
# one here was checked not to be personal data. A new field of hr.employee outside the
# public profile must either carry groups="hr.group_hr_user" or be added here with a reason.
NON_PRIVATE_FIELDS = {
    "chain_store_id",  # the store: the store manager's own scope
    "chain_region_id",  # the store's region
    "message_has_sms_error",  # mail flags of the chatter (no content)
    "activity_calendar_event_id",  # the meeting of the next activity (calendar's mixin field), not the person's
    "website_message_ids",  # messages posted publicly on the employee (none in practice)
}
PRIVATE_SAMPLES = [
    "identification_id", "ssnid", "passport_id", "bank_account_id", "birthday", "place_of_birth",
    "children", "emergency_contact", "emergency_phone", "visa_no", "permit_no", "km_home_work",
    "marital", "spouse_complete_name", "private_street", "private_phone", "private_email", "pin",
    "barcode",
]  # fmt: skip


@tagged("post_install", "-at_install")
class TestHrStoreAccess(ChainHrStoreCase):
    def test_every_private_field_is_hr_only(self):
        """What a store manager reads of hr.employee beyond the public profile: store fields only."""
        public = set(self.env["hr.employee.public"]._fields)
        readable = set(self.env["hr.employee"].with_user(self.manager_a).fields_get(attributes=["type"]))
        unexpected = readable - public - NON_PRIVATE_FIELDS
        self.assertFalse(unexpected, f"fields of hr.employee readable by a store manager: {sorted(unexpected)}")
        for name in PRIVATE_SAMPLES:
            self.assertNotIn(name, readable, name)

    def test_store_manager_sees_own_store_employees(self):
        Employee = self.env["hr.employee"].with_user(self.manager_a)
        self.assertEqual(Employee.search([("chain_store_id", "!=", False)]), self.emp_a1 | self.emp_a2)
        with self.assertRaises(AccessError):
            self.emp_b1.with_user(self.manager_a).read(["name"])
        # the head office (no store) is read, never written
        self.assertEqual(self.emp_hq.with_user(self.manager_a).name, self.emp_hq.name)
        with self.assertRaises(AccessError):
            self.emp_hq.with_user(self.manager_a).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.emp_hq.with_user(self.manager_a).write({"chain_store_id": self.store_a.id})
        for name in PRIVATE_SAMPLES:
            with self.assertRaises(AccessError, msg=name):
                self.emp_a1.with_user(self.manager_a).read([name])
            with self.assertRaises(AccessError, msg=name):
                self.emp_a1.with_user(self.manager_a).write({name: False})

    def test_store_user_reads_public_profiles_of_own_store(self):
        Public = self.env["hr.employee.public"].with_user(self.staff_a)
        everyone = (self.emp_a1 | self.emp_a2 | self.emp_b1 | self.emp_hq).ids
        self.assertEqual(
            Public.search([("id", "in", everyone)]).ids, (self.emp_a2 | self.emp_a1 | self.emp_hq).sorted("name").ids
        )
        self.assertEqual(
            self.env["hr.employee"].with_user(self.staff_a).search([("chain_store_id", "!=", False)]),
            self.emp_a1 | self.emp_a2,
        )
        with self.assertRaises(AccessError):
            self.emp_a2.with_user(self.staff_a).read(["identification_id"])
        with self.assertRaises(AccessError):
            self.emp_a2.with_user(self.staff_a).write({"name": "Renamed"})
        with self.assertRaises(AccessError):
            self.env["hr.employee.public"].browse(self.emp_b1.id).with_user(self.staff_a).read(["name"])

    def test_hr_officer_and_chain_manager_see_all(self):
        hr_officer = new_test_user(
            self.env, login="t_hr_store_mgr", groups="hr.group_hr_user,chain_store.group_chain_store_manager"
        )
        everyone = self.emp_a1 | self.emp_a2 | self.emp_b1 | self.emp_hq
        self.assertEqual(self.env["hr.employee"].with_user(hr_officer).search([("id", "in", everyone.ids)]), everyone)
        self.assertEqual(self.emp_a1.with_user(hr_officer).identification_id, "310101199001011234")
        found = self.env["hr.employee"].with_user(self.chain_manager).search([("id", "in", everyone.ids)])
        self.assertEqual(found, everyone)

    def test_attendances_by_store(self):
        Attendance = self.env["hr.attendance"]
        att_a, att_b = Attendance.create(
            [
                {"employee_id": self.emp_a2.id, "check_in": "2026-12-01 01:00:00", "check_out": "2026-12-01 09:00:00"},
                {"employee_id": self.emp_b1.id, "check_in": "2026-12-01 01:00:00", "check_out": "2026-12-01 09:00:00"},
            ]
        )
        own = Attendance.create({"employee_id": self.emp_a1.id, "check_in": "2026-12-02 01:00:00"})
        self.assertEqual(Attendance.with_user(self.manager_a).search([]), att_a | own)
        self.assertEqual(Attendance.with_user(self.staff_a).search([]), own, "a store user sees their own only")
        with self.assertRaises(AccessError):
            att_b.with_user(self.manager_a).check_out = "2026-12-01 10:00:00"
        with self.assertRaises(AccessError):
            att_a.with_user(self.manager_a).chain_store_id = self.store_b
        with self.assertRaises(AccessError):
            own.with_user(self.staff_a).check_out = "2026-12-02 09:00:00"
        created = Attendance.with_user(self.manager_a).create(
            {"employee_id": self.emp_a2.id, "check_in": "2026-12-03 01:00:00", "check_out": "2026-12-03 09:00:00"}
        )
        self.assertEqual(created.chain_store_id, self.store_a)
        with self.assertRaises(AccessError):
            Attendance.with_user(self.manager_a).create(
                {"employee_id": self.emp_b1.id, "check_in": "2026-12-04 01:00:00"}
            )

    def test_till_cashier_login_lists_the_store_employees(self):
        """pos_hr's employee login at the till (loaded as the cashier) lists their store's staff."""
        if "module_pos_hr" not in self.env["pos.config"]._fields:
            self.skipTest("pos_hr is not installed")
        config = self._pos_config(self.store_a)
        config.module_pos_hr = True
        data = {
            "pos.config": {
                "data": [
                    {
                        "id": config.id,
                        "group_pos_manager_id": self.env.ref("point_of_sale.group_pos_manager").id,
                        "advanced_employee_ids": [],
                    }
                ]
            }
        }
        loaded = self.env["hr.employee"].with_user(self.staff_a)._load_pos_data(data)["data"]
        ids = {row["id"] for row in loaded}
        # the store's staff and the head office's (no store), never another store's
        self.assertTrue({self.emp_a1.id, self.emp_a2.id, self.emp_hq.id} <= ids)
        self.assertNotIn(self.emp_b1.id, ids)
        stores = self.env["hr.employee"].browse(ids).chain_store_id
        self.assertEqual(stores, self.store_a)
        pins = {row["id"]: row["_pin"] for row in loaded}
        self.assertTrue(pins[self.emp_a2.id], "the hashed PIN of a store employee reaches the till")

    def test_till_with_pos_hr_opens_for_a_store_cashier(self):
        """A till with pos_hr lists the chain's POS managers as employees with manager access (pos_hr
        adds them): a store cashier opens it and sees their name, not their private data."""
        if "module_pos_hr" not in self.env["pos.config"]._fields:
            self.skipTest("pos_hr is not installed")
        hq_manager = new_test_user(
            self.env, "t_hr_pos_hq", groups="base.group_user,point_of_sale.group_pos_manager", name="HQ POS Manager"
        )
        hq_employee = self.env["hr.employee"].create({"name": "HQ POS Manager", "user_id": hq_manager.id})
        config = self._pos_config(self.store_a)
        config.write({"module_pos_hr": True, "basic_employee_ids": [(6, 0, self.emp_a1.ids)]})
        self.assertIn(hq_employee, config.advanced_employee_ids, "pos_hr adds the POS managers")
        config.with_user(self.staff_a).open_ui()
        session = config.current_session_id
        data = session.with_user(self.staff_a).load_data([])
        names = {row["id"]: row["name"] for row in data["hr.employee"]["data"]}
        self.assertIn(self.emp_a1.id, names)
        self.assertEqual(names.get(hq_employee.id), "HQ POS Manager")
        with self.assertRaises(AccessError):
            hq_employee.with_user(self.staff_a).read(["private_phone"])
        with self.assertRaises(AccessError):
            self.emp_b1.with_user(self.staff_a).read(["name"])
