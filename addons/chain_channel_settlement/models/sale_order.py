# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging

from odoo import api, fields, models
from odoo.exceptions import UserError

_logger = logging.getLogger(__name__)


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _chain_guarded_fields = {"chain_platform_completed": ("_chain_mark_completed",)}

    chain_platform_completed = fields.Boolean(
        string="Completed on the Platform",
        readonly=True,
        copy=False,
        help="The platform reported the order completed (the buyer confirmed receipt).",
    )

    def _chain_mark_completed(self):
        """The platform completed these orders: flag them, and invoice those whose channel
        invoices on completion."""
        todo = self.filtered(lambda order: order.chain_channel_id and not order.chain_platform_completed)
        if todo:
            todo.chain_platform_completed = True
            todo.filtered(lambda o: o.chain_channel_id.chain_invoice_policy == "completion")._chain_settlement_invoice()

    def _chain_settlement_invoiceable(self):
        """The channel orders of ``self`` ready to be invoiced to their platform: the channel is set up
        for settlements, its policy is met (delivered, or completed on the platform), and something is
        left to invoice."""
        return self.filtered(
            lambda order: (
                order.chain_channel_id.chain_settlement_partner_id
                and order.state == "sale"
                and order.invoice_status == "to invoice"
                and (
                    order.chain_platform_completed
                    if order.chain_channel_id.chain_invoice_policy == "completion"
                    else order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
                    and all(p.state in ("done", "cancel") for p in order.picking_ids)
                )
            )
        )

    def _chain_settlement_invoice(self):
        """Invoice the ready channel orders of ``self`` to their platform (one posted invoice per
        order, partner the platform, the buyer kept on it) in one call; the invoices made.

        Runs as the system: the store that ships a channel order (or the platform's message that
        completes it) invoices it, and store staff have no accounting rights. An order that cannot
        be invoiced (a product without income account...) is left for the daily run and logged;
        it never stops the delivery."""
        # sudo: invoicing a channel order is the system's, whoever ships it (see above)
        orders = self.sudo()._chain_settlement_invoiceable()
        invoices = self.env["account.move"].sudo()
        for company in orders.company_id:
            batch = orders.filtered(lambda o, company=company: o.company_id == company).with_company(company)
            try:
                with self.env.cr.savepoint():
                    made = batch._create_invoices(grouped=True)
                    for invoice in made:
                        order = invoice.line_ids.sale_line_ids.order_id[:1]
                        invoice._chain_link_channel_order(order)
                    made.action_post()
                    invoices |= made
            except UserError as error:
                _logger.warning("Channel orders %s not invoiced: %s", batch.mapped("name"), error)
        return invoices

    def _prepare_invoice(self):
        """A channel order is invoiced to its platform (the paying party), the platform's order
        id as reference; the buyer stays on the invoice (``chain_channel_buyer_id``)."""
        vals = super()._prepare_invoice()
        partner = self.chain_channel_id.chain_settlement_partner_id
        if partner:
            vals.update(
                {
                    "partner_id": partner.id,
                    "ref": self.chain_platform_order_id,
                    "payment_reference": self.chain_platform_order_id,
                }
            )
        return vals

    @api.model
    def _cron_chain_settlement_invoice(self, limit=5000):
        """Daily: invoice the channel orders whose moment came and that were missed (a failed
        invoicing, a channel set up later), ``limit`` orders per run."""
        orders = self.search(
            [
                ("chain_channel_id.chain_settlement_partner_id", "!=", False),
                ("state", "=", "sale"),
                ("invoice_status", "=", "to invoice"),
            ],
            limit=limit,
        )
        orders._chain_settlement_invoice()
        return True
