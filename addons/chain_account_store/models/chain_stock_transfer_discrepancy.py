from odoo import models


class ChainStockTransferDiscrepancy(models.Model):
    _inherit = "chain.stock.transfer.discrepancy"
    _chain_guarded_fields = {}  # no fields added

    def _chain_loss_store(self):
        """The store whose P&L bears the loss when this discrepancy is written off: the sending
        store. It packed and dispatched the goods; goods missing or damaged on arrival were lost
        on its side of the transfer (the receiving store only reports what arrived)."""
        self.ensure_one()
        return self.source_store_id

    def _chain_settle_write_off(self):
        store = self._chain_loss_store()
        return super(
            ChainStockTransferDiscrepancy, self.with_context(chain_account_loss_store_id=store.id)
        )._chain_settle_write_off()
