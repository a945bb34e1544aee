from odoo import models


class PosSession(models.Model):
    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no fields added

    def _create_account_move(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        """The closing entry belongs to the till's store: its sales and cost lines take its distribution."""
        data = super()._create_account_move(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
        store = self.config_id.chain_store_id
        if store and self.move_id:
            # sudo: the cashier closing the session does not keep books; the entry is the session's
            self.move_id.sudo().chain_store_id = store
        return data
