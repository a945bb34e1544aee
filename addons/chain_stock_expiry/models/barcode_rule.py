from odoo import fields, models


class BarcodeRule(models.Model):
    _inherit = "barcode.rule"
    _chain_guarded_fields = {}  # configuration: its access rights are the guard

    type = fields.Selection(
        selection_add=[("production_date", "Production Date")], ondelete={"production_date": "set default"}
    )
