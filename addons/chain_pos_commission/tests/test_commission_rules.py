from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .common import ChainCommissionCase


@tagged("post_install", "-at_install")
class TestCommissionRules(ChainCommissionCase):
    def test_overlapping_rules_refused(self):
        Rule = self.env["chain.commission.rule"]
        with self.assertRaisesRegex(ValidationError, "apply to the same products"):
            Rule.create({"name": "Feihe again", "applies_to": "brand", "brand": " 飞鹤 ", "base": "sales", "rate": 9})
        with self.assertRaisesRegex(ValidationError, "apply to the same products"):
            Rule.create({"name": "Store A all", "applies_to": "all", "base": "margin", "rate": 5,
                         "store_ids": [self.store_a.id]})  # fmt: skip

    def test_same_scope_in_other_period_or_store_accepted(self):
        Rule = self.env["chain.commission.rule"]
        self.rule_feihe.write({"store_ids": [self.store_a.id]})
        other = Rule.create({"name": "Feihe B", "applies_to": "brand", "brand": "飞鹤", "base": "sales", "rate": 6,
                             "store_ids": [self.store_b.id]})  # fmt: skip
        self.assertTrue(other)
        with self.assertRaisesRegex(ValidationError, "apply to the same products"):
            other.store_ids = self.store_a | self.store_b

    def test_scope_target_required_and_bonus_for_all(self):
        Rule = self.env["chain.commission.rule"]
        with self.assertRaises(ValidationError):
            Rule.create({"name": "No brand", "applies_to": "brand", "base": "sales", "rate": 1})
        with self.assertRaisesRegex(ValidationError, "bonus"):
            Rule.create({"name": "Member per brand", "applies_to": "brand", "brand": "X", "base": "member_enrolled"})

    def test_a_rule_ending_mid_month_hands_over_to_the_next_specific(self):
        """飞鹤's brand rule ends on 10 March: from the 11th 飞鹤 earns the formula category's 2 %."""
        self.rule_feihe.date_to = "2026-03-10"
        self.rule_feihe.tier_ids = False
        self._sale(self.config_a, "2026-03-05 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a3)])
        self._sale(self.config_a, "2026-03-20 04:00:00", [(self.feihe, 1, 300, 200, self.emp_a3)])
        statement = self._statement(self.store_a, self.march)
        statement.action_compute()
        line = statement.line_ids.filtered(lambda line: line.employee_id == self.emp_a3)
        self.assertEqual(line.commission, 9.0 + 6.0)
