# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import AccessError
from odoo.tests import tagged

from .common import SettlementCommon


@tagged("post_install", "-at_install")
class TestAccess(SettlementCommon):
    def test_store_user_never_sees_settlements(self):
        self._order("ACC-E1")
        self._import(self._csv([("A1", "ACC-E1", "订单入账", "100.00", "", "2026-11-28", "")]))
        settlement = self.env["chain.channel.settlement"].search([("channel_id", "=", self.channel.id)])
        with self.assertRaises(AccessError):
            settlement.with_user(self.store_user).read(["name"])
        with self.assertRaises(AccessError):
            self.env["chain.channel.settlement.line"].with_user(self.store_user).search([])
        with self.assertRaises(AccessError):
            self._import(self._csv([("A2", "ACC-E1", "平台佣金", "", "5", "2026-11-28", "")]), user=self.store_user)
        with self.assertRaises(AccessError):
            self.channel.with_user(self.store_user).chain_wallet_balance()

    def test_channel_manager_imports_and_matching_state_is_guarded(self):
        self._order("ACC-E2")
        self._import(
            self._csv([("A3", "ACC-E2", "订单入账", "100.00", "", "2026-11-28", "")]), user=self.channel_manager
        )
        line = self.env["chain.channel.settlement.line"].search([("key", "=", "A3")])
        self.assertEqual(line.state, "done")
        with self.assertRaises(AccessError):
            line.with_user(self.accountant).write({"state": "unmatched"})
        with self.assertRaises(AccessError):
            self.channel.with_user(self.channel_manager).action_chain_settlement_setup()

    def test_other_company_settlements_hidden(self):
        other = self.env["res.company"].create({"name": "Other chain company"})
        self._order("ACC-E3")
        self._import(self._csv([("A4", "ACC-E3", "订单入账", "100.00", "", "2026-11-28", "")]))
        self.accountant.write({"company_ids": [(4, other.id)], "company_id": other.id})
        lines = (
            self.env["chain.channel.settlement.line"]
            .with_user(self.accountant)
            .with_context(allowed_company_ids=[other.id])
            .search([("key", "=", "A4")])
        )
        self.assertFalse(lines)
