# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tests import tagged

from .common import SettlementCommon


@tagged("post_install", "-at_install")
class TestInvoicing(SettlementCommon):
    def test_invoiced_on_shipment_to_the_platform(self):
        """Shipping a channel order invoices it once, to the platform, with the buyer, the platform
        order id and the channel shop's analytic account."""
        order = self._order("INV-SHIP-1", qty=2)
        invoice = order.invoice_ids
        self.assertEqual(len(invoice), 1)
        self.assertRecordValues(
            invoice,
            [
                {
                    "state": "posted",
                    "move_type": "out_invoice",
                    "partner_id": self.channel.chain_settlement_partner_id.id,
                    "chain_channel_buyer_id": self.buyer.id,
                    "chain_platform_order_id": "INV-SHIP-1",
                    "chain_channel_id": self.channel.id,
                    "amount_total": 200.0,
                }
            ],
        )
        product_line = invoice.invoice_line_ids
        self.assertEqual(product_line.analytic_distribution, {str(self.channel.analytic_account_id.id): 100})
        self.assertFalse(order._chain_settlement_invoice(), "an order is invoiced once")
        self.assertEqual(len(order.invoice_ids), 1)

    def test_not_invoiced_before_shipment(self):
        order = self._order("INV-SHIP-2", ship=False)
        self.assertFalse(order.invoice_ids)
        self.env["sale.order"]._cron_chain_settlement_invoice()
        self.assertFalse(order.invoice_ids, "not delivered: nothing to invoice")

    def test_invoiced_on_platform_completion(self):
        self.channel.chain_invoice_policy = "completion"
        order = self._order("INV-DONE-1")
        self.assertFalse(order.invoice_ids, "shipped but not completed on the platform")
        message = self.env["chain.channel.message"].create(
            {
                "channel_id": self.channel.id,
                "key": "INV-DONE-1:completed",
                "event": "order_shipped",
                "platform_order_id": "INV-DONE-1",
                "normalized": '{"order": {"status": "closed"}}',
            }
        )
        message._chain_apply()
        self.assertTrue(order.chain_platform_completed)
        self.assertEqual(order.invoice_ids.state, "posted")
        self.assertEqual(order.invoice_ids.partner_id, self.channel.chain_settlement_partner_id)

    def test_channel_without_settlement_setup_is_not_invoiced(self):
        bare = self.env["chain.channel"].create(
            {"name": "Bare shop", "platform": "generic", "store_ids": [(6, 0, self.store.ids)]}
        )
        order = self._order("INV-BARE-1", channel=bare)
        self.assertFalse(order.invoice_ids)
