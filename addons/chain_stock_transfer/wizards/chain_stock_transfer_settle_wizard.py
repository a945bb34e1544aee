from odoo import fields, models

from ..models.chain_stock_transfer_discrepancy import SETTLEMENTS


class ChainStockTransferSettleWizard(models.TransientModel):
    _name = "chain.stock.transfer.settle.wizard"
    _description = "Settle Transfer Discrepancies"
    _chain_guarded_fields = {}  # settles through the discrepancies' own method

    discrepancy_ids = fields.Many2many(
        "chain.stock.transfer.discrepancy",
        "chain_transfer_settle_discrepancy_rel",
        "wizard_id",
        "discrepancy_id",
        string="Discrepancies",
        required=True,
    )
    settlement = fields.Selection(SETTLEMENTS, required=True, default="write_off")
    note = fields.Text(string="Explanation")

    def action_confirm(self):
        self.ensure_one()
        self.discrepancy_ids._chain_settle(self.settlement, self.note)
        return {"type": "ir.actions.act_window_close"}
