from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"
    _chain_guarded_fields = {}  # a computed flag, never stored nor written

    chain_is_member = fields.Boolean(
        string="Is a Member",
        compute="_compute_chain_is_member",
        search="_search_chain_is_member",
        help="The contact, or its company, is a member's contact: its orders are members' sales.",
    )

    def _compute_chain_is_member(self):
        # sudo: a flag only; the member itself stays behind its store rules
        members = self.env["chain.member"].sudo().with_context(active_test=False)
        partners = members.search([("partner_id", "in", self.commercial_partner_id.ids)]).partner_id
        for partner in self:
            partner.chain_is_member = partner.commercial_partner_id in partners

    def _search_chain_is_member(self, operator, value):
        if operator not in ("=", "!=") or not isinstance(value, bool):
            raise UserError(_("Search members' contacts with “is set” or “is not set”."))
        positive = (operator == "=") == value
        self.env["chain.member"].flush_model(["partner_id"])
        self.flush_model(["commercial_partner_id"])
        members = SQL(
            "SELECT member_contact.id FROM res_partner member_contact"
            " JOIN chain_member ON chain_member.partner_id = member_contact.commercial_partner_id"
        )
        return [("id", "in" if positive else "not in", SQL("(%s)", members))]
