import logging
from datetime import timedelta

from odoo import _, api, fields, models

from ..lib import pay_flow
from ..lib import pay_result as pr

_logger = logging.getLogger(__name__)

REFUND_POS_STATUS = {"sent": "pending", "unknown": "pending", "done": "done", "failed": "failed"}
_TRANSITIONS = ("_chain_cn_open_refund", "_chain_cn_send", "_chain_cn_link_payment")
GUARDED = (
    "transaction_id",
    "out_refund_no",
    "refund_uuid",
    "amount",
    "amount_fen",
    "state",
    "provider_ref",
    "last_code",
    "last_message",
    "user_id",
    "pos_payment_id",
    "date_done",
)


class ChainPayCnRefund(models.Model):
    """A refund of a payment-code transaction, under an idempotent refund number derived from
    the till's refund uuid: asking again never refunds twice."""

    _name = "chain.pay.cn.refund"
    _description = "Payment-Code Refund"
    _order = "id desc"
    _rec_name = "out_refund_no"
    _chain_store_field = "store_id"
    _chain_guarded_fields = dict.fromkeys(GUARDED, _TRANSITIONS)

    transaction_id = fields.Many2one(
        "chain.pay.cn.transaction", required=True, readonly=True, ondelete="restrict", index=True
    )
    store_id = fields.Many2one(related="transaction_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="transaction_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="transaction_id.currency_id")
    provider = fields.Selection(related="transaction_id.provider")
    out_refund_no = fields.Char(string="Out Refund No.", required=True, readonly=True, copy=False)
    refund_uuid = fields.Char(string="POS Refund UUID", readonly=True, index=True)
    amount = fields.Monetary(readonly=True)
    amount_fen = fields.Integer(string="Amount (fen)", readonly=True)
    state = fields.Selection(
        [("sent", "Sent"), ("unknown", "Unknown"), ("done", "Refunded"), ("failed", "Failed")],
        default="sent",
        required=True,
        readonly=True,
        index=True,
    )
    provider_ref = fields.Char(string="Provider Reference", readonly=True)
    last_code = fields.Char(string="Provider Code", readonly=True)
    last_message = fields.Char(string="Provider Message", readonly=True)
    user_id = fields.Many2one("res.users", string="Cashier", readonly=True)
    pos_payment_id = fields.Many2one("pos.payment", string="POS Payment", readonly=True, index="btree_not_null")
    date_done = fields.Datetime(string="Refunded On", readonly=True)

    _sql_constraints = [
        ("out_refund_no_unique", "UNIQUE(out_refund_no)", "The refund number of a refund is unique."),
        ("amount_positive", "CHECK(amount_fen > 0)", "A refund is of a positive amount."),
    ]

    @api.model
    def _chain_cn_refund(self, transaction, refund_uuid, amount_fen):
        """Refund ``amount_fen`` of the paid ``transaction`` (checked by the caller) under the
        number of ``refund_uuid``; the answer for the till ``{status, message, refund_id}``."""
        refund_id, values, send = self._chain_cn_open_refund(transaction.id, refund_uuid, amount_fen)
        if send:
            values = self.browse(refund_id)._chain_cn_send()
        return self._chain_cn_refund_answer(values)

    @api.model
    def _chain_cn_open_refund(self, transaction_id, refund_uuid, amount_fen):
        """``(refund id, values, send)``: the refund of ``refund_uuid`` (new: committed before it
        is sent; known: sent again unless final), or ``(False, refusal, False)`` when the amount
        is above what is left to refund. The transaction's row lock orders refunds of it."""
        Transaction = self.env["chain.pay.cn.transaction"]
        with Transaction._chain_cn_cursor() as cr:
            # sudo: the server's own record of the provider call; no user writes it
            env = self.env["chain.pay.cn.transaction"]._chain_cn_env(cr)
            transaction = env["chain.pay.cn.transaction"].browse(transaction_id)
            transaction._chain_cn_lock()
            number = pay_flow.out_refund_no(refund_uuid)
            refund = env[self._name].search([("out_refund_no", "=", number)], limit=1)
            if refund:
                if refund.transaction_id != transaction or refund.amount_fen != amount_fen:
                    return False, {"state": "failed", "code": "REFUND_UUID_USED"}, False
                return refund.id, refund._chain_cn_read(), refund.state in ("sent", "unknown")
            if transaction.state != "done":
                return False, {"state": "failed", "code": "NOT_PAID"}, False
            used = sum(transaction.refund_ids.filtered(lambda r: r.state != "failed").mapped("amount_fen"))
            left = transaction.amount_fen - used
            if amount_fen > left:
                return False, {"state": "failed", "code": "ABOVE_LEFT", "left_fen": left}, False
            refund = env[self._name].create(
                {
                    "transaction_id": transaction.id,
                    "out_refund_no": number,
                    "refund_uuid": refund_uuid,
                    "amount": amount_fen / 100.0,
                    "amount_fen": amount_fen,
                    "user_id": self.env.uid,
                }
            )
            return refund.id, refund._chain_cn_read(), True

    def _chain_cn_send(self):
        """Send (again) this refund to the provider and record the answer; its values."""
        self.ensure_one()
        with self.env["chain.pay.cn.transaction"]._chain_cn_cursor() as cr:
            refund = self.with_env(self.env["chain.pay.cn.transaction"]._chain_cn_env(cr))
            transaction = refund.transaction_id
            client = transaction.account_id._chain_client()
            if transaction.provider == "wechatpay":
                result = client.refund(
                    transaction.out_trade_no, refund.out_refund_no, transaction.amount_fen, refund.amount_fen
                )
            else:
                result = client.refund(transaction.out_trade_no, refund.out_refund_no, refund.amount_fen)
            _logger.info(
                "Refund %s of %s: %s %s", refund.out_refund_no, transaction.out_trade_no, result.status, result.code
            )
            state = {pr.SUCCESS: "done", pr.FAILED: "failed"}.get(result.status, "unknown")
            vals = {"state": state, "last_code": result.code[:64], "last_message": (result.message or "")[:256]}
            if state == "done":
                vals.update(provider_ref=result.provider_ref or refund.provider_ref, date_done=fields.Datetime.now())
            refund.write(vals)
            return refund._chain_cn_read()

    def _chain_cn_read(self):
        self.ensure_one()
        return {"id": self.id, "state": self.state, "code": self.last_code or "", "message": self.last_message or ""}

    @api.model
    def _chain_cn_refund_answer(self, values):
        state = values["state"]
        if state == "done":
            message = _("Refunded.")
        elif state in ("sent", "unknown"):
            message = _("Checking the refund with the provider: please wait.")
        elif values.get("code") == "ABOVE_LEFT":
            message = _(
                "The refund is above what is left to refund of this payment (%s).",
                "%.2f" % (values["left_fen"] / 100.0),
            )
        elif values.get("code") == "NOT_PAID":
            message = _("This payment was not completed: there is nothing to refund.")
        elif values.get("code") == "REFUND_UUID_USED":
            message = _("This refund was already asked for another payment or amount.")
        else:
            message = _(
                "The refund failed (%(code)s %(message)s).",
                code=values.get("code", ""),
                message=values.get("message", ""),
            )
        return {"status": REFUND_POS_STATUS[state], "message": message, "refund_id": values.get("id") or False}

    def _chain_cn_link_payment(self, payment):
        """Record that ``payment`` (a POS refund line) took these refunds."""
        self.write({"pos_payment_id": payment.id})

    @api.model
    def _cron_settle(self, grace_seconds=60):
        """Ask again the refunds left in doubt (same refund number: never refunded twice)."""
        stale = self.search(
            [
                ("state", "in", ("sent", "unknown")),
                ("create_date", "<", fields.Datetime.now() - timedelta(seconds=grace_seconds)),
            ]
        )
        for refund in stale:
            refund._chain_cn_send()
