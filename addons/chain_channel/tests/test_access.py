# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelAccess(ChannelCommon):
    def test_store_user_cannot_read_the_secret(self):
        channel = self.channel.with_user(self.staff_a)
        self.assertEqual(channel.name, "Mini Shop (test)")
        with self.assertRaises(AccessError):
            channel.read(["app_secret"])
        with self.assertRaises(AccessError):
            channel.write({"app_secret": "stolen"})

    def test_user_of_another_store_sees_no_message_nor_order(self):
        self._post(self._body())
        message, order = self._messages(), self._orders()
        # the order ships from store B: store A, on the same channel, sees neither (issue 20;
        # test_store_isolation covers the store that fulfils it)
        self.assertEqual(order.warehouse_id, self.store_b.warehouse_id)
        with self.assertRaises(AccessError):
            message.with_user(self.staff_a).read(["state"])
        with self.assertRaises(AccessError):
            order.with_user(self.staff_a).read(["state"])
        with self.assertRaises(AccessError):
            message.with_user(self.staff_c).read(["state"])
        with self.assertRaises(AccessError):
            order.with_user(self.staff_c).read(["state"])
        with self.assertRaises(AccessError):
            self.channel.with_user(self.staff_c).read(["name"])
        self.assertFalse(self.env["sale.order"].with_user(self.staff_c).search([("id", "=", order.id)]))
