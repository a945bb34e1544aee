from odoo import Command
from odoo.tests import HttpCase

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainMemberCase(ChainStoreCase):
    """Two members: Wang of store A, Li of store B; tiers Silver (from 1,000, kept from 800,
    points x1.5) and Gold (from 5,000, kept from 3,000, points x2); a till in store A.
    Points: 1 per yuan, valid until the end of the following year.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Tier = cls.env["chain.member.tier"]
        cls.silver = Tier.create(
            {"name": "Silver", "sequence": 1, "threshold": 1000, "keep_threshold": 800, "points_multiplier": 1.5}
        )
        cls.gold = Tier.create(
            {"name": "Gold", "sequence": 2, "threshold": 5000, "keep_threshold": 3000, "points_multiplier": 2.0}
        )
        cls.tiers = cls.silver | cls.gold
        cls.env.company.write(
            {
                "chain_member_points_rate": 1.0,
                "chain_member_points_validity": "end_of_next_year",
                "chain_member_allow_negative_points": False,
            }
        )
        Member = cls.env["chain.member"]
        cls.member_a = Member.create({"name": "王小红", "mobile": "138 1234 5678", "home_store_id": cls.store_a.id})
        cls.member_b = Member.create({"name": "李娜", "mobile": "+86-139-0000-1111", "home_store_id": cls.store_b.id})
        cls.config_a = cls._pos_config(cls.store_a)

    def _sale(self, member, amount, config=None):
        """A paid POS order of ``member`` for ``amount``."""
        order = self._pos_order(config or self.config_a, amount=amount)
        order.partner_id = member.partner_id
        order.action_pos_order_paid()
        return order

    def _refund(self, order, amount):
        """A paid refund of ``amount`` of ``order`` (one line, negative)."""
        session = order.session_id
        line = order.lines[:1]
        refund = self.env["pos.order"].create(
            {
                "session_id": session.id,
                "partner_id": order.partner_id.id,
                "amount_total": -amount,
                "amount_tax": 0.0,
                "amount_paid": -amount,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": line.product_id.id,
                            "qty": -1,
                            "price_unit": amount,
                            "price_subtotal": -amount,
                            "price_subtotal_incl": -amount,
                            "refunded_orderline_id": line.id,
                        }
                    )
                ],
            }
        )
        self.env["pos.payment"].create(
            {"pos_order_id": refund.id, "amount": -amount, "payment_method_id": session.payment_method_ids[:1].id}
        )
        refund.action_pos_order_paid()
        return refund

    def _award(self, member, points, date=None):
        # sudo: as the POS hook does, the ledger has no writer among the roles
        return member.sudo()._chain_award_points(points, "award", date=date)

    def assertLedgerBalanced(self, member):
        """The balance is the sum of the ledger and, while not negative, of the points left."""
        member.invalidate_recordset()
        lines = self.env["chain.member.points.line"].search([("member_id", "=", member.id)])
        self.assertEqual(member.points_balance, sum(lines.mapped("points")))
        if member.points_balance >= 0:
            self.assertEqual(member.points_balance, sum(lines.mapped("remaining")))


class ChainMemberHttpCase(HttpCase, ChainMemberCase):
    """Store A's staff logged in to the web client; ``_call`` is its JSON-RPC, as any client would call it."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def setUp(self):
        super().setUp()
        self.staff_a.password = "staff-a-pass"
        self.authenticate(self.staff_a.login, "staff-a-pass")
