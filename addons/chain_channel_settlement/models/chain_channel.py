# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.chain_channel.lib.errors import ChannelError

_logger = logging.getLogger(__name__)

ACCOUNTANT = "account.group_account_manager"
BOOKKEEPER = "account.group_account_user"
# lines per page asked of a platform's settlement API
SETTLEMENT_PAGE_SIZE = 100
# pages pulled at most per call (a runaway API that always says "more")
SETTLEMENT_MAX_PAGES = 2000
MANAGER = "chain_channel.group_channel_manager"
# (field, code prefix, name, account type, reconcile)
SETUP_ACCOUNTS = (
    ("chain_wallet_account_id", "1012", "Platform wallet", "asset_cash", False),
    ("chain_payout_account_id", "1013", "Platform payouts in transit", "asset_current", True),
    ("chain_commission_account_id", "6601", "Platform commission", "expense", False),
    ("chain_service_fee_account_id", "6602", "Platform service fees", "expense", False),
    ("chain_freight_insurance_account_id", "6603", "Freight insurance", "expense", False),
    ("chain_subsidy_account_id", "6051", "Platform subsidies", "income_other", False),
    ("chain_refund_account_id", "6604", "Platform refunds", "expense", False),
)
# settlement line kind -> the channel's account field
KIND_ACCOUNT_FIELDS = {
    "commission": "chain_commission_account_id",
    "service_fee": "chain_service_fee_account_id",
    "freight_insurance": "chain_freight_insurance_account_id",
    "subsidy": "chain_subsidy_account_id",
    "refund": "chain_refund_account_id",
    "payout": "chain_payout_account_id",
}


class ChainChannel(models.Model):
    _inherit = "chain.channel"
    _chain_guarded_fields = {}  # settlement configuration: channel managers and accountants (access rights)

    chain_settlement_partner_id = fields.Many2one(
        "res.partner",
        string="Platform (Paying Party)",
        help="The platform as a partner: channel orders are invoiced to it, and it pays them into the wallet.",
    )
    chain_wallet_journal_id = fields.Many2one(
        "account.journal",
        string="Platform Wallet Journal",
        domain="[('type', '=', 'bank'), ('company_id', '=', company_id)]",
        help="A bank-type journal of what the platform holds for the shop: settlements are posted in it.",
    )
    chain_wallet_account_id = fields.Many2one(
        "account.account", related="chain_wallet_journal_id.default_account_id", string="Wallet Account"
    )
    chain_payout_account_id = fields.Many2one(
        "account.account",
        string="Payouts in Transit",
        help="A payout leaves the wallet for this account; the bank statement line that receives it clears it.",
    )
    chain_commission_account_id = fields.Many2one("account.account", string="Commission Account")
    chain_service_fee_account_id = fields.Many2one("account.account", string="Service Fee Account")
    chain_freight_insurance_account_id = fields.Many2one("account.account", string="Freight Insurance Account")
    chain_subsidy_account_id = fields.Many2one("account.account", string="Subsidy Income Account")
    chain_refund_account_id = fields.Many2one("account.account", string="Refund Account")
    analytic_account_id = fields.Many2one(
        "account.analytic.account",
        string="Analytic Account",
        help='The channel shop in the analytic plan "Stores": its sales and platform fees land on it.',
    )
    chain_invoice_policy = fields.Selection(
        [("shipment", "On shipment"), ("completion", "On platform completion")],
        string="Invoice Channel Orders",
        default="shipment",
        required=True,
        help="On shipment: when the delivery is validated. On platform completion: when the platform reports "
        "the order completed (the buyer confirmed receipt).",
    )
    chain_commission_rate = fields.Float(
        string="Commission Rate (%)",
        help="The platform's commission by contract; a settlement's commission that differs stays unmatched "
        "(fee mismatch). 0: not checked.",
    )

    @api.constrains("chain_commission_rate")
    def _check_chain_commission_rate(self):
        for channel in self:
            if not 0 <= channel.chain_commission_rate <= 100:
                raise UserError(_("The commission rate of channel %s must be between 0 and 100.", channel.name))

    def _chain_check_settlement_admin(self):
        """Raise AccessError unless the user manages channels or accounting."""
        if self.env.su or any(self.env.user.has_group(group) for group in (BOOKKEEPER, ACCOUNTANT, MANAGER)):
            return
        raise AccessError(_("Only a channel manager or an accountant may see or pull the settlements of a channel."))

    def _chain_settlement_ready(self):
        """Raise UserError when the channel lacks what settlements need."""
        for channel in self:
            if not (channel.chain_settlement_partner_id and channel.chain_wallet_journal_id):
                raise UserError(
                    _(
                        "Channel %s has no platform partner or wallet journal: use Set Up Settlements first.",
                        channel.name,
                    )
                )

    def action_chain_settlement_setup(self):
        """Give each channel what its settlements need and it lacks: the platform partner, the
        wallet journal and its account, the payout and fee accounts, and its analytic account in
        the plan "Stores". Existing settings are kept."""
        self._chain_check_settlement_admin()
        if not self.env.user.has_group(ACCOUNTANT) and not self.env.su:
            raise AccessError(_("Only an accountant may create the accounts and journal of a channel."))
        for channel in self:
            # sudo: accounts, journals and analytic accounts are created by the accountant's action, checked above
            channel.sudo()._chain_settlement_setup_one()
        return True

    def _chain_settlement_setup_one(self):
        self.ensure_one()
        company = self.company_id
        Account = self.env["account.account"].with_company(company)
        vals = {}
        if not self.chain_settlement_partner_id:
            vals["chain_settlement_partner_id"] = (
                self.env["res.partner"].create({"name": self.name, "is_company": True, "company_id": company.id}).id
            )
        for field, prefix, name, account_type, reconcile in SETUP_ACCOUNTS:
            if field == "chain_wallet_account_id" or self[field]:
                continue
            vals[field] = Account.create(
                {
                    "name": f"{name} - {self.name}",
                    "code": self._chain_free_code(prefix),
                    "account_type": account_type,
                    "reconcile": reconcile,
                }
            ).id
        if not self.chain_wallet_journal_id:
            account = Account.create(
                {
                    "name": f"Platform wallet - {self.name}",
                    "code": self._chain_free_code("1012"),
                    "account_type": "asset_cash",
                }
            )
            vals["chain_wallet_journal_id"] = (
                self.env["account.journal"]
                .create(
                    {
                        "name": _("Wallet %s", self.name),
                        "type": "bank",
                        "code": self._chain_free_journal_code(),
                        "company_id": company.id,
                        "default_account_id": account.id,
                    }
                )
                .id
            )
        if not self.analytic_account_id:
            plan = self.env.ref("chain_account_store.account_analytic_plan_stores")
            vals["analytic_account_id"] = (
                self.env["account.analytic.account"]
                .create({"name": self.name, "plan_id": plan.id, "company_id": company.id})
                .id
            )
        if vals:
            self.write(vals)

    def _chain_free_code(self, prefix):
        Account = self.env["account.account"].with_company(self.company_id)
        for number in range(1, 1000):
            code = f"{prefix}{number:03d}"
            if not Account.search_count([("code", "=", code)], limit=1):
                return code
        raise UserError(_("No free account code under %s.", prefix))

    def _chain_free_journal_code(self):
        Journal = self.env["account.journal"]
        for number in range(1, 1000):
            code = f"PW{number:03d}"
            if not Journal.search_count([("code", "=", code), ("company_id", "=", self.company_id.id)], limit=1):
                return code
        raise UserError(_("No free journal code for the wallet."))

    def _chain_kind_account(self, kind):
        """The account of settlement lines of ``kind`` (fees, subsidies, refunds, payouts)."""
        return self[KIND_ACCOUNT_FIELDS[kind]]

    def chain_wallet_balance(self):
        """What the platform still owes the shop, by the books and by the settlements:
        ``{channel id: {"wallet": balance of the wallet account, "settled": sum of the posted
        settlement lines, "unmatched": sum of the lines still unmatched, "receivable": open
        invoices of the channel (not settled yet)}}``. ``wallet == settled`` ties the wallet
        journal out against the platform's statements."""
        self._chain_check_settlement_admin()
        result = {}
        # sudo: totals for an accountant or channel manager (checked above), across the accounting documents
        for channel in self.sudo():
            wallet = channel.chain_wallet_account_id
            balance = 0.0
            if wallet:
                groups = self.env["account.move.line"]._read_group(
                    [("account_id", "=", wallet.id), ("parent_state", "=", "posted")], [], ["balance:sum"]
                )
                balance = groups[0][0] or 0.0
            lines = self.env["chain.channel.settlement.line"]._read_group(
                [("channel_id", "=", channel.id)], ["state"], ["amount:sum"]
            )
            by_state = dict(lines)
            invoices = self.env["account.move"]._read_group(
                [
                    ("chain_channel_id", "=", channel.id),
                    ("move_type", "=", "out_invoice"),
                    ("state", "=", "posted"),
                ],
                [],
                ["amount_residual:sum"],
            )
            result[channel.id] = {
                "wallet": channel.company_id.currency_id.round(balance),
                "settled": channel.company_id.currency_id.round(
                    by_state.get("posted", 0.0) + by_state.get("done", 0.0)
                ),
                "unmatched": channel.company_id.currency_id.round(by_state.get("unmatched", 0.0)),
                "receivable": channel.company_id.currency_id.round(invoices[0][0] or 0.0),
            }
        return result

    # ------------------------------------------------------------------ API pull
    def action_chain_settlement_pull(self):
        """Pull yesterday's fund flow (Beijing day) from the platform's API into a settlement."""
        self._chain_check_settlement_admin()
        now = fields.Datetime.now()
        # the platform's day is Beijing's: midnight there is 16:00 UTC the day before
        end = (now + timedelta(hours=8)).replace(hour=0, minute=0, second=0, microsecond=0) - timedelta(hours=8)
        for channel in self:
            try:
                channel._chain_settlement_pull(end - timedelta(days=1), end)
            except NotImplementedError:
                raise UserError(
                    _("The platform of channel %s has no settlement API: import its file instead.", channel.name)
                ) from None
            except ChannelError as error:
                raise UserError(
                    _(
                        "The platform refused the settlement pull of channel %(channel)s: %(error)s",
                        channel=channel.name,
                        error=error,
                    )
                ) from None
        return True

    def _chain_settlement_pull(self, start, end):
        """Pull the fund flow of ``[start, end)`` page by page and import it (a line pulled before
        is skipped by its key); the settlement made (empty when nothing was new)."""
        self.ensure_one()
        self._chain_settlement_ready()
        adapter = self._adapter()
        lines, page, has_next = [], 1, True
        while has_next and page <= SETTLEMENT_MAX_PAGES:
            found, has_next = adapter.fetch_settlement(self, start, end, page, SETTLEMENT_PAGE_SIZE)
            lines += found
            page += 1
        if not lines:
            return self.env["chain.channel.settlement"]
        name = _(
            "%(channel)s fund flow %(day)s",
            channel=self.name,
            day=fields.Date.to_string((start + timedelta(hours=8)).date()),
        )
        return self.env["chain.channel.settlement"]._chain_import(
            self, lines, name, source="api", when=(start + timedelta(hours=8)).date()
        )

    @api.model
    def _cron_chain_settlement_pull(self):
        """Daily: pull yesterday's fund flow of every channel whose platform has the API."""
        for channel in self.search([("chain_wallet_journal_id", "!=", False), ("active", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    channel.action_chain_settlement_pull()
            except UserError as error:
                _logger.info("Channel %s: settlement not pulled: %s", channel.id, error)
        return True
