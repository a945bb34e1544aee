from odoo import Command, _, api, fields, models
from odoo.exceptions import UserError

# kind -> (company field, code the account is created from, its name in English and Chinese)
PREPAID_ACCOUNTS = {
    "wallet_topup": ("chain_prepaid_wallet_account_id", "220301", "stored value", "储值"),
    "deposit": ("chain_prepaid_deposit_account_id", "220302", "formula deposits", "奶粉寄存"),
    "service_card": ("chain_prepaid_service_card_account_id", "220303", "service cards", "次卡"),
}
BONUS_ACCOUNT_CODE = "600190"
FORFEIT_ACCOUNT_CODE = "630101"
LIABILITY_DOMAIN = [("account_type", "in", ("liability_current", "liability_non_current"))]


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # accounting configuration of the prepayments, under the company's ACL

    chain_prepaid_wallet_account_id = fields.Many2one(
        "account.account",
        string="Stored Value Liability Account",
        domain=LIABILITY_DOMAIN,
        help="Customer deposits of stored value: credited by top-ups, debited by their use and refunds.",
    )
    chain_prepaid_deposit_account_id = fields.Many2one(
        "account.account",
        string="Formula Deposit Liability Account",
        domain=LIABILITY_DOMAIN,
        help="Customer deposits of formula: credited when a deposit is sold, debited at each pickup.",
    )
    chain_prepaid_service_card_account_id = fields.Many2one(
        "account.account",
        string="Service Card Liability Account",
        domain=LIABILITY_DOMAIN,
        help="Customer deposits of service count cards: credited when a card is sold, debited at each use.",
    )
    chain_wallet_bonus_account_id = fields.Many2one(
        "account.account",
        string="Stored Value Bonus Account",
        help="Where the bonus part of a stored-value payment goes (a sales discount): the bonus is "
        "given for free at the top-up, so it is no liability; it discounts the sale it pays.",
    )
    chain_wallet_bonus_use = fields.Selection(
        [("pro_rata", "Pro rata"), ("last", "Bonus last")],
        string="Bonus Use",
        default="pro_rata",
        required=True,
        help="Pro rata: each payment with stored value uses principal and bonus in proportion of the "
        "member's balances. Bonus last: the principal is used first, the bonus once it is spent.",
    )

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

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        companies._chain_prepaid_setup()
        return companies

    def _chain_prepaid_setup(self):
        """Create what the prepayments need in each company: the liability accounts, the bonus
        account and the stored-value program (when it has a chart of accounts)."""
        for company in self:
            if not company.chart_template:
                continue  # accounts are created when the chart is loaded (see account.chart.template)
            for kind in PREPAID_ACCOUNTS:
                company._chain_prepaid_account(kind)
            company._chain_wallet_bonus_account()
            company._chain_prepaid_set_product_accounts()
            company._chain_deposit_product()
            self.env["loyalty.program"]._chain_wallet_program(company)
        return True

    def _chain_prepaid_set_product_accounts(self):
        """Give the company's income account of the shared prepayment products (and of the
        stored-value payment lines) its customer-deposit accounts, where none is set."""
        self.ensure_one()
        # sudo: the company's accounting set-up, at install or when the company is made
        Product = self.env["product.template"].sudo().with_company(self)
        accounts = {}
        for template in Product.search([("chain_prepaid_kind", "!=", False), ("company_id", "in", (False, self.id))]):
            accounts[template] = self._chain_prepaid_account(template.chain_prepaid_kind)
        pay = self.env.ref("chain_member_prepaid.product_wallet_payment", raise_if_not_found=False)
        bonus = self.env.ref("chain_member_prepaid.product_wallet_bonus", raise_if_not_found=False)
        if pay and bonus:
            accounts[Product.browse(pay.product_tmpl_id.id)] = self._chain_prepaid_account("wallet_topup")
            accounts[Product.browse(bonus.product_tmpl_id.id)] = self._chain_wallet_bonus_account()
        for template, account in accounts.items():
            if not template.property_account_income_id:
                template.property_account_income_id = account

    def _chain_prepaid_account(self, kind):
        """The customer-deposit liability account of ``kind`` (a ``chain_prepaid_kind``), created if missing.

        Raises ``UserError`` for an unknown kind.
        """
        self.ensure_one()
        if kind not in PREPAID_ACCOUNTS:
            raise UserError(_("Unknown prepayment kind: %s", kind))
        fname, code, name_en, name_cn = PREPAID_ACCOUNTS[kind]
        # sudo: the accounts are set up once for the company, whoever sells the first prepayment
        company = self.sudo()
        if not company[fname]:
            company[fname] = company._chain_create_account(
                code, f"Customer deposits — {name_en}", f"预收账款—{name_cn}", "liability_current"
            )
        return self[fname]

    def _chain_wallet_bonus_account(self):
        """The account of the bonus part of stored-value payments ("Sales discounts"), created if missing."""
        self.ensure_one()
        company = self.sudo()  # sudo: see _chain_prepaid_account
        if not company.chain_wallet_bonus_account_id:
            # a contra-revenue account: income type, debited by the bonus used
            company.chain_wallet_bonus_account_id = company._chain_create_account(
                BONUS_ACCOUNT_CODE, "Sales discounts — stored value bonus", "销售折扣—储值赠送", "income"
            )
        return self.chain_wallet_bonus_account_id

    def _chain_create_account(self, start_code, name_en, name_cn, account_type):
        self.ensure_one()
        Account = self.env["account.account"].sudo().with_company(self)  # sudo: see _chain_prepaid_account
        code = Account._search_new_account_code(start_code, cache=set())
        account = Account.create(
            {"code": code, "name": name_en, "account_type": account_type, "company_ids": [(6, 0, self.ids)]}
        )
        if self.env["res.lang"]._lang_get("zh_CN"):
            account.update_field_translations("name", {"zh_CN": name_cn})
        return account

    # ------------------------------------------------------------------
    # Formula deposits and service cards
    # ------------------------------------------------------------------
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
