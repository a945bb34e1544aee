# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import api, models


class StockQuant(models.Model):
    _inherit = "stock.quant"

    @api.model
    def _get_reserve_quantity(self, product_id, location_id, quantity, product_packaging_id=None, uom_id=None,
                              lot_id=None, package_id=None, owner_id=None, strict=False):  # fmt: skip
        """Within a channel batch's reservation (``stock.move._action_assign``, which sets Odoo's
        ``quants_cache``), Odoo gathers the same quants twice here: to choose them, then to sum
        what they hold. The second gather reads the first one's result."""
        if "quants_cache" not in self.env.context:
            return super()._get_reserve_quantity(
                product_id, location_id, quantity, product_packaging_id=product_packaging_id, uom_id=uom_id,
                lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict,
            )  # fmt: skip
        reserved = super(StockQuant, self.with_context(chain_gather_memo={}))._get_reserve_quantity(
            product_id, location_id, quantity, product_packaging_id=product_packaging_id, uom_id=uom_id,
            lot_id=lot_id, package_id=package_id, owner_id=owner_id, strict=strict,
        )  # fmt: skip
        # the memo lives for this call only: the quants returned do not carry it
        return [(quant.with_context(chain_gather_memo=None), qty) for quant, qty in reserved]

    def _gather(self, product_id, location_id, lot_id=None, package_id=None, owner_id=None, strict=False, qty=0):
        memo = self.env.context.get("chain_gather_memo")
        # least packages: the quants chosen depend on the quantity asked, the sum on all of them
        if memo is None or strict or self._get_removal_strategy(product_id, location_id) == "least_packages":
            return super()._gather(product_id, location_id, lot_id=lot_id, package_id=package_id, owner_id=owner_id,
                                   strict=strict, qty=qty)  # fmt: skip
        key = (product_id.id, location_id.id, lot_id and lot_id.id, package_id and package_id.id,
               owner_id and owner_id.id)  # fmt: skip
        if key not in memo:
            memo[key] = super()._gather(product_id, location_id, lot_id=lot_id, package_id=package_id,
                                        owner_id=owner_id, strict=strict, qty=qty)  # fmt: skip
        return memo[key]
