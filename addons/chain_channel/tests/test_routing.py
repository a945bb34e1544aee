# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import Command
from odoo.exceptions import AccessError, ValidationError
from odoo.tests import tagged

from .common import ChannelCommon

ZHEJIANG = {
    "name": "Wang Fang",
    "phone": "13900000000",
    "province": "浙江省",
    "city": "杭州市",
    "district": "西湖区",
    "street": "文三路 100 号",
}
SHANGHAI = dict(ZHEJIANG, province="上海市", city="上海市", district="浦东新区", street="世纪大道 1 号")


@tagged("post_install", "-at_install")
class TestChannelRouting(ChannelCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.zhejiang = cls.env.ref("base.state_cn_ZJ")
        cls.shanghai = cls.env.ref("base.state_cn_SH")
        cls.east = cls.env["chain.store.region"].create({"name": "East (routing test)"})
        cls.hangzhou = cls.env["chain.store.region"].create({"name": "Hangzhou", "parent_id": cls.east.id})
        cls.store_b.region_id = cls.hangzhou
        cls.dc = cls.env["chain.store"].create({"name": "Channel DC", "code": "CHN-DC", "kind": "dc"})
        cls.channel.store_ids = [Command.link(cls.dc.id)]
        # both stores and the DC hold diapers and wipes
        cls._put(cls.diapers, cls.store_a, 10)
        cls._put(cls.wipes, cls.store_a, 10)
        cls._put(cls.diapers, cls.dc, 50)
        cls._put(cls.wipes, cls.dc, 50)

    def _order_to(self, order_id, address, lines=None):
        self.assertEqual(self._post(self._body(order_id=order_id, address=address, lines=lines)).status_code, 200)
        return self._orders(order_id)

    def test_a_province_rule_sends_the_order_to_the_region(self):
        self.channel.route_ids = [
            Command.create({"state_ids": [Command.set(self.zhejiang.ids)], "region_id": self.east.id})
        ]
        order = self._order_to("R1", ZHEJIANG)
        # store B is in Hangzhou, a sub-region of East: it ships, not store A (first by sequence)
        self.assertEqual(order.warehouse_id, self.store_b.warehouse_id)
        self.assertIn(self.store_b.display_name, order.chain_route_reason)
        self.assertEqual(order.picking_ids.state, "assigned")
        # an order to a province without a rule goes to the first store with the stock
        self.assertEqual(self._order_to("R2", SHANGHAI).warehouse_id, self.store_a.warehouse_id)

    def test_stores_of_the_delivery_province_come_first(self):
        self.store_b.state_id = self.shanghai
        self.assertEqual(self._order_to("R3", SHANGHAI).warehouse_id, self.store_b.warehouse_id)
        self.assertEqual(self._order_to("R4", ZHEJIANG).warehouse_id, self.store_a.warehouse_id)

    def test_the_dc_ships_when_the_rule_stores_lack_stock(self):
        self.channel.route_ids = [
            Command.create(
                {"state_ids": [Command.set(self.zhejiang.ids)], "store_ids": [Command.set(self.store_b.ids)]}
            )
        ]
        lines = [{"sku": "SKU-D", "qty": 12, "price_unit": 89.0}]  # store B has 10
        order = self._order_to("R5", ZHEJIANG, lines)
        self.assertEqual(order.warehouse_id, self.dc.warehouse_id)
        self.assertIn("distribution centre", order.chain_route_reason)

    def test_dc_only_products_ship_from_the_dc(self):
        self.wipes.chain_ship_from_dc_only = True
        lines = [{"sku": "SKU-D", "qty": 1, "price_unit": 89.0}, {"sku": "SKU-W", "qty": 1, "price_unit": 19.0}]
        order = self._order_to("R6", SHANGHAI, lines)
        self.assertEqual(order.warehouse_id, self.dc.warehouse_id)
        # without a DC among the fulfilling stores the message waits, with the reason, and creates nothing
        self.channel.store_ids = [Command.unlink(self.dc.id)]
        partners = self.env["res.partner"].search_count([])
        self.assertFalse(self._order_to("R7", SHANGHAI, lines))
        message = self._messages().filtered(lambda m: m.platform_order_id == "R7")
        self.assertEqual(message.state, "attention")
        self.assertIn("distribution centre", message.reason)
        self.assertEqual(self.env["res.partner"].search_count([]), partners)

    def test_a_rule_needs_somewhere_to_ship_from(self):
        with self.assertRaises(ValidationError):
            self.env["chain.channel.route"].create(
                {"channel_id": self.channel.id, "state_ids": [Command.set(self.zhejiang.ids)]}
            )

    def test_store_users_see_only_their_channels_rules(self):
        route = self.env["chain.channel.route"].create({"channel_id": self.channel.id, "region_id": self.east.id})
        self.assertEqual(route.with_user(self.staff_a).read(["region_id"])[0]["region_id"][0], self.east.id)
        with self.assertRaises(AccessError):
            route.with_user(self.staff_c).read(["region_id"])
