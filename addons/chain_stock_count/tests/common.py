from odoo import Command

from odoo.addons.chain_stock_expiry.tests.common import ChainExpiryCase


class ChainCountCase(ChainExpiryCase):
    """Stock to count in store A: formula lots C-001 (10) and C-002 (5) at 150.00 each, and the
    untracked product (10) at 20.00; store B holds 3 of C-001 and 7 of the untracked product.

    Recount rules are the company defaults: more than 2 units or more than 200.00 of variance.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "chain_count_approval": True,
                "chain_count_recount_qty": 2.0,
                "chain_count_recount_percent": 0.0,
                "chain_count_recount_value": 200.0,
            }
        )
        cls.product.standard_price = 20.0
        cls.lot1 = cls._lot("C-001", 400)
        cls.lot2 = cls._lot("C-002", 500)
        cls._put(cls.lot1, cls.shelf_a, 10)
        cls._put(cls.lot2, cls.shelf_a, 5)
        cls._put(cls.lot1, cls.shelf_b, 3)
        cls.Count = cls.env["chain.stock.count"]
        cls.Plan = cls.env["chain.stock.count.plan"]
        cls.inventory_loss = cls.formula.property_stock_inventory

    def _count(self, store=None, user=None, **vals):
        user = user or self.staff_a
        return self.Count.with_user(user).create({"store_id": (store or self.store_a).id, **vals})

    def _started(self, store=None, user=None, **vals):
        count = self._count(store, user, **vals)
        count.action_start()
        return count

    def _line(self, count, product, lot=None):
        lot = lot or self.env["stock.lot"]
        return count.line_ids.filtered(lambda line: line.product_id == product and line.lot_id == lot)

    def _quant_qty(self, product, location, lot=None):
        quants = self.env["stock.quant"]._gather(product, location, lot_id=lot, strict=True)
        return sum(quants.mapped("quantity"))

    def _plan(self, **vals):
        return self.Plan.create({"name": "Plan", "store_ids": [Command.set(self.store_a.ids)], **vals})
