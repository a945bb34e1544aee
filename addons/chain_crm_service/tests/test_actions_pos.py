from odoo import Command
from odoo.tests import new_test_user, tagged

from .common_actions import ChainCaseActionsCase


@tagged("post_install", "-at_install")
class TestCaseFromPos(ChainCaseActionsCase):
    """``helpdesk.ticket.chain_create_from_pos``: the till's store and the user are checked."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        groups = "point_of_sale.group_pos_user,chain_store.group_chain_store_user"
        cls.cashier_a, cls.cashier_b = (
            new_test_user(
                cls.env,
                login=login,
                groups=groups,
                chain_store_ids=[Command.set(store.ids)],
                chain_store_id=store.id,
            )
            for login, store in (("t_case_cashier_a", cls.store_a), ("t_case_cashier_b", cls.store_b))
        )
        cls.session_a = cls.pos_a.current_session_id

    def _vals(self, **vals):
        return {
            "session_id": self.session_a.id,
            "partner_id": self.wang.partner_id.id,
            "category_id": self.categ_safety.id,
            "description": "Rash after the formula",
            "product_id": self.formula.id,
            "lot_name": "F-BAD",
            "line_id": self.line.id,
            **vals,
        }

    def _create(self, user, vals):
        return self.env["helpdesk.ticket"].with_user(user).chain_create_from_pos(vals)

    def test_case_of_the_till(self):
        answer = self._create(self.cashier_a, self._vals())
        self.assertNotIn("error", answer)
        case = self.env["helpdesk.ticket"].browse(answer["id"])
        self.assertRecordValues(
            case,
            [
                {
                    "chain_source": "pos",
                    "chain_store_id": self.store_a.id,
                    "chain_member_id": self.wang.id,
                    "chain_product_id": self.formula.id,
                    "chain_lot_id": self.bad.id,
                    "chain_pos_line_id": self.line.id,
                    "chain_pos_order_id": self.order_member.id,
                    "create_uid": self.cashier_a.id,
                }
            ],
        )

    def test_refusals_are_answers(self):
        cases = self.env["helpdesk.ticket"].search_count([])
        refused = [
            (self.cashier_b, self._vals()),  # another store's till
            (self.cashier_a, self._vals(partner_id=False)),
            (self.cashier_a, self._vals(category_id=0)),
            (self.cashier_a, self._vals(description="  ")),
            (self.cashier_a, self._vals(session_id="1")),
            (self.cashier_a, "not a dict"),
        ]
        for user, vals in refused:
            answer = self._create(user, vals)
            self.assertIn("error", answer, vals)
        self.session_a.state = "closed"
        self.assertIn("error", self._create(self.cashier_a, self._vals()))
        self.assertEqual(self.env["helpdesk.ticket"].search_count([]), cases)

    def test_a_line_of_another_store_is_not_linked(self):
        self.session_a.state = "opened"
        answer = self._create(self.cashier_a, self._vals(line_id=self.order_known_b.lines.id))
        case = self.env["helpdesk.ticket"].browse(answer["id"])
        self.assertFalse(case.chain_pos_line_id)
        self.assertEqual(case.chain_lot_id, self.bad)
