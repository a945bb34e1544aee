from odoo import fields, models


class ProductTemplate(models.Model):
    _inherit = "product.template"
    _chain_guarded_fields = {}  # adds the history link only

    chain_price_history_ids = fields.One2many("chain.price.history", "product_tmpl_id", string="Price History")
    chain_price_history_count = fields.Integer(compute="_compute_chain_price_history_count", string="Price Changes")

    def _compute_chain_price_history_count(self):
        # sudo: a count for the smart button; the list it opens goes through the access rights
        groups = (
            self.env["chain.price.history"]
            .sudo()
            ._read_group([("product_tmpl_id", "in", self.ids)], ["product_tmpl_id"], ["__count"])
        )
        counts = {template.id: count for template, count in groups}
        for template in self:
            template.chain_price_history_count = counts.get(template.id, 0)

    def write(self, vals):
        """Log every list price change in the price history, by hand or by a price change (the
        context key ``chain_price_change_id`` then names it)."""
        if "list_price" not in vals:
            return super().write(vals)
        old_prices = {template.id: template.list_price for template in self}
        res = super().write(vals)
        change = self.env["chain.price.change"].browse(self.env.context.get("chain_price_change_id"))
        rows = [
            {
                "product_tmpl_id": template.id,
                "product_id": template.product_variant_id.id if template.product_variant_count == 1 else False,
                "scope": "list_price",
                "old_price": old_prices[template.id],
                "new_price": template.list_price,
                "effective_date": change.effective_date or fields.Date.context_today(self),
                "change_id": change.id,
                "user_id": (change.approved_by_id or change.user_id or self.env.user).id,
                "company_id": template.company_id.id or self.env.company.id,
            }
            for template in self
            if template.currency_id.compare_amounts(old_prices[template.id], template.list_price) != 0
        ]
        if rows:
            self.env["chain.price.history"]._record(rows)
        return res

    def action_chain_price_history(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_price_change.chain_price_history_action")
        action["domain"] = [("product_tmpl_id", "=", self.id)]
        action["context"] = {"search_default_group_by_scope": 0}
        return action
