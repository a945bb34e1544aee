from odoo import api, fields, models

from .pos_order import CHAIN_TERMINALS


class PosPayment(models.Model):
    _inherit = "pos.payment"
    # the till sends the transaction with the payment; what it may name is checked when the
    # order is paid (pos.order._chain_cn_check_payments), not by a write guard
    _chain_guarded_fields = {}

    chain_cn_transaction_id = fields.Many2one(
        "chain.pay.cn.transaction",
        string="Payment-Code Transaction",
        readonly=True,
        index="btree_not_null",
        help="The WeChat Pay or Alipay payment behind this line (for a refund line: the payment refunded).",
    )
    chain_cn_refund_ids = fields.One2many("chain.pay.cn.refund", "pos_payment_id", string="Payment-Code Refunds")

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        return fields_ + ["chain_cn_transaction_id"] if fields_ else fields_

    @api.constrains("amount", "payment_method_id", "chain_cn_transaction_id", "pos_order_id")
    def _check_chain_cn_transaction(self):
        """A payment-code line of a paid order needs its settled transaction (see pos.order)."""
        chain = self.filtered(lambda p: p.payment_method_id.use_payment_terminal in CHAIN_TERMINALS)
        chain.pos_order_id.filtered(lambda o: o.state != "draft")._chain_cn_check_payments()
