from odoo import api, models

DEMO_NOTE = "Demo"


class ChainReplenishAllocation(models.Model):
    _inherit = "chain.replenish.allocation"

    @api.model
    def _chain_demo_replenish(self, dc, stores, products):
        """Requisitions of ``stores`` from their suggestions, served by ``dc`` with a cut.

        Each store gets a min/max rule on ``products`` above its sellable stock (the demo's sales
        are too recent for a forecast), so that the suggestions ask for them. For one suggested product the stores ask
        together for more than the distribution centre can sell, so that the allocation cuts
        their lines (and explains it) and the shortfall becomes a purchase suggestion. The
        allocation is then shipped: Odoo creates the DC's transfers to the stores.

        Idempotent: does nothing when the demo allocation exists.
        """
        if self.search_count([("note", "=", DEMO_NOTE)]):
            return self.browse()
        stores = self.env["chain.store"].browse(stores)
        dc = self.env["chain.store"].browse(dc)
        products = self.env["product.product"].browse(products)
        sellable = products._chain_sellable_qty(stores)
        self.env["stock.warehouse.orderpoint"].create(
            [
                {
                    "warehouse_id": store.warehouse_id.id,
                    "location_id": store.warehouse_id.lot_stock_id.id,
                    "product_id": product.id,
                    "trigger": "manual",
                    "product_min_qty": sellable.get((product.id, store.id), 0) + 12,
                    "product_max_qty": sellable.get((product.id, store.id), 0) + 36,
                }
                for store in stores
                for product in products
            ]
        )
        Suggestion = self.env["chain.replenish.suggestion"]
        suggestions = Suggestion._chain_compute_suggestions(stores, products)
        if not suggestions:
            return self.browse()
        available = suggestions.product_id._chain_sellable_qty(dc)
        counts = {}
        for line in suggestions:
            counts.setdefault(line.product_id, set()).add(line.store_id.id)
        # the product most stores ask for and the DC holds, to share among them
        product = max(
            (p for p in counts if available.get((p.id, dc.id), 0) > 0),
            key=lambda p: (len(counts[p]), -p.id),
            default=None,
        )
        if product:
            short = suggestions.filtered(lambda line: line.product_id == product)
            dc_qty = available[product.id, dc.id]
            for line in short:
                pack = line.pack_qty or 1.0
                line.qty = (dc_qty // len(short) // pack + 1) * pack * 2
        suggestions.action_submit()
        orders = self.env["stock.request.order"].search([("chain_store_id", "in", stores.ids)])
        orders.filtered(lambda o: o.chain_state == "to_approve").action_approve()
        allocation = self.create({"dc_id": dc.id, "note": DEMO_NOTE})
        allocation.action_load_requests()
        allocation.action_allocate()
        allocation.action_submit()
        if allocation.state == "to_approve":
            allocation.action_approve()
        allocation.action_done()
        return allocation
