# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from datetime import UTC, datetime, time, timedelta

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from ..lib import bill
from ..lib import pay_result as pr
from ..lib.sim_bill import CHINA

_logger = logging.getLogger(__name__)

STATES = [
    ("new", "To Download"),
    ("balanced", "Balanced"),
    ("difference", "Differences"),
    ("error", "Error"),
]
# the providers' answers for a day without any movement: an empty bill, not an error
NO_BILL_CODES = {"20002", "isp.bill_not_exist", "ISP.BILL_NOT_EXIST"}
NO_BILL_MESSAGES = ("No Bill Exist", "账单不存在")
# who may download a bill and reconcile it (besides the chain managers)
RECONCILE_GROUPS = ("account.group_account_user", "point_of_sale.group_pos_manager", "chain_store.group_chain_manager")
COUNT_FIELDS = ("matched_count", "missing_count", "extra_count", "amount_count")
BILL_TIMEOUT = 60  # seconds: a busy merchant's day is a file of megabytes, not a payment's short answer


def _yuan(fen):
    return fen / 100


def _net_fen(movements):
    return sum(m["amount_fen"] if m["kind"] == "pay" else -m["amount_fen"] for m in movements)


class ChainPayCnStatement(models.Model):
    """The daily statement (对账单) of one WeChat Pay / Alipay account: the provider's bill of a
    day (China time, the providers' clock) compared line by line with our POS payments and
    refunds of that day.

    :meth:`_chain_reconcile` downloads the bill through the account's client, reads it
    (``lib/bill.py``), gathers ours set-based, and writes one line per movement: *matched*,
    *missing* from the bill (we have it, the provider does not), *extra* in the bill (the
    provider has it, no POS payment) or *amount* differs. Each difference gets one to-do for
    the account's reconciling accountant (else the store manager). A bad bill, a provider error
    or a network failure leaves the statement in *error* with the reason; nothing raises.
    Re-running a day updates its lines in place: a movement keeps its line and its to-do.
    """

    _name = "chain.pay.cn.statement"
    _description = "WeChat Pay / Alipay Daily Statement"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _rec_name = "name"
    # written by the reconciliation only (run as superuser after the caller's rights are checked)
    _chain_guarded_fields = dict.fromkeys(
        ("state", "error_message", "download_date", "bill_total", "pos_total", *COUNT_FIELDS),
        ("action_download_reconcile", "_chain_reconcile"),
    )
    _chain_store_field = "store_id"

    name = fields.Char(compute="_compute_name", store=True, compute_sudo=True)
    account_id = fields.Many2one(
        "chain.pay.cn.account", string="Account", required=True, index=True, ondelete="cascade",
        tracking=True,
    )  # fmt: skip
    provider = fields.Selection(related="account_id.provider", store=True, index=True)
    company_id = fields.Many2one(related="account_id.company_id", store=True, index=True)
    store_id = fields.Many2one(
        related="account_id.store_id", store=True, index=True,
        help="The store of the account; empty for a company account (its lines name their stores).",
    )  # fmt: skip
    currency_id = fields.Many2one(related="company_id.currency_id")
    date = fields.Date(
        string="Bill Date", required=True, index=True, tracking=True,
        default=lambda self: self._chain_china_today() - timedelta(days=1),
        help="The day of the provider's bill (China time, 00:00 to 24:00).",
    )  # fmt: skip
    state = fields.Selection(STATES, required=True, default="new", readonly=True, copy=False, index=True,
                             tracking=True)  # fmt: skip
    error_message = fields.Text(string="Error", readonly=True, copy=False)
    download_date = fields.Datetime(string="Downloaded On", readonly=True, copy=False)
    line_ids = fields.One2many("chain.pay.cn.statement.line", "statement_id", string="Lines", readonly=True)
    matched_count = fields.Integer(string="Matched", readonly=True, copy=False)
    missing_count = fields.Integer(string="Missing in Bill", readonly=True, copy=False)
    extra_count = fields.Integer(string="Extra in Bill", readonly=True, copy=False)
    amount_count = fields.Integer(string="Amount Differs", readonly=True, copy=False)
    difference_count = fields.Integer(compute="_compute_difference_count", string="Differences", store=True)
    bill_total = fields.Monetary(string="Bill Net Total", readonly=True, copy=False,
                                 help="Payments minus refunds in the provider's bill.")  # fmt: skip
    pos_total = fields.Monetary(string="POS Net Total", readonly=True, copy=False,
                                help="Our payments minus refunds of the day.")  # fmt: skip
    accountant_id = fields.Many2one(
        "res.users", compute="_compute_accountant_id", compute_sudo=True, string="Reconciling Accountant"
    )

    _sql_constraints = [
        ("account_date_uniq", "unique(account_id, date)", "There is already a statement of this account for this day."),
    ]

    @api.depends("account_id.display_name", "date", "provider")
    def _compute_name(self):
        labels = dict(self._fields["provider"]._description_selection(self.env))
        for statement in self:
            statement.name = "{} {} {}".format(
                labels.get(statement.provider, ""), statement.date or "", statement.account_id.display_name or ""
            ).strip()

    @api.depends(*COUNT_FIELDS)
    def _compute_difference_count(self):
        for statement in self:
            statement.difference_count = statement.missing_count + statement.extra_count + statement.amount_count

    @api.depends("account_id.chain_statement_user_id", "store_id.manager_id")
    def _compute_accountant_id(self):
        for statement in self:
            statement.accountant_id = statement.account_id.chain_statement_user_id or statement.store_id.manager_id

    def write(self, vals):
        if {"account_id", "date"} & set(vals) and any(s.state != "new" for s in self):
            raise UserError(_("The account and day of a downloaded statement cannot change: create another one."))
        return super().write(vals)

    def unlink(self):
        # the lines' to-dos go with them (an SQL cascade would leave them behind)
        # sudo: the lines are read-only to every user; the statement's unlink right was checked
        self.sudo().line_ids.unlink()
        return super().unlink()

    # ------------------------------------------------------------------ entry points
    @api.model
    def _cron_chain_reconcile(self, day=None):
        """Cron *WeChat Pay / Alipay: daily statements*: yesterday's bill (China time) of every
        active account. Each account is reconciled in a savepoint of its own: one failing is
        recorded on its statement and the cron goes on with the next."""
        day = day or self._chain_china_today() - timedelta(days=1)
        accounts = self.env["chain.pay.cn.account"].search([("active", "=", True)])
        statements = self._chain_get_statements(accounts, day)
        for statement in statements:
            statement._chain_reconcile_safely()
        return statements

    @api.model
    def _chain_get_statements(self, accounts, day):
        """The statements of ``accounts`` for ``day``, created for those that have none (one search)."""
        existing = self.search([("account_id", "in", accounts.ids), ("date", "=", day)])
        missing = accounts - existing.account_id
        return existing | self.create([{"account_id": account.id, "date": day} for account in missing])

    def action_download_reconcile(self):
        """Button *Download and Reconcile*: (re)download the bill of each statement's day and
        compare it with our payments. Accountants, POS managers and chain managers only."""
        self._chain_check_reconciler()
        for statement in self:
            # sudo: the comparison reads every payment of the account's day, whichever store and
            # user made it, and writes the lines and to-dos that no user may write by hand
            statement.sudo()._chain_reconcile_safely()
        if len(self) == 1 and self.state == "error":
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "title": _("Statement not reconciled"),
                    "message": self.error_message,
                    "type": "danger",
                    "sticky": True,
                    "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                },
            }
        return True

    def _chain_check_reconciler(self):
        user = self.env.user
        if not self.env.su and not any(user.has_group(group) for group in RECONCILE_GROUPS):
            raise AccessError(_("Only accountants and POS managers can download and reconcile a statement."))
        self.check_access("write")

    def _chain_reconcile_safely(self):
        """:meth:`_chain_reconcile` in a savepoint: an unexpected failure is written on the statement."""
        self.ensure_one()
        try:
            with self.env.cr.savepoint():
                self._chain_reconcile()
        except Exception as error:  # recorded on the statement, the caller (cron) goes on
            _logger.exception("Reconciliation of statement %s failed", self.id)
            self.env.invalidate_all()
            self._chain_set_error(_("The reconciliation failed: %s", error))

    # ------------------------------------------------------------------ reconciliation
    def _chain_reconcile(self):
        """Download, read and compare the bill of the statement's day (see the class)."""
        self.ensure_one()
        rows, message = self._chain_download_rows()
        if message is not None:
            self._chain_set_error(message)
            return False
        ours = self._chain_our_movements()
        try:
            results = bill.reconcile(ours, rows)
        except bill.BillError as error:
            self._chain_set_error(_("The bill cannot be read: %s", error))
            return False
        self._chain_write_lines(results)
        counts = dict.fromkeys(COUNT_FIELDS, 0)
        for result in results:
            counts[f"{result['result']}_count"] += 1
        self.write(
            {
                **counts,
                "state": "difference" if counts["missing_count"] + counts["extra_count"] + counts["amount_count"]
                else "balanced",
                "error_message": False,
                "download_date": fields.Datetime.now(),
                "bill_total": _yuan(_net_fen(rows)),
                "pos_total": _yuan(_net_fen(ours)),
            }
        )  # fmt: skip
        self.line_ids._chain_sync_todos()
        return True

    def _chain_set_error(self, message):
        self.write({"state": "error", "error_message": message, "download_date": fields.Datetime.now()})
        _logger.warning("Statement %s (%s): %s", self.id, self.date, message)

    def _chain_download_rows(self):
        """``(rows, None)`` of the day's bill, or ``(None, translated reason)``."""
        account = self.account_id
        try:
            client = account._chain_client()
            client.timeout = BILL_TIMEOUT
            if account.provider == "wechatpay":
                content, error = client.downloadbill(self.date.strftime("%Y%m%d"))
                parse = bill.parse_wechat_bill
            else:
                content, error = client.download_bill(self.date.isoformat())
                parse = bill.parse_alipay_bill
        except Exception as exc:  # a client that cannot even be built (bad key): the statement says why
            return None, _("The bill could not be downloaded: %s", exc)
        if error is not None:
            if error.code in NO_BILL_CODES or any(text in (error.message or "") for text in NO_BILL_MESSAGES):
                return [], None
            if error.code == pr.NETWORK:
                return None, _("The provider could not be reached (%s); try again later.", error.message)
            return None, _("The provider refused the bill download: %(code)s %(message)s",
                           code=error.code, message=error.message)  # fmt: skip
        try:
            return parse(content), None
        except bill.BillError as exc:
            return None, _("The bill cannot be read: %s", exc)

    def _chain_day_bounds(self):
        """The statement's day as naive UTC datetimes ``[start, end)`` (the bills count in China time)."""
        start = datetime.combine(self.date, time.min).replace(tzinfo=CHINA)
        utc = start.astimezone(UTC).replace(tzinfo=None)
        return utc, utc + timedelta(days=1)

    def _chain_our_movements(self):
        """Our payments and refunds of the day on this account, as ``lib/bill.py`` movements
        with the records' ids (``payment_id``, ``transaction_id``, ``refund_id``, ``store_id``).

        A payment is of the day when the provider took the money (its transaction's
        ``date_done``, the bill's clock), a refund when it was refunded. One search for the
        payments, one for the refunds (their records prefetched together)."""
        start, end = self._chain_day_bounds()
        payments = self.env["pos.payment"].search(
            [
                ("chain_cn_transaction_id.account_id", "=", self.account_id.id),
                ("chain_cn_transaction_id.date_done", ">=", start),
                ("chain_cn_transaction_id.date_done", "<", end),
                ("amount", ">", 0),
            ],
            order="id",
        )
        movements = []
        for payment in payments:
            transaction = payment.chain_cn_transaction_id
            movements.append(
                {
                    "kind": "pay", "out_trade_no": transaction.out_trade_no, "out_refund_no": "",
                    "amount_fen": pr.to_fen(payment.amount), "time": transaction.date_done,
                    "payment_id": payment.id, "transaction_id": transaction.id, "refund_id": False,
                    "store_id": transaction.store_id.id,
                }
            )  # fmt: skip
        refunds = self.env["chain.pay.cn.refund"].search(
            [
                ("transaction_id.account_id", "=", self.account_id.id),
                ("state", "=", "done"),
                ("date_done", ">=", start),
                ("date_done", "<", end),
            ],
            order="id",
        )
        for refund in refunds:
            movements.append(
                {
                    "kind": "refund", "out_trade_no": refund.transaction_id.out_trade_no,
                    "out_refund_no": refund.out_refund_no, "amount_fen": refund.amount_fen,
                    "time": refund.date_done, "payment_id": refund.pos_payment_id.id,
                    "transaction_id": refund.transaction_id.id, "refund_id": refund.id,
                    "store_id": refund.store_id.id,
                }
            )  # fmt: skip
        return movements

    def _chain_write_lines(self, results):
        """Lines of ``results`` (``bill.reconcile``): a movement already listed keeps its line
        (and its to-do), updated; lines of movements gone are removed, new ones created."""
        Line = self.env["chain.pay.cn.statement.line"]
        extras = [r["theirs"]["out_trade_no"] for r in results if r["ours"] is None]
        transactions = {}
        if extras:
            for transaction in self.env["chain.pay.cn.transaction"].search(
                [("out_trade_no", "in", extras), ("account_id", "=", self.account_id.id)]
            ):
                transactions[transaction.out_trade_no] = transaction
        existing = {line._chain_key(): line for line in self.line_ids}
        to_create, kept = [], Line
        for result in results:
            vals = self._chain_prepare_line_vals(result, transactions)
            key = (vals["kind"], vals["out_trade_no"], vals["out_refund_no"] or "")
            line = existing.pop(key, None)
            if line is None:
                to_create.append(vals)
                continue
            kept |= line
            changed = {name: value for name, value in vals.items() if line._chain_differs(name, value)}
            if changed:
                line.write(changed)
        Line.browse([line.id for line in existing.values()]).unlink()
        return kept | Line.create(to_create)

    def _chain_prepare_line_vals(self, result, transactions):
        """Values of the line of one ``bill.reconcile`` result (a hook)."""
        ours, theirs = result["ours"] or {}, result["theirs"] or {}
        movement = ours or theirs
        transaction = transactions.get(theirs.get("out_trade_no")) if not ours else None
        bill_time = theirs.get("time")
        if bill_time:
            bill_time = bill_time.replace(tzinfo=CHINA).astimezone(UTC).replace(tzinfo=None)
        return {
            "statement_id": self.id,
            "result": result["result"],
            "kind": movement["kind"],
            "out_trade_no": movement["out_trade_no"],
            "out_refund_no": movement.get("out_refund_no") or False,
            "provider_ref": theirs.get("provider_ref") or False,
            "sub_mch_id": theirs.get("sub_mch_id") or False,
            "bill_time": bill_time or False,
            "pos_time": ours.get("time") or False,
            "bill_amount": _yuan(theirs["amount_fen"]) if theirs else 0.0,
            "pos_amount": _yuan(ours["amount_fen"]) if ours else 0.0,
            "payment_id": ours.get("payment_id") or False,
            "transaction_id": ours.get("transaction_id") or (transaction.id if transaction else False),
            "refund_id": ours.get("refund_id") or False,
            "store_id": ours.get("store_id") or (transaction.store_id.id if transaction else False)
            or self.store_id.id or False,
        }  # fmt: skip

    # ------------------------------------------------------------------ helpers
    @api.model
    def _chain_china_today(self):
        return datetime.now(CHINA).date()

    def action_view_lines(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "chain_pos_payment_cn.chain_pay_cn_statement_line_action"
        )
        action["domain"] = [("statement_id", "=", self.id)]
        action["context"] = {"search_default_difference": 1}
        return action
