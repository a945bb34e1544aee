import datetime

from freezegun import freeze_time
from psycopg2.errors import CheckViolation

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common_wallet import ChainWalletCase


@tagged("post_install", "-at_install")
class TestWalletRules(ChainWalletCase):
    """Top-up bonus rules as a consultant sets them: the best one applies, by date and store."""

    def bonus(self, amount, store=None, day="2026-12-07"):
        bonus, rule = self.env["chain.prepaid.topup.rule"]._chain_bonus(
            self.company, amount, store or self.store_a, datetime.date.fromisoformat(day)
        )
        return bonus, rule

    def test_best_rule_applies(self):
        Rule = self.env["chain.prepaid.topup.rule"]
        big = Rule.create({"name": "Top up 3,000, get 400", "min_amount": 3000.0, "bonus_amount": 400.0})
        percent = Rule.create({"name": "12% in store B", "min_amount": 500.0, "bonus_percent": 12.0,
                               "store_ids": [Command.set(self.store_b.ids)]})  # fmt: skip
        self.assertEqual(self.bonus(999.99), (0.0, Rule))
        self.assertEqual(self.bonus(1000.0), (100.0, self.rule))
        self.assertEqual(self.bonus(3000.0), (400.0, big))
        self.assertEqual(self.bonus(3000.0, self.store_b), (400.0, big))
        self.assertEqual(self.bonus(5000.0, self.store_b), (600.0, percent))
        self.assertEqual(self.bonus(800.0, self.store_b), (96.0, percent))
        self.assertEqual(self.bonus(800.0, self.store_a), (0.0, Rule))

    def test_rule_dates(self):
        self.rule.write({"date_from": "2026-12-01", "date_to": "2026-12-31"})
        self.assertEqual(self.bonus(1000.0, day="2026-11-30")[0], 0.0)
        self.assertEqual(self.bonus(1000.0, day="2026-12-31")[0], 100.0)
        self.assertEqual(self.bonus(1000.0, day="2027-01-01")[0], 0.0)
        with freeze_time("2027-01-02"):
            self.top_up(self.member_a)
        self.assertWallet(self.member_a, 1000.0, 0.0)

    def test_rule_constraints(self):
        Rule = self.env["chain.prepaid.topup.rule"]
        with self.assertRaises(ValidationError):
            Rule.create({"name": "Nothing", "min_amount": 100.0})
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"), self.cr.savepoint():
            self.rule.write({"date_from": "2026-12-31", "date_to": "2026-12-01"})
            self.rule.flush_recordset()
        with self.assertRaises(CheckViolation), mute_logger("odoo.sql_db"), self.cr.savepoint():
            Rule.create({"name": "Negative", "min_amount": 100.0, "bonus_amount": -5.0, "bonus_percent": 10.0})
            Rule.flush_model()

    def test_archived_rule_gives_nothing(self):
        self.rule.active = False
        self.top_up(self.member_a)
        self.assertWallet(self.member_a, 1000.0, 0.0)

    def test_top_up_bonus_shown_at_till(self):
        session = self.session_a.with_user(self.cashier_a)
        self.assertEqual(session.chain_wallet_topup_bonus(1000.0), {"bonus": 100.0, "rule": "Top up 1,000, get 100"})
        self.assertEqual(session.chain_wallet_topup_bonus("1000"), {"bonus": 0.0, "rule": ""})

    def test_goods_paid_with_stored_value_returned(self):
        """A return of goods paid with stored value gives the member her principal and bonus back."""
        self.top_up(self.member_a)
        grant = self.prove_wallet(self.member_a, 110.0)
        order = self.sync(self.pay_vals(self.member_a, grant, item_qty=2))
        self.assertWallet(self.member_a, 900.0, 90.0)
        lines = []
        for line in order.lines:
            vals = self._line(line.product_id, -line.qty, line.price_unit)
            vals[2]["refunded_orderline_id"] = line.id
            lines.append(vals)
        refund = self._order(self.session_a, self.member_a.partner_id, lines)
        self.sync(refund)
        self.assertWallet(self.member_a, 1000.0, 100.0)

    def test_new_company_gets_accounts_and_program(self):
        company = self.env["res.company"].create({"name": "Chain North (test)"})
        self.env["account.chart.template"].try_loading("generic_coa", company, install_demo=False)
        for kind in ("wallet_topup", "deposit", "service_card"):
            field = {"wallet_topup": "chain_prepaid_wallet_account_id", "deposit": "chain_prepaid_deposit_account_id",
                     "service_card": "chain_prepaid_service_card_account_id"}[kind]  # fmt: skip
            account = company[field]
            self.assertEqual(account.account_type, "liability_current", kind)
            self.assertEqual(account.company_ids, company)
        self.assertTrue(company.chain_wallet_bonus_account_id)
        program = self.env["loyalty.program"].search([("chain_wallet", "=", True), ("company_id", "=", company.id)])
        self.assertEqual(len(program), 1)
        self.assertEqual(
            self.topup.with_company(company).property_account_income_id, company.chain_prepaid_wallet_account_id
        )
