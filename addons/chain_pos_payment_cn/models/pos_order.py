from odoo import _, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from ..lib import pay_result as pr

CHAIN_TERMINALS = ("chain_wechatpay", "chain_alipay")


class PosOrder(models.Model):
    _inherit = "pos.order"
    _chain_guarded_fields = {}  # no field of its own: the payment guard below

    def _process_saved_order(self, draft):
        if not draft:
            self._chain_cn_check_payments()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        self._chain_cn_check_payments()
        return super().action_pos_order_paid()

    def _chain_cn_check_payments(self):
        """Refuse these orders' WeChat Pay / Alipay lines that no settled provider call backs.

        A payment line (> 0) needs a ``done`` transaction of its method, store, order and
        amount that no other payment took; a refund line (< 0) needs ``done`` refunds of its
        line (refund numbers derived from the line's uuid) of the same amount. Found by the
        id the till sends or by the line's uuid; linked to the line once checked. A forged
        "paid by WeChat" line is refused with a ``ValidationError`` (the sync fails, the till
        keeps the order and says why).
        """
        payments = self.payment_ids.filtered(
            lambda p: p.payment_method_id.use_payment_terminal in CHAIN_TERMINALS and p.amount
        )
        if not payments:
            return
        # sudo: the check reads the server's own payment records, whoever syncs the order
        Transaction = self.env["chain.pay.cn.transaction"].sudo()
        # sudo: as above, the refunds
        Refund = self.env["chain.pay.cn.refund"].sudo()
        positive = payments.filtered(lambda p: p.amount > 0)
        uuids = [p.uuid for p in positive if p.uuid and not p.chain_cn_transaction_id]
        by_uuid = {}
        if uuids:
            by_uuid = {
                t.payment_uuid: t for t in Transaction.search([("payment_uuid", "in", uuids), ("state", "=", "done")])
            }
        prefixes = {p.id: (p.uuid or "")[:-4] for p in payments - positive if len(p.uuid or "") >= 20}
        refunds = Refund.browse()
        if prefixes:
            domain = expression.OR([[("refund_uuid", "=like", f"{prefix}%")] for prefix in set(prefixes.values())])
            refunds = Refund.search(expression.AND([domain, [("state", "=", "done")]]))
        for order in self:
            for payment in payments & order.payment_ids:
                amount_fen = pr.to_fen(payment.amount)
                if amount_fen > 0:
                    # sudo: the transaction the till names, read whatever the cashier's rights
                    transaction = payment.sudo().chain_cn_transaction_id or by_uuid.get(payment.uuid, Transaction)
                    other = transaction.pos_payment_ids - payment
                    if (
                        transaction.state == "done"
                        and transaction.amount_fen == amount_fen
                        and transaction.payment_method_id == payment.payment_method_id
                        and transaction.company_id == order.company_id
                        and transaction.store_id == order.config_id.chain_store_id
                        and transaction.order_uuid == order.uuid
                        and not other.filtered(lambda p: p.amount > 0)
                    ):
                        if payment.chain_cn_transaction_id != transaction:
                            # sudo: the link is the result of the check, not the cashier's input
                            payment.sudo().chain_cn_transaction_id = transaction
                        continue
                elif payment.id in prefixes:
                    prefix = prefixes[payment.id]
                    mine = refunds.filtered(
                        lambda r, prefix=prefix, payment=payment, order=order: (
                            r.refund_uuid.startswith(prefix)
                            and r.pos_payment_id in (payment, Refund.pos_payment_id)
                            and r.transaction_id.payment_method_id == payment.payment_method_id
                            and r.company_id == order.company_id
                        )
                    )
                    if mine and sum(mine.mapped("amount_fen")) == -amount_fen:
                        mine._chain_cn_link_payment(payment)
                        if not payment.chain_cn_transaction_id:
                            # sudo: as above
                            payment.sudo().chain_cn_transaction_id = mine[-1:].transaction_id
                        continue
                raise ValidationError(
                    _(
                        "The %(method)s line of %(amount)s of order %(order)s has no completed %(method)s "
                        "payment behind it: it cannot be recorded. Take the payment again at the till.",
                        method=payment.payment_method_id.name,
                        amount=payment.amount,
                        order=order.pos_reference or order.name,
                    )
                )
