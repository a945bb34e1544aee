from odoo import _, api, fields, models
from odoo.exceptions import UserError

from ..lib import wallet as wallet_lib


class PosOrder(models.Model):
    """Prepayments on the till's orders (shared: each feature adds its own methods, named after it)."""

    _inherit = "pos.order"
    _chain_guarded_fields = {
        # sent by the till with the order; the server checks the token when the order is paid
        "chain_wallet_token": ("sync_from_ui",),
        "chain_wallet_amount": ("sync_from_ui",),
    }

    chain_wallet_amount = fields.Float(string="Paid with Stored Value", readonly=True, copy=False, digits=(16, 2))
    chain_wallet_token = fields.Char(readonly=True, copy=False)
    chain_wallet_line_ids = fields.One2many("chain.member.wallet.line", "pos_order_id", string="Stored Value Moves")

    # ------------------------------------------------------------------
    # Stored value (储值)
    # ------------------------------------------------------------------
    @api.model
    def _chain_wallet_products(self):
        """``(payment product, bonus product)``: the lines paying with the principal and with the bonus."""
        return (
            self.env.ref("chain_member_prepaid.product_wallet_payment"),
            self.env.ref("chain_member_prepaid.product_wallet_bonus"),
        )

    def _process_saved_order(self, draft):
        # before Odoo's payment, which logs and swallows its errors: a refused stored value refuses the sync
        if not draft and self.state != "cancel":
            self._chain_wallet_process()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        self._chain_wallet_process()  # orders paid another way; done once (see _chain_wallet_process)
        return super().action_pos_order_paid()

    def _chain_wallet_process(self):
        """Post the order's top-ups and stored-value payments on the member's ledger, once.

        Refused (``UserError``, the whole order) when: the order tops up and pays
        with stored value (or points) at once (odoo/odoo#273419); a top-up or a
        payment has no member as customer; a payment has no valid proof of the
        member for exactly its amount, is more than the order, or is not split
        between principal and bonus as the member's balance and the company's rule
        split it now; the balance is short (under the member's lock: two tills
        never spend the same stored value).
        """
        pay_product, bonus_product = self._chain_wallet_products()
        for order in self:
            lines = order.lines
            topups = lines.filtered(lambda line: line.product_id.chain_prepaid_kind == "wallet_topup")
            pays = lines.filtered(lambda line: line.product_id in (pay_product | bonus_product))
            if not topups and not pays and not order.chain_wallet_amount:
                continue
            # sudo: whether the order was already posted, whoever syncs it again
            if order.sudo().chain_wallet_line_ids:
                continue
            if topups and (pays or order.chain_wallet_amount or order._chain_wallet_has_points()):
                raise UserError(_("A top-up cannot be paid with stored value or points: take another payment."))
            member = order._chain_member()
            if not member:
                raise UserError(_("Stored value needs a member: set the member as the order's customer."))
            store = order.config_id.chain_store_id
            if not store:
                raise UserError(_("This point of sale belongs to no store."))
            if topups:
                order._chain_wallet_topup(member, topups, store)
            else:
                order._chain_wallet_pay(member, pays, pay_product, store)

    def _chain_wallet_has_points(self):
        product = self.company_id.chain_pos_redeem_product_id
        return bool(self.chain_redeem_points or (product and product in self.lines.product_id))

    def _chain_wallet_topup(self, member, topups, store):
        amount = sum(topups.mapped("price_subtotal_incl"))
        if any(line.qty < 0 or line.price_subtotal_incl < 0 for line in topups) or amount <= 0:
            raise UserError(
                _(
                    "Stored value is not refunded at the till: the store manager pays it back from the member's "
                    "stored value (principal only)."
                )
            )
        day = fields.Date.context_today(self, self.date_order)
        bonus, rule = self.env["chain.prepaid.topup.rule"]._chain_bonus(self.company_id, amount, store, day)
        reference = self.pos_reference or self.name
        member._chain_wallet_post("topup", amount, 0.0, store, pos_order=self, note=_("Top-up: %s", reference))
        if bonus:
            member._chain_wallet_post(
                "bonus", 0.0, bonus, store, pos_order=self, rule=rule, note=_("Bonus of %(rule)s", rule=rule.name)
            )

    def _chain_wallet_pay(self, member, pays, pay_product, store):
        principal = -sum(pays.filtered(lambda line: line.product_id == pay_product).mapped("price_subtotal_incl"))
        bonus = -sum(pays.filtered(lambda line: line.product_id != pay_product).mapped("price_subtotal_incl"))
        principal_fen, bonus_fen = wallet_lib.to_fen(principal), wallet_lib.to_fen(bonus)
        reference = self.pos_reference or self.name
        if pays and all(line.refunded_orderline_id for line in pays) and principal_fen <= 0 and bonus_fen <= 0:
            # goods paid with stored value come back: their stored value goes back to the member
            member._chain_wallet_post(
                "use", -principal, -bonus, store, pos_order=self, note=_("Returned: %s", reference)
            )
            return
        if principal_fen < 0 or bonus_fen < 0 or any(line.refunded_orderline_id for line in pays):
            raise UserError(_("A payment with stored value cannot be negative."))
        amount_fen = principal_fen + bonus_fen
        if amount_fen <= 0 or amount_fen != wallet_lib.to_fen(self.chain_wallet_amount):
            raise UserError(_("The stored-value lines do not match the amount the member agreed to pay."))
        if wallet_lib.to_fen(self.amount_total) < 0:
            raise UserError(_("Stored value cannot pay more than the order is worth."))
        if not self.chain_wallet_token:
            raise UserError(
                _("A payment with stored value needs the member's proof of presence (QR code or one-time code).")
            )
        self.env["chain.member.proof"]._chain_use_wallet_token(
            self.chain_wallet_token, member, amount_fen, self.session_id, self
        )
        member._chain_wallet_lock()
        # sudo: the member's balance, locked above
        split = member.sudo()._chain_wallet_split(wallet_lib.to_amount(amount_fen))
        if not split:
            # sudo: see above
            balance = member.sudo().wallet_principal + member.sudo().wallet_bonus
            raise UserError(
                _("Member %(code)s has %(balance)s of stored value: not enough.", code=member.code, balance=balance)
            )
        if (wallet_lib.to_fen(split[0]), wallet_lib.to_fen(split[1])) != (principal_fen, bonus_fen):
            raise UserError(
                _(
                    "The member's stored value changed meanwhile (principal %(principal)s, bonus %(bonus)s "
                    "expected): remove the stored-value lines and pay with stored value again.",
                    principal=split[0],
                    bonus=split[1],
                )
            )
        member._chain_wallet_post(
            "use", -split[0], -split[1], store, pos_order=self, note=_("Paid at the till: %s", reference)
        )

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_wallet_amount"]
        return fields_
