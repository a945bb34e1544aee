from odoo import api, fields, models


class PosPackOperationLot(models.Model):
    _inherit = "pos.pack.operation.lot"
    _chain_guarded_fields = {}  # the scanned expiry is the till's input, judged at sync

    chain_scanned_expiry = fields.Date(
        string="Scanned Expiry",
        help="Expiry date read from the unit's GS1 code at the till (AI 17), checked even when the lot is "
        "unknown to Odoo.",
    )

    @api.model
    def _load_pos_data_fields(self, config_id):
        return super()._load_pos_data_fields(config_id) + ["chain_scanned_expiry"]
