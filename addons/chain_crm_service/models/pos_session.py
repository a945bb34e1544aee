from odoo import models


class PosSession(models.Model):
    """The till gets the case categories with its session, for the Complaint button."""

    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        result["data"][0]["_chain_case_categories"] = self._chain_case_categories()
        return result

    def _chain_case_categories(self):
        """``[{id, name, kind}]`` of the active case categories of the till's company."""
        # sudo: names of the categories shown on the till (a cashier may hold no helpdesk right)
        Category = self.env["helpdesk.ticket.category"].sudo()
        domain = [("company_id", "in", [False, self.config_id.company_id.id])]
        return [
            {"id": category.id, "name": category.name, "kind": category.chain_kind or ""}
            for category in Category.search(domain)
        ]
