from datetime import date

from freezegun import freeze_time

from odoo.tests import tagged

from odoo.addons.chain_member_prepaid.tests.common_deposit import ChainDepositCase
from odoo.addons.chain_member_prepaid.tests.common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
@freeze_time("2026-03-18 04:00:00")  # 12:00 in Shanghai
class TestPrepaidBonus(ChainDepositCase, ChainWalletCase):
    """Bonuses for the guide of a stored-value top-up (10 per top-up + 1 % of the amount) and of a
    formula deposit sold (20 per deposit + 0.5 % of the amount), by the guide of the line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        job = cls.env.ref("chain_hr_store.job_guide")
        Employee = cls.env["hr.employee"]
        cls.guide_1, cls.guide_2 = Employee.create(
            [
                {"name": "Guide 1 of A (test)", "chain_store_id": cls.store_a.id, "job_id": job.id},
                {"name": "Guide 2 of A (test)", "chain_store_id": cls.store_a.id, "job_id": job.id},
            ]
        )
        cls.guide_b = Employee.create({"name": "Guide of B (test)", "chain_store_id": cls.store_b.id, "job_id": job.id})
        cls.env["chain.commission.rule"].create(
            [
                {"name": "Top-up bonus (test)", "base": "topup", "amount": 10.0, "rate": 1.0},
                {"name": "Deposit bonus (test)", "base": "deposit", "amount": 20.0, "rate": 0.5},
            ]
        )

    def _guided(self, vals, guide):
        for line in vals["lines"]:
            line[2]["chain_guide_id"] = guide.id
        return vals

    def _sell(self):
        # guide 1 tops up 2 x 1,000 for Wang; guide 2 tops up 1,000 for Li (of store B, served in A)
        self.sync(self._guided(self.topup_vals(self.member_a, qty=2), self.guide_1))
        self.sync(self._guided(self.topup_vals(self.member_b), self.guide_2))
        # guide 2 sells Wang a deposit of 12 cans at 300; guide B sells Li 5 cans at 310 in store B
        deposit_line = (self.deposit_product, 12, 300.0, {"chain_deposit_product_id": self.formula.id})
        self.sync(self._guided(self.till_order([deposit_line], member=self.member_a), self.guide_2))
        deposit_line_b = (self.deposit_product, 5, 310.0, {"chain_deposit_product_id": self.formula.id})
        vals_b = self.till_order([deposit_line_b], session=self.session_b, member=self.member_b)
        self.sync(self._guided(vals_b, self.guide_b), user=self.cashier_b)
        # a top-up whose line has no guide earns nobody a bonus
        self.sync(self._guided(self.topup_vals(self.member_a), self.env["hr.employee"]))

    def test_bonus_figures_by_line_guide(self):
        self._sell()
        Statement = self.env["chain.commission.statement"]
        stores = self.store_a | self.store_b
        self.assertEqual(
            Statement._chain_bonus_figures("topup", stores, date(2026, 3, 1), date(2026, 4, 1)),
            {(self.store_a.id, self.guide_1.id): (1, 2000.0), (self.store_a.id, self.guide_2.id): (1, 1000.0)},
        )
        self.assertEqual(
            Statement._chain_bonus_figures("deposit", stores, date(2026, 3, 1), date(2026, 4, 1)),
            {(self.store_a.id, self.guide_2.id): (1, 3600.0), (self.store_b.id, self.guide_b.id): (1, 1550.0)},
        )
        self.assertEqual(Statement._chain_bonus_figures("deposit", stores, date(2026, 4, 1), date(2026, 5, 1)), {})

    def test_statement_pays_the_bonuses(self):
        self._sell()
        Statement = self.env["chain.commission.statement"]
        statement_a = Statement.create({"store_id": self.store_a.id, "month": date(2026, 3, 1)})
        statement_b = Statement.create({"store_id": self.store_b.id, "month": date(2026, 3, 1)})
        (statement_a | statement_b).action_compute()
        bonus = {line.employee_id: line.bonus for line in (statement_a | statement_b).line_ids}
        self.assertEqual(bonus[self.guide_1], 30.0, "10 + 1 % of 2,000")
        self.assertEqual(bonus[self.guide_2], 58.0, "10 + 1 % of 1,000, and 20 + 0.5 % of 3,600")
        self.assertEqual(bonus[self.guide_b], 27.75, "20 + 0.5 % of 1,550")
        self.assertEqual(statement_a.bonus, 88.0)

    def test_refunded_deposit_earns_its_rest(self):
        self._sell()
        Statement = self.env["chain.commission.statement"]
        deposit_b = self.env["chain.member.deposit"].search([("store_id", "=", self.store_b.id)])
        refund = (self.deposit_product, -5, 310.0, {"refunded_orderline_id": deposit_b.pos_order_line_id.id})
        vals = self.till_order([refund], session=self.session_b, member=self.member_b)
        self.sync(self._guided(vals, self.guide_b), user=self.cashier_b)
        self.assertEqual(deposit_b.qty_refunded, 5)
        figures = Statement._chain_bonus_figures("deposit", self.store_b, date(2026, 3, 1), date(2026, 4, 1))
        self.assertEqual(figures, {}, "a deposit refunded in full earns no bonus")
        deposit_a = self.env["chain.member.deposit"].search([("store_id", "=", self.store_a.id)])
        refund = (self.deposit_product, -2, 300.0, {"refunded_orderline_id": deposit_a.pos_order_line_id.id})
        self.sync(self._guided(self.till_order([refund], member=self.member_a), self.guide_1))
        figures = Statement._chain_bonus_figures("deposit", self.store_a, date(2026, 3, 1), date(2026, 4, 1))
        self.assertEqual(figures, {(self.store_a.id, self.guide_2.id): (1, 3000.0)}, "the 10 cans kept, to its guide")
