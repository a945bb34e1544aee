from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"

    chain_quarantine = fields.Boolean(
        string="Quarantine",
        index=True,
        help="Stock here is never sellable nor reserved: expired, past its removal date, recalled or blocked "
        "goods waiting to be returned or written off.",
    )
