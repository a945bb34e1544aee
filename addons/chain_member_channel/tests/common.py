import json

from odoo.tests import new_test_user

from odoo.addons.chain_channel.tests.common import ChannelCommon


class MemberChannelCommon(ChannelCommon):
    """The generic channel of ``ChannelCommon`` (stores A and B ship, stock in B) with two
    members: Wang of store A (identity ``wx-wang`` as the channel's buyer id, mobile
    138 1234 5678) and Li of store B (mobile 139 0000 1111, no identity). Points: 1 per yuan,
    no negative balance."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.channel.chain_member_identity_source = "wechat_unionid"
        cls.env.company.write({"chain_member_points_rate": 1.0, "chain_member_allow_negative_points": False})
        Member = cls.env["chain.member"]
        cls.wang = Member.create({"name": "王小红", "mobile": "138 1234 5678", "home_store_id": cls.store_a.id})
        cls.li = Member.create({"name": "李娜", "mobile": "139 0000 1111", "home_store_id": cls.store_b.id})
        cls.env["chain.member.identity"].create(
            {"member_id": cls.wang.id, "source": "wechat_unionid", "external_id": "wx-wang"}
        )
        cls.staff_b = new_test_user(
            cls.env,
            login="mch_staff_b",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[(6, 0, cls.store_b.ids)],
            chain_store_id=cls.store_b.id,
        )

    def _order_body(self, order_id, open_id=None, phone="13800000000", mobile=None, name="Li Na", **kwargs):
        """A paid order of a buyer with ``open_id`` / ``phone`` / ``mobile``, named ``name``."""
        return json.dumps(self._order_message(order_id, open_id, phone, mobile, name, **kwargs)).encode()

    def _order_message(self, order_id, open_id=None, phone="13800000000", mobile=None, name="Li Na", **kwargs):
        message = json.loads(self._body(order_id=order_id, **kwargs))
        message["order"]["address"]["name"] = name
        buyer = {"name": name, "phone": phone}
        if open_id:
            buyer["open_id"] = open_id
        if mobile:
            buyer["mobile"] = mobile
        message["order"]["buyer"] = buyer
        return message

    def _ship(self, order):
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.move_ids.picked = True
        picking._action_done()
        self.assertEqual(picking.state, "done")
        return picking

    def _ledger(self, member):
        return self.env["chain.member.points.line"].search([("member_id", "=", member.id)], order="id")
