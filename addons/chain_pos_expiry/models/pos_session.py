from odoo import api, models

from ..lib import pos_lot_rule


class PosSession(models.Model):
    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    @api.model
    def _load_pos_data_models(self, config_id):
        models_ = super()._load_pos_data_models(config_id)
        if self.env.context.get("chain_pos_expiry_off"):  # the benchmark's baseline
            return models_
        return [*models_, "stock.lot"]

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        if not self.env.context.get("chain_pos_expiry_off"):
            result["data"][0]["_chain_override_managers"] = self._chain_override_managers_data()
        return result

    def _chain_override_managers_data(self):
        """Who may override a lot refusal at this till, with a digest of their PIN so that the
        till can check it offline (the server checks the PIN itself at sync)."""
        managers = self.env["res.users"]._chain_pos_override_managers(self.config_id.chain_store_id)
        return [
            {"id": user.id, "name": user.name, "pin_hash": pos_lot_rule.pin_hash(user.chain_pos_pin)}
            for user in managers
        ]
