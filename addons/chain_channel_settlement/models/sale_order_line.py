# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"
    _chain_guarded_fields = {}  # no field

    def _prepare_invoice_line(self, **optional_values):
        """A channel order's revenue lands on the channel shop's analytic account (plan "Stores"):
        the sale is the online shop's; the fulfilling store's cost stays on its stock moves."""
        vals = super()._prepare_invoice_line(**optional_values)
        analytic = self.order_id.chain_channel_id.analytic_account_id
        if analytic and not self.display_type:
            vals["analytic_distribution"] = {str(analytic.id): 100}
        return vals
