# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelMapping(ChannelCommon):
    def _unmapped(self):
        self.env.invalidate_all()  # a SQL view: its rows change with the messages
        return self.env["chain.channel.unmapped.sku"].search([("channel_id", "=", self.channel.id)])

    def test_unmapped_skus_are_listed_and_mapping_one_processes_its_orders(self):
        self._post(self._body(order_id="U1", lines=[{"sku": "SKU-X", "qty": 1}, {"sku": "SKU-Y", "qty": 1}]))
        self._post(self._body(order_id="U2", lines=[{"sku": "SKU-X", "qty": 2}]))
        self.assertEqual(sorted((row.sku, row.message_count) for row in self._unmapped()), [("SKU-X", 2), ("SKU-Y", 1)])
        action = self._unmapped().filtered(lambda r: r.sku == "SKU-X").action_map()
        self.assertEqual(action["context"]["default_sku"], "SKU-X")
        # mapping SKU-X alone: U2 becomes an order, U1 still waits for SKU-Y
        self.env["chain.channel.product"].with_context(**action["context"]).create({"product_id": self.wipes.id})
        self.assertEqual(self._orders("U2").order_line.product_id, self.wipes)
        self.assertFalse(self._orders("U1"))
        self.assertEqual([row.sku for row in self._unmapped()], ["SKU-Y"])
        self.env["chain.channel.product"].create(
            {"channel_id": self.channel.id, "sku": "SKU-Y", "product_id": self.diapers.id}
        )
        self.assertEqual(len(self._orders("U1").order_line), 2)
        self.assertFalse(self._unmapped())

    def test_bulk_import_of_a_mapping_sheet(self):
        self.diapers.default_code = "DIA-M"
        self.wipes.barcode = "6901234567892"
        Mapping = self.env["chain.channel.product"]
        fields = ["channel_id", "sku", "item_id", "product_id"]
        rows = [
            [self.channel.name, "SKU-D2", "ITEM-1", "DIA-M"],
            [self.channel.name, "SKU-W2", "ITEM-2", "6901234567892"],
        ]
        result = Mapping.load(fields, rows)
        self.assertFalse(result["messages"], result["messages"])
        self.assertEqual(Mapping.browse(result["ids"]).mapped("product_id"), self.diapers | self.wipes)
        # a sheet with an unknown product is refused as a whole, with the line named
        with mute_logger("odoo.sql_db"):  # the refused rows' failed inserts
            bad = Mapping.load(
                fields, [[self.channel.name, "SKU-D3", "", "DIA-M"], [self.channel.name, "SKU-Z", "", "NOPE"]]
            )
        self.assertFalse(bad["ids"])
        self.assertTrue(any(message["type"] == "error" for message in bad["messages"]))
        self.assertFalse(Mapping.search([("sku", "in", ["SKU-D3", "SKU-Z"])]))

    def test_store_users_see_only_their_channels_unmapped_skus(self):
        self._post(self._body(order_id="U3", lines=[{"sku": "SKU-Q", "qty": 1}]))
        row = self._unmapped()
        self.assertEqual(row.with_user(self.staff_a).read(["sku"])[0]["sku"], "SKU-Q")
        with self.assertRaises(AccessError):
            row.with_user(self.staff_c).read(["sku"])
