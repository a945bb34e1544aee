from odoo import fields, models


class StockLocation(models.Model):
    _inherit = "stock.location"
    # a quarantine location is made by the server (stock.warehouse._chain_quarantine_location);
    # unticking it would put its stock back on sale: no user changes it (superuser only)
    _chain_guarded_fields = {"chain_quarantine": ()}

    chain_quarantine = fields.Boolean(
        string="Quarantine",
        index=True,
        help="Stock here is never sellable nor reserved: expired, past its removal date, recalled or blocked "
        "goods waiting to be returned or written off.",
    )
