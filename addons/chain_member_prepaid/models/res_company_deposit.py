from odoo import Command, _, fields, models

FORFEIT_ACCOUNT_CODE = "630101"


class ResCompany(models.Model):
    """The company rules of formula deposits and service cards."""

    _inherit = "res.company"
    _chain_guarded_fields = {}  # configuration, under the company's ACL

    chain_deposit_expiry_months = fields.Integer(
        string="Deposit Validity (months)",
        default=12,
        help="A formula deposit may be picked up during this many months after its sale.",
    )
    chain_prepaid_forfeit_account_id = fields.Many2one(
        "account.account",
        string="Forfeited Prepayments Account",
        help="Income of what an expired deposit or service card left, when a chain manager forfeits it.",
    )

    def _chain_prepaid_setup(self):
        result = super()._chain_prepaid_setup()
        for company in self.filtered("chart_template"):
            company._chain_deposit_product()
        return result

    def _chain_deposit_product(self):
        """The product of the deposit lines of the till: a service sold into the formula-deposit
        liability account, created if missing (one per company)."""
        self.ensure_one()
        # sudo: set up once for the company, whoever sells the first deposit
        Product = self.env["product.product"].sudo().with_company(self)
        product = Product.search(
            [("chain_prepaid_kind", "=", "deposit"), ("company_id", "in", (self.id, False))], limit=1
        )
        if not product:
            product = Product.create(
                {
                    "name": _("Formula deposit"),
                    "type": "service",
                    "chain_prepaid_kind": "deposit",
                    "list_price": 0.0,
                    "available_in_pos": True,
                    "sale_ok": True,
                    "purchase_ok": False,
                    "taxes_id": [Command.clear()],
                    "supplier_taxes_id": [Command.clear()],
                    "company_id": self.id,
                    "property_account_income_id": self._chain_prepaid_account("deposit").id,
                }
            )
            if self.env["res.lang"]._lang_get("zh_CN"):
                product.product_tmpl_id.update_field_translations("name", {"zh_CN": "奶粉寄存"})
        return product.with_env(self.env)

    def _chain_prepaid_forfeit_account(self):
        """The income account of forfeited prepayments, created if missing."""
        self.ensure_one()
        company = self.sudo()  # sudo: see _chain_deposit_product
        if not company.chain_prepaid_forfeit_account_id:
            company.chain_prepaid_forfeit_account_id = company._chain_create_account(
                FORFEIT_ACCOUNT_CODE, "Other income — forfeited prepayments", "其他收入—逾期预收款", "income_other"
            )
        return self.chain_prepaid_forfeit_account_id

    def _chain_prepaid_forfeit_move(self, kind, amount, label):
        """A posted move taking ``amount`` off the liability account of ``kind`` into income."""
        self.ensure_one()
        # sudo: a chain manager's decision, booked whatever their accounting rights
        Move = self.env["account.move"].sudo().with_company(self)
        journal = (
            self.env["account.journal"].sudo().search([("type", "=", "general"), ("company_id", "=", self.id)], limit=1)
        )
        move = Move.create(
            {
                "move_type": "entry",
                "journal_id": journal.id,
                "ref": label,
                "line_ids": [
                    Command.create(
                        {"name": label, "account_id": self._chain_prepaid_account(kind).id, "debit": amount}
                    ),
                    Command.create(
                        {"name": label, "account_id": self._chain_prepaid_forfeit_account().id, "credit": amount}
                    ),
                ],
            }
        )
        move.action_post()
        return move
