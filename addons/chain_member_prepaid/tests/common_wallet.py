import uuid

from odoo import Command, fields

from odoo.addons.chain_pos_member.tests.common import ChainPosMemberCase


class ChainWalletCase(ChainPosMemberCase):
    """chain_pos_member's two open tills and members; a top-up product of 1,000 and the
    rule "top up 1,000, get 100" (充1000送100); bonus used pro rata."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.chain_wallet_bonus_use = "pro_rata"
        cls.wallet_account = cls.company._chain_prepaid_account("wallet_topup")
        cls.bonus_account = cls.company.chain_wallet_bonus_account_id
        cls.topup = cls.env["product.product"].create(
            {
                "name": "Top-up 1,000 (test)",
                "chain_prepaid_kind": "wallet_topup",
                "available_in_pos": True,
                "lst_price": 1000.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.pay_product, cls.bonus_product = cls.env["pos.order"]._chain_wallet_products()
        cls.rule = cls.env["chain.prepaid.topup.rule"].create(
            {"name": "Top up 1,000, get 100", "min_amount": 1000.0, "bonus_amount": 100.0}
        )

    # -- orders ----------------------------------------------------------------------
    def _order(self, session, partner, lines, **vals):
        total = sum(line[2]["price_subtotal_incl"] for line in lines)
        now = fields.Datetime.to_string(fields.Datetime.now())
        methods = session.payment_method_ids
        cash = methods.filtered("is_cash_count")[:1] or methods[:1]
        order_uuid = str(uuid.uuid4())
        payments = []
        if total:
            payments = [(0, 0, {"uuid": str(uuid.uuid4()), "amount": total, "name": now, "payment_method_id": cash.id})]
        return {
            "uuid": order_uuid,
            "name": f"Order {order_uuid}",
            "session_id": session.id,
            "sequence_number": 1,
            "user_id": session.user_id.id,
            "pricelist_id": session.config_id.pricelist_id.id,
            "fiscal_position_id": False,
            "partner_id": partner.id if partner else False,
            "to_invoice": False,
            "date_order": now,
            "last_order_preparation_change": "{}",
            "state": "paid",
            "amount_total": total,
            "amount_tax": 0.0,
            "amount_paid": total,
            "amount_return": 0.0,
            "lines": lines,
            "access_token": str(uuid.uuid4()),
            "payment_ids": payments,
            **vals,
        }

    def topup_vals(self, member, qty=1, session=None, price=None):
        """An order topping up ``qty`` x 1,000 for ``member``, paid cash."""
        session = session or self.session_a
        line = self._line(self.topup, qty, self.topup.lst_price if price is None else price)
        return self._order(session, member.partner_id if member else None, [line])

    def pay_vals(self, member, grant, item_qty=1, session=None, principal=None, bonus=None, extra_lines=()):
        """An order of ``item_qty`` x 100 paid with the stored value of ``grant`` (a verify answer), the
        rest cash; ``principal``/``bonus`` override the split of the lines."""
        session = session or self.session_a
        lines = [self._line(self.item, item_qty, self.item.lst_price), *extra_lines]
        principal = grant["principal"] if principal is None else principal
        bonus = grant["bonus"] if bonus is None else bonus
        if principal:
            lines.append(self._line(self.pay_product, 1, -principal))
        if bonus:
            lines.append(self._line(self.bonus_product, 1, -bonus))
        return self._order(
            session,
            member.partner_id,
            lines,
            chain_wallet_amount=grant.get("amount", 0.0),
            chain_wallet_token=grant.get("token", False),
        )

    def prove_wallet(self, member, amount, session=None, user=None):
        """A stored-value grant for ``amount`` of ``member`` by SMS code, as the till gets it."""
        session = (session or self.session_a).with_user(user or self.cashier_a)
        with self.sms_reachable():
            sent = session.chain_wallet_send_code(member.id, amount)
        self.assertIn("challenge_id", sent, sent)
        code = self.sms.last_code(member.mobile)
        grant = session.chain_wallet_verify_code(sent["challenge_id"], code, amount)
        self.assertIn("token", grant, grant)
        return grant

    def prove_wallet_qr(self, member, amount, session=None, user=None):
        """A stored-value grant for ``amount`` of ``member`` by her QR code."""
        session = (session or self.session_a).with_user(user or self.cashier_a)
        grant = session.chain_wallet_verify_qr(member._chain_qr_token(), amount)
        self.assertIn("token", grant, grant)
        return grant

    def top_up(self, member, qty=1, session=None, user=None):
        return self.sync(self.topup_vals(member, qty=qty, session=session), user=user)

    def ledger(self, member):
        return self.env["chain.member.wallet.line"].search([("member_id", "=", member.id)])

    def assertWallet(self, member, principal, bonus):
        member.invalidate_recordset()
        lines = self.ledger(member)
        self.assertAlmostEqual(member.wallet_principal, principal, places=2)
        self.assertAlmostEqual(member.wallet_bonus, bonus, places=2)
        self.assertAlmostEqual(sum(lines.mapped("principal")), principal, places=2)
        self.assertAlmostEqual(sum(lines.mapped("bonus")), bonus, places=2)
        card = self.env["loyalty.card"].search(
            [("program_id.chain_wallet", "=", True), ("partner_id", "=", member.partner_id.id)]
        )
        if principal or bonus or card:
            self.assertAlmostEqual(card.points, principal + bonus, places=2)
