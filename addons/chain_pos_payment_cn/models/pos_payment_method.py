from odoo import _, api, models
from odoo.exceptions import AccessError, UserError

from ..lib import pay_result as pr
from .chain_pay_cn_transaction import PROVIDER_OF_TERMINAL

PROVIDER_LABELS = {"wechatpay": "WeChat Pay", "alipay": "Alipay"}


class PosPaymentMethod(models.Model):
    """WeChat Pay and Alipay payment codes as payment terminals.

    The till calls ``chain_cn_pay``, ``chain_cn_poll``, ``chain_cn_cancel`` and
    ``chain_cn_refund`` (``orm.call("pos.payment.method", name, [[method_id], data])``). Each
    checks that the caller works an open session of a till of one of their stores that uses
    this method, makes one provider call at most (a cancel: a query and a reverse), and
    answers at once: the till polls while the customer types a password, no server thread
    waits for them.
    """

    _inherit = "pos.payment.method"
    _chain_guarded_fields = {}  # configuration (POS managers, ACL); the terminal adds no state

    def _get_payment_terminal_selection(self):
        return super()._get_payment_terminal_selection() + [
            ("chain_wechatpay", "WeChat Pay"),
            ("chain_alipay", "Alipay"),
        ]

    # ------------------------------------------------------------------ the till's API
    def chain_cn_pay(self, data):
        """Charge a payment code for a POS payment line.

        ``data``: ``pos_session_id``, ``order_uuid``, ``payment_uuid``, ``amount`` (> 0),
        ``order_amount_due``, ``auth_code``. Answers ``{status: done|pending|failed, message,
        transaction_id, out_trade_no, provider_ref}``; a bad code or an amount above what the
        order still owes fails at once, nothing sent.
        """
        session = self._chain_cn_check(data)
        try:
            amount_fen = pr.to_fen(data.get("amount") or 0)
            due_fen = pr.to_fen(data.get("order_amount_due") or 0)
        except (ArithmeticError, ValueError):
            return self._chain_cn_refusal(_("The amount is not a number."))
        order_uuid, payment_uuid = data.get("order_uuid"), data.get("payment_uuid")
        if not order_uuid or not payment_uuid or not isinstance(order_uuid, str) or not isinstance(payment_uuid, str):
            return self._chain_cn_refusal(_("The payment line is unknown: reload the till."))
        if amount_fen <= 0:
            return self._chain_cn_refusal(_("The amount to pay must be positive."))
        if amount_fen > due_fen:
            return self._chain_cn_refusal(
                _(
                    "The amount %(amount)s is above what the order still owes (%(due)s).",
                    amount=pr.fen_to_yuan(amount_fen),
                    due=pr.fen_to_yuan(due_fen),
                )
            )
        code = str(data.get("auth_code") or "").strip()
        provider = PROVIDER_OF_TERMINAL[self.use_payment_terminal]
        scanned = pr.code_provider(code)
        if scanned is None:
            return self._chain_cn_refusal(
                _("This is not a WeChat Pay or Alipay payment code: ask the customer to show their payment code.")
            )
        if scanned != provider:
            return self._chain_cn_refusal(
                _(
                    "This is a %(scanned)s payment code: choose the %(scanned)s payment method.",
                    scanned=PROVIDER_LABELS[scanned],
                )
            )
        Transaction = self.env["chain.pay.cn.transaction"]
        return Transaction._chain_cn_pay(self, session, amount_fen, code, order_uuid, payment_uuid)

    def chain_cn_poll(self, data):
        """Where the payment stands (``data``: ``pos_session_id``, ``transaction_id``): one
        query; past the customer's time (30 s by default) the payment is reversed and fails."""
        session = self._chain_cn_check(data)
        return self._chain_cn_transaction(session, data)._chain_cn_poll()

    def chain_cn_cancel(self, data):
        """The cashier gives up (``data`` as for the poll): the payment is reversed unless the
        customer paid meanwhile, then it is ``done`` and the till keeps it."""
        session = self._chain_cn_check(data)
        return self._chain_cn_transaction(session, data)._chain_cn_poll(cancel=True)

    def chain_cn_refund(self, data):
        """Refund (part of) a paid transaction: ``data``: ``pos_session_id``, ``transaction_id``
        (the original), ``refund_uuid``, ``amount`` (> 0). Answers ``{status, message,
        refund_id}``; the same ``refund_uuid`` never refunds twice."""
        session = self._chain_cn_check(data)
        transaction = self._chain_cn_transaction(session, data, same_session=False)
        refund_uuid = data.get("refund_uuid")
        if not refund_uuid or not isinstance(refund_uuid, str):
            return {
                "status": "failed",
                "message": _("The refund line is unknown: reload the till."),
                "refund_id": False,
            }
        try:
            amount_fen = pr.to_fen(data.get("amount") or 0)
        except (ArithmeticError, ValueError):
            amount_fen = 0
        if amount_fen <= 0:
            return {"status": "failed", "message": _("The amount to refund must be positive."), "refund_id": False}
        return self.env["chain.pay.cn.refund"]._chain_cn_refund(transaction, refund_uuid, amount_fen)

    # ------------------------------------------------------------------ checks
    def _chain_cn_check(self, data):
        """The open session of ``data`` after checking the caller may take payments with this
        method in it (raises ``AccessError``/``UserError`` otherwise)."""
        self.ensure_one()
        if self.use_payment_terminal not in PROVIDER_OF_TERMINAL:
            raise UserError(_("%s does not take payment codes.", self.name))
        if not isinstance(data, dict):
            raise UserError(_("The till sent no payment data."))
        if not self.env.user.has_group("point_of_sale.group_pos_user"):
            raise AccessError(_("Only point of sale users take payments."))
        try:
            session_id = int(data.get("pos_session_id") or 0)
        except (TypeError, ValueError):
            session_id = 0
        # read as the cashier: the store rules hide other stores' sessions
        session = self.env["pos.session"].search(
            [("id", "=", session_id), ("state", "in", ("opening_control", "opened"))], limit=1
        )
        store = session.config_id.chain_store_id
        if not session or (store and store not in self.env.user.chain_visible_store_ids):
            raise AccessError(_("You have no open session of this till: open it (or reload it) and try again."))
        if self not in session.config_id.payment_method_ids:
            raise UserError(_("This till does not take %s.", self.name))
        return session

    def _chain_cn_transaction(self, session, data, same_session=True):
        """The transaction of ``data`` when it belongs to this method and this till's store
        (and session, unless ``same_session`` is False, as for a refund of an earlier order)."""
        try:
            transaction_id = int(data.get("transaction_id") or 0)
        except (TypeError, ValueError):
            transaction_id = 0
        # sudo: the row is the server's; whose it is, is checked right below
        transaction = self.env["chain.pay.cn.transaction"].sudo().browse(transaction_id).exists()
        if (
            not transaction
            or transaction.payment_method_id != self
            or transaction.store_id != session.config_id.chain_store_id
            or transaction.company_id != session.company_id
            or (same_session and transaction.pos_session_id != session)
        ):
            raise AccessError(_("This payment is not one of this till's."))
        return transaction.with_env(self.env)

    @api.model
    def _chain_cn_refusal(self, message):
        return {"status": "failed", "message": message, "transaction_id": False, "out_trade_no": "", "provider_ref": ""}
