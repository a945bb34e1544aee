from odoo import _, models


class ProductTemplate(models.Model):
    _inherit = "product.template"

    def action_chain_view_store_stock(self):
        """Open the on-hand quantity of these products in each store."""
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_store.chain_store_stock_report_action")
        action["domain"] = [("product_tmpl_id", "in", self.ids)]
        action["context"] = {"search_default_group_store": 1}
        action["name"] = _("Stock per Store")
        return action
