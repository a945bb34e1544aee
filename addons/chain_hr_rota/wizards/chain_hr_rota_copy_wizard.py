from odoo import api, fields, models


class ChainHrRotaCopyWizard(models.TransientModel):
    """Copy the shifts of a weekly pattern (or another week of the store) into a draft rota."""

    _name = "chain.hr.rota.copy.wizard"
    _description = "Copy Shifts into a Rota"
    _chain_guarded_fields = {}  # a one-shot dialog: no workflow

    rota_id = fields.Many2one("chain.hr.rota", required=True, readonly=True, ondelete="cascade")
    store_id = fields.Many2one(related="rota_id.store_id")
    source_id = fields.Many2one(
        "chain.hr.rota", string="Copy from", required=True,
        domain="[('id', '!=', rota_id), '|', ('is_template', '=', True), ('store_id', '=', store_id)]",
        help="A weekly pattern, or another week of this store. The rota's shifts are replaced.",
    )  # fmt: skip

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "rota_id" in fields_list
            and not values.get("rota_id")
            and self.env.context.get("active_model") == ("chain.hr.rota")
        ):
            values["rota_id"] = self.env.context.get("active_id")
        return values

    def action_copy(self):
        self.ensure_one()
        self.rota_id.action_copy_from(self.source_id.id)
        return {"type": "ir.actions.act_window_close"}
