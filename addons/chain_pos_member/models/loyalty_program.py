from odoo import _, api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"
    _chain_guarded_fields = {}  # a flag set when the program is created by _chain_member_program

    chain_member_points = fields.Boolean(
        string="Chain Member Points",
        readonly=True,
        copy=False,
        help="The cards of this program mirror the members' points ledger: their points are the ledger "
        "balance and change only with it.",
    )

    @api.model
    def _chain_member_program(self, company):
        """The company's "Member points" program, created if missing.

        A loyalty program without rules nor rewards: the POS earns and spends
        nothing through it (points are earned and redeemed on the member's ledger,
        server-side); its cards only show each member's balance where Odoo shows
        loyalty points (the till, the customer's portal).
        """
        # sudo: the program is the chain's configuration; cashiers never create it
        Program = self.sudo().with_context(active_test=False)
        program = Program.search([("chain_member_points", "=", True), ("company_id", "=", company.id)], limit=1)
        if not program:
            vals = self._chain_member_program_vals(company)
            program = Program.with_context(loyalty_skip_reward_check=True).create(vals)
        return program

    @api.model
    def _chain_member_program_vals(self, company):
        return {
            "name": _("Member points"),
            "program_type": "loyalty",
            "applies_on": "both",
            "trigger": "auto",
            "company_id": company.id,
            "chain_member_points": True,
            "pos_ok": True,
            "portal_visible": True,
            "portal_point_name": _("Member points"),
            "rule_ids": [(5, 0, 0)],
            "reward_ids": [(5, 0, 0)],
            "communication_plan_ids": [(5, 0, 0)],
        }
