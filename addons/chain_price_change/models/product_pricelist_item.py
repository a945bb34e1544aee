from odoo import api, fields, models


class ProductPricelistItem(models.Model):
    _inherit = "product.pricelist.item"
    _chain_guarded_fields = {}  # adds no field (logs hand edits)

    @api.model_create_multi
    def create(self, vals_list):
        items = super().create(vals_list)
        items._chain_log_hand_edits({})
        return items

    def write(self, vals):
        """Log fixed prices set by hand in a store or region pricelist in the price history
        (price changes log their own, with their reference)."""
        if not {"fixed_price", "compute_price"} & set(vals):
            return super().write(vals)
        old_prices = {item.id: item.fixed_price for item in self if item.compute_price == "fixed"}
        res = super().write(vals)
        self._chain_log_hand_edits(old_prices)
        return res

    def _chain_log_hand_edits(self, old_prices):
        """History rows for the fixed product prices of ``self`` in store/region pricelists;
        ``old_prices`` = {item id: fixed price before}, missing for new items (no old price)."""
        if self.env.context.get("chain_price_change_id"):
            return
        items = self.filtered(
            lambda i: i.compute_price == "fixed" and i.applied_on in ("0_product_variant", "1_product")
        )
        if not items:
            return
        # sudo: which store or region uses a pricelist decides where the history row is visible
        stores = self.env["chain.store"].sudo().search([("pricelist_id", "in", items.pricelist_id.ids)])
        regions = self.env["chain.store.region"].sudo().search([("pricelist_id", "in", items.pricelist_id.ids)])
        rows = []
        for item in items:
            store = stores.filtered(lambda s, i=item: s.pricelist_id == i.pricelist_id)[:1]
            region = regions.filtered(lambda r, i=item: r.pricelist_id == i.pricelist_id)[:1]
            old = old_prices.get(item.id)
            unchanged = old is not None and item.currency_id.compare_amounts(old, item.fixed_price) == 0
            if not (store or region) or unchanged:
                continue
            rows.append(
                {
                    "product_tmpl_id": item.product_tmpl_id.id or item.product_id.product_tmpl_id.id,
                    "product_id": item.product_id.id,
                    "scope": "pricelist",
                    "pricelist_id": item.pricelist_id.id,
                    "store_id": store.id,
                    "region_id": region.id if not store else False,
                    "old_price": old or 0.0,
                    "new_price": item.fixed_price,
                    "effective_date": item.date_start.date() if item.date_start else fields.Date.context_today(self),
                    "company_id": item.company_id.id or self.env.company.id,
                }
            )
        if rows:
            self.env["chain.price.history"]._record(rows)
