from odoo import _, api, fields, models


class LoyaltyProgram(models.Model):
    _inherit = "loyalty.program"
    _chain_guarded_fields = {}  # a flag set when the program is created by _chain_wallet_program

    chain_wallet = fields.Boolean(
        string="Chain Stored Value",
        readonly=True,
        copy=False,
        help="The company's stored-value eWallet: its cards mirror the members' stored-value ledger "
        "(principal and bonus) and change only with it.",
    )

    @api.model
    def _chain_wallet_program(self, company):
        """The company's "Stored value" eWallet program, created if missing.

        An Odoo eWallet whose trigger products are the company's top-up products
        and whose cards show each member's stored value (principal + bonus)
        where Odoo shows eWallet balances (back office, customer portal). It is
        not loaded in the till (``pos_ok`` off): Odoo's eWallet button would
        spend a balance without the member's proof; the till tops up and pays
        through this addon's stored-value desk, checked by the server.
        """
        # sudo: the program is the chain's configuration; cashiers never create it
        Program = self.sudo().with_context(active_test=False)
        program = Program.search([("chain_wallet", "=", True), ("company_id", "=", company.id)], limit=1)
        if not program:
            program = Program.with_context(loyalty_skip_reward_check=True).create(
                self._chain_wallet_program_vals(company)
            )
        return program

    @api.model
    def _chain_wallet_program_vals(self, company):
        # sudo: the company's top-up products, whoever creates the program
        topups = (
            self.env["product.product"]
            .sudo()
            .search([("chain_prepaid_kind", "=", "wallet_topup"), ("company_id", "in", (False, company.id))])
        )
        return {
            "name": _("Stored value"),
            "program_type": "ewallet",
            "trigger": "auto",
            "applies_on": "future",
            "company_id": company.id,
            "currency_id": company.currency_id.id,
            "chain_wallet": True,
            "pos_ok": False,
            "portal_visible": True,
            "portal_point_name": company.currency_id.symbol,
            "rule_ids": [
                (5, 0, 0),
                (
                    0,
                    0,
                    {
                        "reward_point_amount": 1,
                        "reward_point_mode": "money",
                        "reward_point_split": False,
                        "product_ids": [(6, 0, topups.ids)],
                    },
                ),
            ],
            "reward_ids": [
                (5, 0, 0),
                (
                    0,
                    0,
                    {
                        "reward_type": "discount",
                        "discount_mode": "per_point",
                        "discount": 1,
                        "discount_applicability": "order",
                        "required_points": 1,
                        "description": _("Stored value"),
                    },
                ),
            ],
            "communication_plan_ids": [(5, 0, 0)],
        }

    @api.model
    def _chain_wallet_add_trigger_products(self, products):
        """Make ``products`` (top-up products) trigger products of their company's stored-value program."""
        for product in products:
            # sudo: a product shared by every company triggers each company's program
            companies = product.company_id or self.env["res.company"].sudo().search([("active", "=", True)])
            for company in companies:
                program = self._chain_wallet_program(company)
                rule = program.rule_ids[:1]
                if rule and product not in rule.product_ids:
                    rule.product_ids = [(4, product.id)]
