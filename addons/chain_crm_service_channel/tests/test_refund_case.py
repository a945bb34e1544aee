# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo.exceptions import AccessError
from odoo.tests import tagged

from odoo.addons.chain_channel.tests.common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelRefundCase(ChannelCommon):
    """A refund requested on the channel with a reason opens a case, through the real webhook."""

    def _refund_body(self, order_id, reason=None, refund_id=None, updated_at="2026-11-23T12:00:00"):
        body = json.loads(self._body(order_id=order_id, event="refund_requested", updated_at=updated_at))
        if reason is not None:
            body["order"]["refund_reason"] = reason
        if refund_id is not None:
            body["order"]["refund_id"] = refund_id
        return json.dumps(body).encode()

    def _cases(self, order):
        return self.env["helpdesk.ticket"].search([("chain_sale_order_id", "=", order.id)])

    def test_refund_with_a_reason_opens_one_case(self):
        self._post(self._body(order_id="R1"))
        order = self._orders("R1")
        member = self.env["chain.member"].create(
            {"name": "Li Na", "mobile": "138 0000 0000", "home_store_id": self.store_b.id}
        )
        order.partner_id = member.partner_id  # as chain_member_channel links a member buyer
        self._post(self._refund_body("R1", reason="宝宝喝了以后过敏起疹子", refund_id="RF-1"))
        self.assertEqual(order.state, "cancel", "the refund is still processed as before")
        case = self._cases(order)
        self.assertRecordValues(
            case,
            [
                {
                    "chain_source": "channel",
                    "chain_store_id": self.store_b.id,
                    "chain_member_id": member.id,
                    "partner_id": member.partner_id.id,
                    "chain_kind": "allergy",
                    "chain_product_id": self.diapers.id,
                    "chain_channel_refund_key": f"{self.channel.id}:R1:RF-1",
                }
            ],
        )
        self.assertIn("过敏起疹子", case.description)
        self.assertIn("R1", case.name)
        # the platform sends the same refund again (another delivery, later): still one case
        self._post(
            self._refund_body("R1", reason="宝宝喝了以后过敏起疹子", refund_id="RF-1", updated_at="2026-11-23T12:30:00")
        )
        self.assertEqual(len(self._messages().filtered(lambda m: m.event == "refund_requested")), 2)
        self.assertEqual(len(self._cases(order)), 1)
        # another refund of the same order is another case
        self._post(self._refund_body("R1", reason="Parcel damaged", refund_id="RF-2", updated_at="2026-11-23T13:00:00"))
        self.assertEqual(len(self._cases(order)), 2)

    def test_refund_without_a_reason_opens_no_case(self):
        self._post(self._body(order_id="R2"))
        order = self._orders("R2")
        self._post(self._refund_body("R2"))
        self.assertEqual(order.state, "cancel")
        self.assertFalse(self._cases(order))
        message = self._messages().filtered(lambda m: m.event == "refund_requested")
        self.assertEqual(message.state, "done")

    def test_refund_after_shipping_returns_and_opens_the_case(self):
        self._post(self._body(order_id="R3"))
        order = self._orders("R3")
        delivery = order.picking_ids
        delivery.move_ids.picked = True
        delivery._action_done()
        self._post(self._refund_body("R3", reason="Tin damaged in delivery"))
        returns = self.env["stock.picking"].search([("return_id", "=", delivery.id)])
        self.assertEqual(len(returns), 1, "the return is made as before")
        case = self._cases(order)
        self.assertEqual(case.chain_store_id, self.store_b)
        self.assertEqual(case.chain_kind, "delivery")
        self.assertEqual(case.chain_channel_refund_key, f"{self.channel.id}:R3:")

    def test_the_key_is_not_writable(self):
        self._post(self._body(order_id="R4"))
        order = self._orders("R4")
        self._post(self._refund_body("R4", reason="Wrong size"))
        case = self._cases(order)
        with self.assertRaises(AccessError):
            case.with_user(self.staff_a).write({"chain_channel_refund_key": "forged"})
        self.assertTrue(case.chain_channel_refund_key.endswith(":R4:"))

    def test_another_store_reads_no_channel_case(self):
        self._post(self._body(order_id="R5"))
        order = self._orders("R5")
        self._post(self._refund_body("R5", reason="Wrong colour sent"))
        case = self._cases(order)
        self.assertEqual(case.chain_store_id, self.store_b)
        Ticket = self.env["helpdesk.ticket"]
        self.assertFalse(Ticket.with_user(self.staff_a).search([("chain_sale_order_id", "=", order.id)]))
        self.assertFalse(Ticket.with_user(self.staff_c).search([("id", "=", case.id)]))
