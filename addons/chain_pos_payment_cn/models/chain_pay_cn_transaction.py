import logging
from datetime import timedelta

from psycopg2 import errors

from odoo import _, api, fields, models
from odoo.tools import SQL

from ..lib import pay_flow
from ..lib import pay_result as pr

_logger = logging.getLogger(__name__)

PROVIDER_OF_TERMINAL = {"chain_wechatpay": "wechatpay", "chain_alipay": "alipay"}
# what only the server's own steps change (every one of them writes as superuser in a
# cursor of its own; the declaration refuses the same writes from any client)
_TRANSITIONS = ("_chain_cn_open", "_chain_cn_write", "_chain_cn_flag_orphans")
GUARDED = (
    "provider",
    "account_id",
    "company_id",
    "store_id",
    "payment_method_id",
    "pos_session_id",
    "user_id",
    "order_uuid",
    "payment_uuid",
    "out_trade_no",
    "attempt",
    "amount",
    "amount_fen",
    "masked_code",
    "state",
    "provider_ref",
    "deadline",
    "last_code",
    "last_message",
    "date_done",
    "needs_attention",
)


class ChainPayCnTransaction(models.Model):
    """One payment-code payment of a POS payment line at WeChat Pay or Alipay.

    The row is committed (a cursor of its own) before the provider is called, so that a crash
    never loses a charge; each later step (query, reverse) runs in a cursor of its own holding
    the row's lock, so that two polls of one transaction never reverse it twice. The states
    and their moves are ``lib/pay_flow.py``'s.
    """

    _name = "chain.pay.cn.transaction"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _description = "Payment-Code Transaction"
    _order = "id desc"
    _rec_name = "out_trade_no"
    _chain_store_field = "store_id"
    _chain_guarded_fields = dict.fromkeys(GUARDED, _TRANSITIONS)

    provider = fields.Selection([("wechatpay", "WeChat Pay"), ("alipay", "Alipay")], required=True, readonly=True)
    account_id = fields.Many2one(
        "chain.pay.cn.account", readonly=True, groups="point_of_sale.group_pos_manager,chain_store.group_chain_manager"
    )
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    store_id = fields.Many2one("chain.store", string="Store", readonly=True, index=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    payment_method_id = fields.Many2one("pos.payment.method", readonly=True)
    pos_session_id = fields.Many2one("pos.session", string="POS Session", readonly=True, index="btree_not_null")
    user_id = fields.Many2one("res.users", string="Cashier", readonly=True)
    order_uuid = fields.Char(string="POS Order UUID", readonly=True, index=True)
    payment_uuid = fields.Char(string="POS Payment UUID", readonly=True, index=True)
    out_trade_no = fields.Char(string="Out Trade No.", required=True, readonly=True, copy=False)
    attempt = fields.Integer(readonly=True, help="0 for the line's first payment, then 1, 2... after a failure.")
    amount = fields.Monetary(readonly=True)
    amount_fen = fields.Integer(string="Amount (fen)", readonly=True)
    masked_code = fields.Char(string="Payment Code", readonly=True, help="The last 4 digits of the customer's code.")
    state = fields.Selection(
        [
            ("sent", "Sent"),
            ("user_paying", "Customer Confirming"),
            ("unknown", "Unknown"),
            ("done", "Paid"),
            ("failed", "Failed"),
            ("reversed", "Reversed"),
        ],
        default="sent",
        required=True,
        readonly=True,
        index=True,
    )
    provider_ref = fields.Char(
        string="Provider Reference",
        readonly=True,
        index="btree_not_null",
        help="WeChat Pay's transaction_id, Alipay's trade_no.",
    )
    deadline = fields.Datetime(readonly=True, help="Past it, a payment not yet confirmed is reversed.")
    last_code = fields.Char(string="Provider Code", readonly=True)
    last_message = fields.Char(string="Provider Message", readonly=True)
    date_done = fields.Datetime(string="Paid On", readonly=True)
    needs_attention = fields.Boolean(
        readonly=True,
        index=True,
        help="Paid at the provider, but no POS order took the payment (the till went away): the "
        "store manager refunds the customer or records the sale.",
    )
    refund_ids = fields.One2many("chain.pay.cn.refund", "transaction_id", string="Refunds", readonly=True)
    refunded_amount = fields.Monetary(compute="_compute_refunded_amount", store=True)
    pos_payment_ids = fields.One2many("pos.payment", "chain_cn_transaction_id", string="POS Payments", readonly=True)

    _sql_constraints = [
        ("out_trade_no_unique", "UNIQUE(out_trade_no)", "The out-trade number of a payment is unique."),
    ]

    @api.depends("refund_ids.state", "refund_ids.amount")
    def _compute_refunded_amount(self):
        for transaction in self:
            transaction.refunded_amount = sum(
                transaction.refund_ids.filtered(lambda r: r.state == "done").mapped("amount")
            )

    # ------------------------------------------------------------------ own cursors
    def _chain_cn_cursor(self):
        """A cursor of its own (committed when its block ends) that sees what others
        committed until now: READ COMMITTED outside tests (a test's cursors share its
        transaction)."""
        cr = self.env.registry.cursor()
        if cr.transaction is None:  # bound to this registry (no look-up of the registry by name)
            cr.transaction = api.Transaction(self.env.registry)
        if not self.env.registry.in_test_mode():
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
        return cr

    def _chain_cn_env(self, cr):
        """The superuser environment of a cursor of its own: the rows are the server's record
        of the provider calls, no user writes them (and no chatter message per step)."""
        context = dict(self.env.context, tracking_disable=True, mail_create_nolog=True, mail_notrack=True)
        return self.env(cr=cr, su=True, context=context)

    def _chain_cn_lock(self, nowait=False):
        """Lock this row for the cursor's transaction; False when ``nowait`` and it is held."""
        query = SQL(
            "SELECT id FROM chain_pay_cn_transaction WHERE id = %s FOR UPDATE%s",
            self.id,
            SQL(" NOWAIT") if nowait else SQL(""),
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query)
        except errors.LockNotAvailable:
            return False
        self.invalidate_recordset()
        return True

    # ------------------------------------------------------------------ pay
    @api.model
    def _chain_cn_pay(self, method, session, amount_fen, auth_code, order_uuid, payment_uuid):
        """Charge ``amount_fen`` on ``auth_code`` for a POS payment line (checked by the caller);
        the answer for the till. A retry of the same line never charges twice: its open or paid
        transaction answers (one query), a new number is used only after a final failure."""
        provider = PROVIDER_OF_TERMINAL[method.use_payment_terminal]
        store = session.config_id.chain_store_id
        company = session.company_id or self.env.company
        account = self.env["chain.pay.cn.account"]._chain_for(provider, company, store)
        transaction_id, out_trade_no, fresh = self._chain_cn_open(
            {
                "provider": provider,
                "account_id": account.id,
                "company_id": company.id,
                "store_id": store.id,
                "payment_method_id": method.id,
                "pos_session_id": session.id,
                "user_id": self.env.uid,
                "order_uuid": order_uuid,
                "payment_uuid": payment_uuid,
                "amount": amount_fen / 100.0,
                "amount_fen": amount_fen,
                "masked_code": pr.mask_code(auth_code),
                "deadline": fields.Datetime.now() + timedelta(seconds=account.user_paying_seconds or 30),
            }
        )
        transaction = self.browse(transaction_id)
        if not fresh:
            return transaction._chain_cn_poll()
        client = account._chain_client()
        subject = _("%(store)s: purchase", store=store.name or session.config_id.name)
        if provider == "wechatpay":
            result = client.micropay(out_trade_no, amount_fen, auth_code, subject)
        else:
            result = client.pay(out_trade_no, amount_fen, auth_code, subject)
        _logger.info("Payment %s (%s): pay answered %s %s", out_trade_no, provider, result.status, result.code)
        with self._chain_cn_cursor() as cr:
            record = transaction.with_env(self._chain_cn_env(cr))
            record._chain_cn_lock()
            if record.state == "sent":  # a poll may have settled it meanwhile
                record._chain_cn_write(pay_flow.after_pay(result), result)
            values = record._chain_cn_read()
        return self._chain_cn_answer(values)

    @api.model
    def _chain_cn_open(self, vals):
        """``(id, out_trade_no, fresh)``: the line's open or paid transaction (``fresh`` False), else a new
        one, committed before anything is sent to the provider."""
        with self._chain_cn_cursor() as cr:
            # sudo: the server's own record of the provider call; no user writes it
            Transaction = self.with_env(self._chain_cn_env(cr))
            # one opening per payment line at a time (two tills, two clicks, two threads)
            cr.execute(
                SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", f"{vals['order_uuid']}|{vals['payment_uuid']}")
            )
            line = [("order_uuid", "=", vals["order_uuid"]), ("payment_uuid", "=", vals["payment_uuid"])]
            existing = Transaction.search(line + [("state", "not in", ("failed", "reversed"))], limit=1)
            if existing:
                return existing.id, existing.out_trade_no, False
            attempt = Transaction.search_count(line)
            vals = {
                **vals,
                "attempt": attempt,
                "out_trade_no": pay_flow.out_trade_no(vals["order_uuid"], vals["payment_uuid"], attempt),
            }
            return Transaction.create(vals).id, vals["out_trade_no"], True

    # ------------------------------------------------------------------ poll, cancel
    def _chain_cn_poll(self, cancel=False):
        """One step towards a final state (the till's poll): one query — and a reverse when
        the customer's time is over or the outcome is in doubt; with ``cancel``, the cashier
        gives up: a query, then a reverse unless it was paid. The answer for the till."""
        self.ensure_one()
        with self._chain_cn_cursor() as cr:
            record = self.with_env(self._chain_cn_env(cr))
            if not record._chain_cn_lock(nowait=True):
                busy = True  # another poll is at the provider: it decides
            else:
                busy = False
                if record.state in pay_flow.OPEN_STATES:
                    record._chain_cn_step(cancel)
            values = record._chain_cn_read()
        if busy:
            values = self._chain_cn_values(self.id)
        return self._chain_cn_answer(values)

    def _chain_cn_step(self, cancel=False):
        """Query (and reverse when needed) this open transaction, in the caller's locked cursor."""
        client = self.account_id._chain_client()
        past_deadline = cancel or fields.Datetime.now() >= self.deadline
        result = self._chain_cn_query(client)
        state, reverse = pay_flow.after_query(self.state, result, past_deadline)
        query_code = result.code if result.status == pr.FAILED else ""
        if reverse and state != "done":
            reversed_ = (
                client.reverse(self.out_trade_no) if self.provider == "wechatpay" else client.cancel(self.out_trade_no)
            )
            _logger.info("Payment %s: reverse answered %s %s", self.out_trade_no, reversed_.status, reversed_.code)
            state = pay_flow.after_reverse(state, reversed_, query_code)
            if reversed_.status != pr.SUCCESS:
                result = reversed_
        self._chain_cn_write(state, result)

    def _chain_cn_query(self, client):
        if self.provider == "wechatpay":
            return client.orderquery(self.out_trade_no, self.amount_fen)
        return client.query(self.out_trade_no, self.amount_fen)

    # ------------------------------------------------------------------ the record
    def _chain_cn_write(self, state, result):
        """Record ``state`` and what the provider said (``result``)."""
        vals = {"state": state, "last_code": result.code[:64], "last_message": (result.message or "")[:256]}
        if state == "done":
            vals["provider_ref"] = result.provider_ref or self.provider_ref
            vals["date_done"] = self.date_done or fields.Datetime.now()
        self.write(vals)
        if state != self.state:
            _logger.info("Payment %s: %s", self.out_trade_no, state)

    def _chain_cn_read(self):
        self.ensure_one()
        return {
            "id": self.id,
            "state": self.state,
            "out_trade_no": self.out_trade_no,
            "provider_ref": self.provider_ref or "",
            "provider": self.provider,
            "last_code": self.last_code or "",
            "last_message": self.last_message or "",
        }

    @api.model
    def _chain_cn_values(self, transaction_id):
        """The transaction's values as committed now (read in a cursor of its own)."""
        with self._chain_cn_cursor() as cr:
            return self.with_env(self._chain_cn_env(cr)).browse(transaction_id)._chain_cn_read()

    @api.model
    def _chain_cn_answer(self, values):
        """The till's answer: ``{status, message, transaction_id, out_trade_no, provider_ref}``."""
        return {
            "status": pay_flow.POS_STATUS[values["state"]],
            "message": self._chain_cn_message(values),
            "transaction_id": values["id"],
            "out_trade_no": values["out_trade_no"],
            "provider_ref": values["provider_ref"] if values["state"] == "done" else "",
        }

    @api.model
    def _chain_cn_message(self, values):
        state, code = values["state"], values["last_code"]
        if state == "done":
            return _("Paid.")
        if state == "user_paying":
            return _("Waiting for the customer to confirm the payment on their phone.")
        if state in ("sent", "unknown"):
            return _("Checking the payment with the provider: please wait.")
        if state == "reversed":
            return _("The customer did not confirm in time: the payment was cancelled, nothing was charged.")
        if code in ("NOTENOUGH", "ACQ.BUYER_BALANCE_NOT_ENOUGH", "ACQ.BUYER_BANKCARD_BALANCE_NOT_ENOUGH"):
            return _("The customer's balance is not enough: ask them to choose another card or pay another way.")
        if code in ("AUTHCODEEXPIRE", "AUTH_CODE_INVALID", "ACQ.PAYMENT_AUTH_CODE_INVALID", "AUTH_CODE_ERROR"):
            return _(
                "This payment code has expired or was used already: ask the customer to refresh it and scan again."
            )
        if code in ("ORDERREVERSED", "ACQ.TRADE_HAS_CLOSE", "REVOKED", "CLOSED", "TRADE_CLOSED"):
            return _("The payment was cancelled, nothing was charged: scan the code again.")
        return _(
            "The payment failed, nothing was charged (%(code)s %(message)s).", code=code, message=values["last_message"]
        )

    # ------------------------------------------------------------------ the cron
    @api.model
    def _cron_settle(self, grace_seconds=60, orphan_hours=1):
        """Settle the transactions whose till went away: each open one past its deadline gets
        a query (and a reverse unless paid); a paid one that no POS payment took becomes a
        to-do for its store's manager. Refunds left in doubt are asked again."""
        now = fields.Datetime.now()
        stale = self.search(
            [("state", "in", pay_flow.OPEN_STATES), ("deadline", "<", now - timedelta(seconds=grace_seconds))],
            order="id",
        )
        for transaction in stale:
            transaction._chain_cn_poll()
        self.env["chain.pay.cn.refund"]._cron_settle(grace_seconds)
        self.invalidate_model()
        orphans = self.search(
            [
                ("state", "=", "done"),
                ("needs_attention", "=", False),
                ("pos_payment_ids", "=", False),
                "|",
                ("id", "in", stale.ids),
                ("date_done", "<", now - timedelta(hours=orphan_hours)),
            ]
        )
        orphans._chain_cn_flag_orphans()
        return orphans

    def _chain_cn_flag_orphans(self):
        """Mark these paid transactions without a POS payment and give their store's manager a to-do."""
        self.write({"needs_attention": True})
        for transaction in self:
            manager = transaction.store_id.manager_id or transaction.pos_session_id.user_id or self.env.user
            transaction.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=manager.id,
                summary=_("Payment without a POS order"),
                note=_(
                    "%(provider)s charged %(amount)s (%(ref)s) but no POS order took the payment: refund the "
                    "customer or record the sale.",
                    provider=dict(self._fields["provider"].selection)[transaction.provider],
                    amount=transaction.amount,
                    ref=transaction.provider_ref or transaction.out_trade_no,
                ),
            )
