from odoo import fields, models


class ChainLotBlockWizard(models.TransientModel):
    _name = "chain.lot.block.wizard"
    _description = "Block Lots"
    _chain_guarded_fields = {}  # the user's input; the lots' _chain_block checks the right

    lot_ids = fields.Many2many("stock.lot", string="Lots", required=True)
    reason = fields.Char(required=True)

    def action_block(self):
        self.ensure_one()
        self.lot_ids._chain_block(self.reason)
        return {"type": "ir.actions.act_window_close"}
