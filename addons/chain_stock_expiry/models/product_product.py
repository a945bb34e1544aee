from odoo import api, fields, models
from odoo.osv import expression
from odoo.tools import float_round


class ProductProduct(models.Model):
    _inherit = "product.product"
    _chain_guarded_fields = {}  # a computed quantity, nothing stored

    chain_sellable_qty = fields.Float(
        string="Sellable",
        compute="_compute_chain_sellable_qty",
        digits="Product Unit of Measure",
        help="On hand minus reserved, minus stock past its removal date, blocked or in quarantine, in the "
        "stores of the context (default: the stores you can see).",
    )

    def _compute_quantities_dict(self, lot_id, owner_id, package_id, from_date=False, to_date=False):
        """Odoo's free quantity counts expired, blocked and quarantined stock as free: it is not."""
        res = super()._compute_quantities_dict(lot_id, owner_id, package_id, from_date=from_date, to_date=to_date)
        tracked = self.filtered(lambda p: p._origin.id and p.tracking != "none")
        if not tracked:
            return res
        domain_quant_loc = tracked._get_domain_locations()[0]
        domain = expression.AND(
            [
                [("product_id", "in", tracked._origin.ids)],
                domain_quant_loc,
                self.env["stock.quant"]._chain_unsellable_domain(),
            ]
        )
        for key, value in (("lot_id", lot_id), ("owner_id", owner_id), ("package_id", package_id)):
            if value is not None:
                domain.append((key, "=", value))
        Quant = self.env["stock.quant"].with_context(active_test=False)
        groups = Quant._read_group(domain, ["product_id"], ["quantity:sum", "reserved_quantity:sum"])
        for product, quantity, reserved in groups:
            for record in tracked.filtered(lambda p, product=product: p._origin.id == product.id):
                free = res[record.id]["free_qty"] - (quantity - reserved)
                res[record.id]["free_qty"] = float_round(free, precision_rounding=record.uom_id.rounding)
        return res

    def _chain_context_stores(self):
        """The stores of the context (``chain_store_ids``, set by server code), never beyond the
        stores the user sees: the figure is read as superuser (see ``_chain_sellable_qty``)."""
        visible = self.env["chain.store"].browse(self.env.user.chain_visible_store_ids.ids)
        store_ids = self.env.context.get("chain_store_ids")
        if not store_ids:
            return visible
        if self.env.su:
            return self.env["chain.store"].browse(store_ids)
        return visible.filtered(lambda store: store.id in store_ids)

    @api.depends_context("chain_store_ids", "uid")
    def _compute_chain_sellable_qty(self):
        by_key = self._chain_sellable_qty(self._chain_context_stores())
        totals = {}
        for (product_id, _store_id), qty in by_key.items():
            totals[product_id] = totals.get(product_id, 0.0) + qty
        for product in self:
            product.chain_sellable_qty = totals.get(product.id, 0.0)

    def _chain_sellable_qty(self, stores):
        """Sellable quantity of each product of ``self`` in each of ``stores``.

        The one answer to "how many can we sell" for the POS, replenishment and
        channel stock: see ``chain.stock.sellable``. Returns
        ``{(product_id, store_id): qty}`` for the pairs that have stock; it reads
        through the database view regardless of the caller's record rules (the
        caller chooses the stores).
        """
        if not self or not stores:
            return {}
        groups = (
            self.env["chain.stock.sellable"]
            .sudo()  # sudo: the caller passes the stores it is entitled to; rules would only re-filter them
            ._read_group(
                [("product_id", "in", self.ids), ("store_id", "in", stores.ids)],
                ["product_id", "store_id"],
                ["sellable_qty:sum"],
            )
        )
        return {(product.id, store.id): qty for product, store, qty in groups}

    def action_chain_stock_sellable(self):
        """Sellable stock of this product, per store."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_stock_expiry.chain_stock_sellable_action")
        action["domain"] = [("product_id", "=", self.id)]
        return action
