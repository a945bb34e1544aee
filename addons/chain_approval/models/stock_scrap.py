from odoo import api, fields, models
from odoo.tools import float_compare


class StockScrap(models.Model):
    _inherit = "stock.scrap"

    chain_value = fields.Monetary(
        string="Scrap Value",
        compute="_compute_chain_value",
        search="_search_chain_value",
        currency_field="chain_currency_id",
        help="Quantity scrapped at the product's cost: what an approval rule on scrap compares.",
    )
    chain_currency_id = fields.Many2one(related="company_id.currency_id", string="Scrap Currency")

    @api.depends("scrap_qty", "product_id", "product_uom_id", "company_id")
    def _compute_chain_value(self):
        for scrap in self:
            product = scrap.product_id.with_company(scrap.company_id)
            qty = scrap.product_uom_id._compute_quantity(scrap.scrap_qty, product.uom_id) if product else 0.0
            scrap.chain_value = qty * product.standard_price

    def _search_chain_value(self, operator, value):
        # the cost is company-dependent, so the value is not stored: compare on the scraps still
        # to validate (rules are checked on those), few at any time
        return [("id", "in", _matching(self.search([("state", "=", "draft")]), "chain_value", operator, value))]


def _matching(records, field, operator, value):
    """Ids of ``records`` whose ``field`` compares to ``value`` with ``operator``."""
    compare = {
        ">": lambda c: c > 0,
        ">=": lambda c: c >= 0,
        "<": lambda c: c < 0,
        "<=": lambda c: c <= 0,
        "=": lambda c: c == 0,
        "!=": lambda c: c != 0,
    }.get(operator)
    if compare is None:
        return []
    return [rec.id for rec in records if compare(float_compare(rec[field] or 0.0, value or 0.0, precision_digits=2))]
