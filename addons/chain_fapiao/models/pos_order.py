import secrets
from collections import defaultdict

from odoo import api, fields, models


class PosOrder(models.Model):
    _inherit = "pos.order"
    # the token is set once by the server at creation and dropped from any client's write (the
    # till sends back the fields it loaded): not a workflow field
    _chain_guarded_fields = {}

    chain_fapiao_token = fields.Char(
        string="Fapiao Token",
        copy=False,
        readonly=True,
        index="btree_not_null",
        groups="point_of_sale.group_pos_user,account.group_account_invoice",
        help="The secret of the receipt's QR code (/chain/fapiao/<token>).",
    )
    chain_fapiao_request_ids = fields.One2many("chain.fapiao.request", "order_id", string="Fapiao Requests")

    @api.model_create_multi
    def create(self, vals_list):
        # the token is the server's secret: a value sent by a client is replaced
        vals_list = [dict(vals, chain_fapiao_token=secrets.token_urlsafe(24)) for vals in vals_list]
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and "chain_fapiao_token" in vals:
            vals = {k: v for k, v in vals.items() if k != "chain_fapiao_token"}
        return super().write(vals)

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_list = super()._load_pos_data_fields(config_id)
        return [*fields_list, "chain_fapiao_token"] if fields_list else fields_list

    def _chain_fapiao_url(self):
        self.ensure_one()
        base = self.get_base_url()
        # sudo: the token is read for the receipt of an order the caller already holds
        return f"{base}/chain/fapiao/{self.sudo().chain_fapiao_token}"

    # -- invoicing of a fapiao request ---------------------------------------------------------

    def _chain_fapiao_request(self):
        return self.chain_fapiao_request_ids.filtered(lambda r: r.state != "cancel")[:1]

    def _prepare_invoice_vals(self):
        vals = super()._prepare_invoice_vals()
        buyer = self._chain_fapiao_request().partner_id
        if buyer:
            vals["partner_id"] = buyer.id
        return vals

    def _prepare_aml_values_list_per_nature(self):
        """odoo/odoo#286516: when the session's stock moves were made at closing (no delivery on the
        order), Odoo 18 reverses no cost of goods while the invoice books it again: the cost is
        doubled. The cost of goods reversed is then the invoice's own (its ``cogs`` lines)."""
        result = super()._prepare_aml_values_list_per_nature()
        if self.company_id.anglo_saxon_accounting and not result.get("stock") and self.account_move:
            partner = self.partner_id.commercial_partner_id
            for line in self.account_move.line_ids.filtered(lambda aml: aml.display_type == "cogs"):
                result["stock"].append(
                    {
                        "name": line.name,
                        "account_id": line.account_id.id,
                        "partner_id": partner.id,
                        "currency_id": self.company_id.currency_id.id,
                        "amount_currency": line.balance,
                        "balance": line.balance,
                    }
                )
        return result

    def _create_misc_reversal_move(self, payment_moves):
        """odoo/odoo#245941: an order paid on the customer's account and invoiced after closing gets
        a reversal whose receivable line Odoo 18 leaves open beside the session's one: the customer
        shows the debt twice. Reconcile the two, so that only the invoice stays open."""
        result = super()._create_misc_reversal_move(payment_moves)
        reversal = self.env["account.move"].search(
            [("reversed_pos_order_id", "=", self.id), ("state", "=", "posted")], order="id desc", limit=1
        )
        session_move = self.session_move_id
        if not reversal or not session_move:
            return result
        to_reconcile = defaultdict(lambda: self.env["account.move.line"])
        for line in reversal.line_ids.filtered(
            lambda aml: aml.partner_id and aml.account_id.reconcile and not aml.reconciled
        ):
            to_reconcile[(line.account_id, line.partner_id)] |= line
        for (account, partner), lines in to_reconcile.items():
            sign = 1 if lines[0].balance > 0 else -1
            counterpart = session_move.line_ids.filtered(
                lambda aml, account=account, partner=partner, sign=sign: (
                    aml.account_id == account
                    and aml.partner_id.commercial_partner_id == partner.commercial_partner_id
                    and not aml.reconciled
                    and aml.balance * sign < 0
                )
            )
            if counterpart:
                # sudo: the session's entry is Odoo's; the reconciliation only pairs its own amounts
                (lines | counterpart).sudo().reconcile()
        return result

    def _chain_fapiao_within_deadline(self, today=None):
        """Whether a fapiao may still be asked for this order (the company's deadline)."""
        self.ensure_one()
        today = today or fields.Date.context_today(self)
        order_day = fields.Date.context_today(self, self.date_order)
        return (today - order_day).days <= self.company_id.chain_fapiao_request_days
