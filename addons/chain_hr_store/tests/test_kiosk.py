from odoo.tests import HttpCase, tagged

from .common import ChainHrStoreCase


@tagged("post_install", "-at_install")
class TestStoreKiosk(HttpCase, ChainHrStoreCase):
    """Odoo's public kiosk opened with a store token serves that store's employees only."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.company.attendance_kiosk_use_pin = True
        cls.token_a = cls.store_a.attendance_kiosk_key
        cls.company_token = cls.env.company.attendance_kiosk_key

    def _kiosk(self, route, **params):
        return self._jsonrpc(f"/hr_attendance/{route}", params)

    def test_page_of_the_store(self):
        response = self.url_open(f"/hr_attendance/{self.token_a}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test Store A", response.text)
        self.assertEqual(self.url_open("/hr_attendance/not-a-token").status_code, 404)

    def test_lists_only_store_employees(self):
        result = self._kiosk("employees_infos", token=self.token_a, limit=50, offset=0, domain=[])["result"]
        self.assertEqual({r["id"] for r in result["records"]}, {self.emp_a1.id, self.emp_a2.id})
        self.assertEqual(result["length"], 2)
        # a domain sent by the tablet cannot widen the list
        widened = self._kiosk(
            "employees_infos", token=self.token_a, limit=50, offset=0, domain=[("chain_store_id", "=", self.store_b.id)]
        )["result"]
        self.assertEqual(widened["records"], [])
        company = self._kiosk("employees_infos", token=self.company_token, limit=50, offset=0, domain=[])["result"]
        self.assertTrue({self.emp_a1.id, self.emp_b1.id, self.emp_hq.id} <= {r["id"] for r in company["records"]})

    def test_badge_of_own_store_checks_in_at_the_store(self):
        answer = self._kiosk("attendance_barcode_scanned", token=self.token_a, barcode="A1BADGE")["result"]
        self.assertEqual(answer["employee_name"], self.emp_a1.name)
        self.assertEqual(answer["attendance_state"], "checked_in")
        attendance = self.env["hr.attendance"].search([("employee_id", "=", self.emp_a1.id)])
        self.assertRecordValues(attendance, [{"chain_store_id": self.store_a.id, "in_mode": "kiosk"}])

    def test_badge_of_another_store_refused(self):
        answer = self._kiosk("attendance_barcode_scanned", token=self.token_a, barcode="B1BADGE")
        self.assertRpcError(answer, "does not work in store Test Store A")
        self.assertFalse(self.env["hr.attendance"].search([("employee_id", "=", self.emp_b1.id)]))
        unknown = self._kiosk("attendance_barcode_scanned", token=self.token_a, barcode="NOSUCHBADGE")
        self.assertEqual(unknown["result"], {})

    def test_pin_of_another_store_refused(self):
        answer = self._kiosk("manual_selection", token=self.token_a, employee_id=self.emp_b1.id, pin_code="3333")
        self.assertRpcError(answer, "does not work in store Test Store A")
        self.assertRpcError(self._kiosk("attendance_employee_data", token=self.token_a, employee_id=self.emp_b1.id))
        self.assertRpcError(self._kiosk("attendance_employee_data", token=self.token_a, employee_id=self.emp_hq.id))
        self.assertRpcError(self._kiosk("manual_selection", token=self.token_a, employee_id=999999, pin_code="1"))
        self.assertFalse(self.env["hr.attendance"].search([("employee_id", "in", (self.emp_b1 | self.emp_hq).ids)]))

    def test_pin_of_own_store(self):
        wrong = self._kiosk("manual_selection", token=self.token_a, employee_id=self.emp_a2.id, pin_code="9999")
        self.assertEqual(wrong["result"], {})
        right = self._kiosk("manual_selection", token=self.token_a, employee_id=self.emp_a2.id, pin_code="2222")
        self.assertEqual(right["result"]["attendance_state"], "checked_in")
        data = self._kiosk("attendance_employee_data", token=self.token_a, employee_id=self.emp_a2.id)["result"]
        self.assertEqual(data["employee_name"], self.emp_a2.name)
        attendance = self.env["hr.attendance"].search([("employee_id", "=", self.emp_a2.id)])
        self.assertEqual(attendance.chain_store_id, self.store_a)

    def test_company_token_keeps_odoo_behaviour(self):
        answer = self._kiosk("attendance_barcode_scanned", token=self.company_token, barcode="B1BADGE")["result"]
        self.assertEqual(answer["employee_name"], self.emp_b1.name)
        attendance = self.env["hr.attendance"].search([("employee_id", "=", self.emp_b1.id)])
        self.assertEqual(attendance.chain_store_id, self.store_b, "recorded in the employee's own store")

    def test_store_token_cannot_change_company_settings(self):
        mode = self.env.company.attendance_kiosk_mode
        other = "manual" if mode != "manual" else "barcode"
        self.assertFalse(self._kiosk("set_settings", token=self.token_a, mode=other)["result"])
        self.assertEqual(self.env.company.attendance_kiosk_mode, mode)

    def test_regenerated_token_stops_old_url(self):
        old = self.token_a
        self.store_a.action_chain_regenerate_kiosk_key()
        self.assertEqual(self._kiosk("employees_infos", token=old, limit=5, offset=0, domain=[])["result"], [])
