import uuid

from odoo import fields
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged

from .common import ChainCommissionCase


@tagged("post_install", "-at_install")
class TestGuide(ChainCommissionCase):
    def test_default_guide_is_the_employee_at_the_till(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, None)],
                           employee=self.emp_a2)  # fmt: skip
        self.assertEqual(order.lines.chain_guide_id, self.emp_a2)

    def test_default_skips_an_employee_of_another_store(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, None)],
                           employee=self.emp_b1)  # fmt: skip
        self.assertFalse(order.lines.chain_guide_id)

    def test_guide_of_another_store_refused(self):
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_b1)])
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a1)])
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            order.lines.chain_guide_id = self.emp_hq
        self.emp_a3.action_archive()
        with self.assertRaisesRegex(ValidationError, "is not an employee of"):
            order.lines.chain_guide_id = self.emp_a3

    def test_sold_line_guide_changed_by_store_manager_only_until_approval(self):
        order = self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a2)])
        with self.assertRaises(AccessError):
            order.lines.with_user(self.staff_a).chain_guide_id = self.emp_a1
        order.lines.with_user(self.manager_a).chain_guide_id = self.emp_a1
        self.assertEqual(order.lines.chain_guide_id, self.emp_a1)
        march = self.env["chain.commission.statement"].create({"store_id": self.store_a.id, "month": self.march})
        march.action_compute()
        march.action_submit()
        march.action_approve()
        with self.assertRaisesRegex(UserError, "approved and locked"):
            order.lines.with_user(self.manager_a).chain_guide_id = self.emp_a3

    def _till_order(self, guide):
        """An order as the till sends it to ``sync_from_ui``, one line of 飞鹤 sold by ``guide``."""
        if not self.config_a.current_session_id:
            self.config_a.open_ui()
        session = self.config_a.current_session_id
        now = fields.Datetime.to_string(fields.Datetime.now())
        order_uuid = str(uuid.uuid4())
        line = {
            "uuid": str(uuid.uuid4()), "product_id": self.feihe.id, "qty": 1, "price_unit": 300,
            "price_subtotal": 300, "price_subtotal_incl": 300, "tax_ids": [(6, 0, [])], "discount": 0,
            "pack_lot_ids": [], "chain_guide_id": guide.id,
        }  # fmt: skip
        return {
            "uuid": order_uuid, "name": f"Order {order_uuid}", "session_id": session.id, "sequence_number": 1,
            "user_id": self.env.uid, "pricelist_id": self.config_a.pricelist_id.id, "fiscal_position_id": False,
            "partner_id": False, "to_invoice": False, "date_order": now, "last_order_preparation_change": "{}",
            "state": "draft", "amount_total": 300, "amount_tax": 0.0, "amount_paid": 0.0, "amount_return": 0.0,
            "lines": [(0, 0, line)], "access_token": str(uuid.uuid4()), "payment_ids": [],
        }  # fmt: skip

    def test_sync_from_the_till_refuses_a_guide_of_another_store(self):
        self.env["pos.order"].sync_from_ui([self._till_order(self.emp_a1)])
        synced = self.env["pos.order"].search([("config_id", "=", self.config_a.id)], order="id desc", limit=1)
        self.assertEqual(synced.lines.chain_guide_id, self.emp_a1)
        with self.assertRaisesRegex(ValidationError, "Zhao Lei .* is not an employee of"):
            self.env["pos.order"].sync_from_ui([self._till_order(self.emp_b1)])
