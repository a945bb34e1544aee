from odoo import models


class StockMove(models.Model):
    _inherit = "stock.move"
    _chain_guarded_fields = {}  # no field of its own

    def _should_bypass_reservation(self, forced_location=False):
        # quarantine moves carry the exact quants they move (see stock.quant._chain_move_to_quarantine)
        if self.id and self.id in self.env.context.get("chain_bypass_reservation_move_ids", ()):
            return True
        return super()._should_bypass_reservation(forced_location=forced_location)

    def _push_apply(self):
        # a quarantine move ends in quarantine: no push rule may send it on (and looking them up
        # for every product is a third of the job's time)
        bypass = self.env.context.get("chain_bypass_reservation_move_ids", ())
        return super(StockMove, self.filtered(lambda m: m.id not in bypass))._push_apply()

    def _trigger_assign(self):
        # nothing reserves from quarantine (see stock.quant._gather): waking the moves waiting
        # there would only run one large search per quarantine batch
        bypass = self.env.context.get("chain_bypass_reservation_move_ids", ())
        return super(StockMove, self.filtered(lambda m: m.id not in bypass))._trigger_assign()
