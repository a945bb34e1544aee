from decimal import Decimal

from odoo import api, fields, models


class ChainChannel(models.Model):
    _inherit = "chain.channel"

    @api.model
    def _chain_demo_load_settlement(self):
        """The demo Youzan shop's books: its wallet set up, three of its orders shipped from
        their stores (and so invoiced to Youzan), and Youzan's fund flow of two of them
        imported: payments and 2% commission matched, a payout to the bank; the third order
        is what the platform still owes. Idempotent: a shop with a settlement is skipped.
        """
        channel = self.env.ref("chain_demo.chain_channel_youzan_demo")
        if self.env["chain.channel.settlement"].search_count([("channel_id", "=", channel.id)]):
            return self.env["chain.channel.settlement"]
        channel.write({"chain_commission_rate": 2.0, "chain_invoice_policy": "shipment"})
        channel._chain_settlement_setup_one()
        orders = self.env["sale.order"].search(
            [("chain_channel_id", "=", channel.id), ("state", "=", "sale")], order="id"
        )
        shipped = self.env["sale.order"]
        for order in orders:
            if len(shipped) == 3:
                break
            pickings = order.picking_ids.filtered(lambda p: p.state == "assigned")
            if not pickings or order.picking_ids.filtered(lambda p: p.state not in ("assigned", "done", "cancel")):
                continue
            for move in pickings.move_ids:
                move.quantity = move.product_uom_qty
                move.picked = True
            pickings.button_validate()
            shipped |= order
        self.env["sale.order"]._cron_chain_settlement_invoice()
        invoiced = shipped.filtered(lambda o: o.invoice_ids.filtered(lambda i: i.state == "posted"))
        today = fields.Date.context_today(self)
        lines, paid_out = [], Decimal(0)
        for order in invoiced[:2]:
            total = Decimal(str(order.amount_total))
            fee = (total * Decimal("0.02")).quantize(Decimal("0.01"))
            ref = order.chain_platform_order_id
            lines.append({"key": f"demo-{ref}-pay", "platform_order_id": ref, "kind": "payment", "amount": total,
                          "currency": "CNY", "date": today, "label": "交易收入"})  # fmt: skip
            lines.append({"key": f"demo-{ref}-fee", "platform_order_id": ref, "kind": "commission", "amount": -fee,
                          "currency": "CNY", "date": today, "label": "平台服务费"})  # fmt: skip
            paid_out += total - fee
        if not lines:
            return self.env["chain.channel.settlement"]
        lines.append({"key": f"demo-payout-{today}", "platform_order_id": "", "kind": "payout", "amount": -paid_out,
                      "currency": "CNY", "date": today, "reference": f"YZ-PAYOUT-{today:%Y%m%d}",
                      "label": "提现"})  # fmt: skip
        return self.env["chain.channel.settlement"]._chain_import(channel, lines, f"有赞资金流水 {today}")
