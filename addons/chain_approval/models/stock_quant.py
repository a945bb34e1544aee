from odoo import api, fields, models

from .stock_scrap import _matching


class StockQuant(models.Model):
    _inherit = "stock.quant"
    _chain_guarded_fields = {}  # adds a computed value only

    chain_inventory_diff_value = fields.Monetary(
        string="Adjustment Value",
        compute="_compute_chain_inventory_diff_value",
        search="_search_chain_inventory_diff_value",
        currency_field="currency_id",
        help="Counted minus on hand, at the product's cost, in absolute value: what an approval rule on "
        "inventory adjustments compares.",
    )

    @api.depends("inventory_diff_quantity", "product_id", "company_id")
    def _compute_chain_inventory_diff_value(self):
        for quant in self:
            cost = quant.product_id.with_company(quant.company_id).standard_price
            quant.chain_inventory_diff_value = abs(quant.inventory_diff_quantity) * cost

    def _search_chain_inventory_diff_value(self, operator, value):
        # not stored (company-dependent cost); only quants with a count set have a difference
        candidates = self.search([("inventory_quantity_set", "=", True)])
        return [("id", "in", _matching(candidates, "chain_inventory_diff_value", operator, value))]
