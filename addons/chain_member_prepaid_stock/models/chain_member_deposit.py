from collections import defaultdict

from odoo import api, fields, models


class ChainMemberDeposit(models.Model):
    _inherit = "chain.member.deposit"
    _chain_guarded_fields = {}  # no field added

    @api.model
    def _chain_deposited_at(self, stores, products, date):
        """``{(store id, product id): units}`` deposited in ``stores`` (the selling store) and
        not picked up at the end of ``date``: the units sold as deposits up to ``date`` less
        those picked up up to then, less what was refunded or forfeited (at any date). Two
        set-based reads: the deposits under the user's record rules, then their pickups."""
        domain = [("store_id", "in", stores.ids), ("product_id", "in", products.ids), ("date", "<=", date)]
        deposited = defaultdict(float)
        deposits = {}
        for deposit in self.search_fetch(
            domain, ["store_id", "product_id", "qty_deposited", "qty_refunded", "qty_forfeited"]
        ):
            key = (deposit.store_id.id, deposit.product_id.id)
            deposits[deposit.id] = key
            deposited[key] += deposit.qty_deposited - deposit.qty_refunded - deposit.qty_forfeited
        end = fields.Datetime.to_datetime(fields.Date.add(date, days=1))
        # sudo: the pickups of the deposits read above, in any store (a pickup belongs to the store
        # where it happened, the deposit's units to the store that sold them)
        for deposit, qty in (
            self.env["chain.member.deposit.pickup"]
            .sudo()
            ._read_group([("deposit_id", "in", list(deposits)), ("date", "<", end)], ["deposit_id"], ["qty:sum"])
        ):
            deposited[deposits[deposit.id]] -= qty
        return {key: qty for key, qty in deposited.items() if qty}
