# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models

# first key of pg_advisory_xact_lock(int, int): "CH" (0x4348), the second key is the product id
RESERVATION_LOCK_NAMESPACE = 0x4348


class StockMove(models.Model):
    _inherit = "stock.move"

    def _chain_reservation_lock_enabled(self):
        if "chain_reservation_lock" in self.env.context:
            return bool(self.env.context["chain_reservation_lock"])
        # sudo: the switch is a technical setting; store users reserve but cannot read parameters
        value = self.env["ir.config_parameter"].sudo().get_param("chain_channel.reservation_lock", "1")
        return value.strip() not in ("0", "false", "False")

    def _chain_lock_products(self):
        """Serialize reservations per product: one transaction at a time reserves a product.

        Locks are taken in product id order so two transactions never wait on each other;
        they are released at commit or rollback.
        """
        product_ids = sorted(set(self.filtered(lambda m: m.product_id.is_storable).product_id.ids))
        for product_id in product_ids:
            self.env.cr.execute("SELECT pg_advisory_xact_lock(%s, %s)", (RESERVATION_LOCK_NAMESPACE, product_id))

    def _action_assign(self, force_qty=False):
        if self and self._chain_reservation_lock_enabled():
            self._chain_lock_products()
            # the quants may have changed while this transaction waited for the lock
            self.env["stock.quant"].invalidate_model(["quantity", "reserved_quantity"])
            batch = self.env.context.get("chain_channel_import") and len(self) > 1
            if batch and "quants_cache" not in self.env.context:
                # a channel batch: Odoo's quant cache (as its own _action_done uses it), read once
                # under the lock; the exact-key lookups of each reserved line (two or three a line)
                # read it instead of searching the quants again, and the quants Odoo creates
                # meanwhile join it
                cache = self.env["stock.quant"]._get_quants_by_products_locations(self.product_id, self.location_id)
                return super(StockMove, self.with_context(quants_cache=cache))._action_assign(force_qty=force_qty)
        return super()._action_assign(force_qty=force_qty)

    def _trigger_scheduler(self):
        """Odoo looks for an automatic reordering rule of each confirmed move, one query per
        move (every line of every channel order): one query first finds which of these
        products have such a rule at all, and only their moves are looked at."""
        if not self:
            return super()._trigger_scheduler()
        groups = self.env["stock.warehouse.orderpoint"]._read_group(
            [("product_id", "in", self.product_id.ids), ("trigger", "=", "auto")], ["product_id"]
        )
        with_rule = {product.id for (product,) in groups}
        return super(StockMove, self.filtered(lambda m: m.product_id.id in with_rule))._trigger_scheduler()

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        done = moves.filtered(lambda m: m.state == "done" and m.product_id.is_storable)
        if done:
            warehouses = done.location_id.warehouse_id | done.location_dest_id.warehouse_id
            # sudo: a store user's delivery must queue the channel update, channels are for managers
            self.env["chain.channel.outbox"].sudo()._chain_mark(done.product_id, warehouses)
        return moves
