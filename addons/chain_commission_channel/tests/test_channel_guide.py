from datetime import datetime

import pytz
from dateutil.relativedelta import relativedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from odoo.addons.chain_member_channel.tests.common import MemberChannelCommon


@tagged("post_install", "-at_install")
class TestChannelGuide(MemberChannelCommon):
    """A member's channel order carries the member's guide, who earns 2 % of its untaxed amount
    (the channel rule); an order of a member without guide, or refunded on the platform, earns
    nobody anything."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.diapers.taxes_id = False
        job = cls.env.ref("chain_hr_store.job_guide")
        cls.guide = cls.env["hr.employee"].create(
            {"name": "Guide of A (test)", "user_id": cls.staff_a.id, "chain_store_id": cls.store_a.id, "job_id": job.id}
        )
        cls.wang.guide_user_id = cls.staff_a
        cls.env["chain.commission.rule"].create(
            {"name": "Channel 2% (test)", "applies_to": "all", "base": "channel", "rate": 2.0}
        )

    def _month(self, order):
        store_tz = pytz.timezone(self.store_a.tz or "Asia/Shanghai")
        local = pytz.utc.localize(order.date_order).astimezone(store_tz)
        return datetime(local.year, local.month, 1).date()

    def test_member_order_earns_its_guide_a_bonus(self):
        self._post(self._order_body("G1", open_id="wx-wang", phone="13700000000"))
        self._post(self._order_body("G2", mobile="13900001111"))  # Li: no guide
        order, other = self._orders("G1"), self._orders("G2")
        self.assertEqual((order.partner_id, order.chain_guide_id), (self.wang.partner_id, self.guide))
        self.assertEqual((other.partner_id, other.chain_guide_id), (self.li.partner_id, self.env["hr.employee"]))
        self.assertEqual(order.amount_untaxed, 178.0)
        month = self._month(order)
        statement = self.env["chain.commission.statement"].create({"store_id": self.store_a.id, "month": month})
        statement.action_compute()
        line = statement.line_ids.filtered(lambda line: line.employee_id == self.guide)
        self.assertEqual((line.bonus, line.total), (3.56, 3.56), "2 % of 178.00")
        self.assertEqual(line.detail_ids.mapped("qty"), [1])

    def test_refunded_order_earns_nothing(self):
        self._post(self._order_body("G3", open_id="wx-wang"))
        order = self._orders("G3")
        order.sudo().chain_channel_refund_date = order.date_order
        Statement = self.env["chain.commission.statement"]
        month = self._month(order)
        figures = Statement._chain_bonus_figures("channel", self.store_a, month, month + relativedelta(months=1))
        self.assertEqual(figures, {})

    def test_guide_cannot_be_written_over_rpc(self):
        self._post(self._order_body("G4", open_id="wx-wang"))
        order = self._orders("G4")
        hq = new_test_user(
            self.env, login="t_hq_sales", groups="sales_team.group_sale_manager,chain_store.group_chain_manager"
        )
        with self.assertRaisesRegex(AccessError, "not written directly"):
            order.with_user(hq).write({"chain_guide_id": False})
        self.assertEqual(order.chain_guide_id, self.guide)
