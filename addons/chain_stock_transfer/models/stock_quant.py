from odoo import api, fields, models

from odoo.addons.chain_stock_expiry.lib import shelf_life


class StockQuant(models.Model):
    _inherit = "stock.quant"
    _chain_guarded_fields = {}  # adds no field

    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None, strict=False, qty=0):
        quants = super()._gather(product_id, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id,
                                 strict=strict, qty=qty)  # fmt: skip
        if self.env.context.get("chain_transfer_gate"):
            quants -= quants._chain_short_for_transfer()
        return quants

    @api.model
    def _get_removal_strategy(self, product_id, location_id):
        # An inter-store transfer always ships the lots that expire first (FEFO), whatever the
        # product category says: the sending store keeps the longer-dated stock for itself.
        if self.env.context.get("chain_transfer_gate"):
            return "fefo"
        return super()._get_removal_strategy(product_id, location_id)

    def _chain_short_for_transfer(self, now=None):
        """The quants of ``self`` whose lot has less remaining life than its shelf-life policy's
        *Minimum at Transfer*: a receiving store would refuse them."""
        now = now or fields.Datetime.now()
        short = self.browse()
        for quant in self.filtered(lambda q: q.lot_id.expiration_date and q.product_id.use_expiration_date):
            lot = quant.lot_id
            policy = lot.chain_policy_id
            threshold = policy._threshold("transfer") if policy else None
            if not threshold:
                continue
            total = policy._total_days(quant.product_id, lot.chain_production_date, lot.expiration_date)
            ok, _days, _fraction = shelf_life.check_remaining(lot.expiration_date, now, threshold, total)
            if not ok:
                short |= quant
        return short
