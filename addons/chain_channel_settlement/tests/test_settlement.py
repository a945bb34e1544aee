# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import SettlementCommon


@tagged("post_install", "-at_install")
class TestSettlement(SettlementCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.orders = {pid: cls._order(pid) for pid in ("STL-E1", "STL-E2", "STL-E3")}

    def _statement(self):
        return self._csv(
            [
                ("F1", "STL-E1", "订单入账", "100.00", "", "2026-11-28 10:00:00", ""),
                ("F2", "STL-E1", "平台佣金", "", "5.00", "2026-11-28 10:00:00", ""),
                ("F3", "STL-E2", "订单入账", "100.00", "", "2026-11-28 11:00:00", ""),
                ("F4", "STL-E2", "平台佣金", "", "7.00", "2026-11-28 11:00:00", ""),  # contract: 5.00
                ("F5", "STL-E3", "订单入账", "100.00", "", "2026-11-28 12:00:00", ""),
                ("F6", "STL-E3", "平台佣金", "", "5.00", "2026-11-28 12:00:00", ""),
                ("F7", "STL-E3", "运费险", "", "1.50", "2026-11-28 12:00:00", ""),
                ("F8", "STL-E404", "订单入账", "88.00", "", "2026-11-28 13:00:00", ""),  # no such order
                ("F9", "STL-E404", "平台佣金", "", "4.40", "2026-11-28 13:00:00", ""),
                ("F10", "", "平台补贴", "3.00", "", "2026-11-29 09:00:00", ""),
                ("F11", "", "提现", "", "200.00", "2026-11-30 09:00:00", "PAYOUT-77"),
            ]
        )

    def test_import_twice_is_once_and_two_todos(self):
        """The proof: the same statement imported twice is stored and posted once; a missing
        order and a fee mismatch become two to-dos for the accountant; the wallet balance is what
        the platform still owes."""
        Line = self.env["chain.channel.settlement.line"]
        self._import(self._statement())
        lines = Line.search([("channel_id", "=", self.channel.id)])
        self.assertEqual(len(lines), 11)
        answer = self._import(self._statement())
        self.assertEqual(answer["tag"], "display_notification", "nothing new the second time")
        self.assertEqual(Line.search_count([("channel_id", "=", self.channel.id)]), 11)
        self.assertEqual(self.env["chain.channel.settlement"].search_count([("channel_id", "=", self.channel.id)]), 1)

        for order in self.orders.values():
            self.assertEqual(order.invoice_ids.amount_residual, 0.0, order.chain_platform_order_id)
            self.assertIn(order.invoice_ids.payment_state, ("paid", "in_payment"))
        unmatched = lines.filtered(lambda line: line.state == "unmatched")
        self.assertEqual(
            sorted((line.key, line.reason) for line in unmatched),
            [("F4", "fee"), ("F8", "unknown_order"), ("F9", "unknown_order")],
        )
        self.assertIn("5.00", lines.filtered(lambda line: line.key == "F4").reason_detail)

        # the wallet holds: 300 paid - 10 commission - 1.50 insurance + 3 subsidy - 200 payout
        balance = self.channel.chain_wallet_balance()[self.channel.id]
        self.assertAlmostEqual(balance["wallet"], 91.5)
        self.assertAlmostEqual(balance["settled"], balance["wallet"])
        self.assertAlmostEqual(balance["unmatched"], 88.0 - 4.4 - 7.0)

        # the payout reaches the bank: matched by amount, date window and reference
        statement_line = self.env["account.bank.statement.line"].create(
            {
                "journal_id": self.bank_journal.id,
                "date": "2026-12-01",
                "amount": 200.0,
                "payment_ref": "YOUZAN PAYOUT-77",
            }
        )
        self.company.chain_settlement_todo_days = 0
        self.company.chain_settlement_user_id = self.accountant
        Line._cron_chain_settlement_todo()
        payout = lines.filtered(lambda line: line.kind == "payout")
        self.assertEqual(payout.state, "done")
        self.assertEqual(payout.bank_line_id, statement_line)
        self.assertTrue(statement_line.is_reconciled)

        activities = self.env["mail.activity"].search(
            [("res_model", "=", "chain.channel.settlement.line"), ("res_id", "in", lines.ids)]
        )
        self.assertEqual(len(activities), 2, "one to-do for the missing order, one for the fee mismatch")
        self.assertEqual(activities.user_id, self.accountant)
        Line._cron_chain_settlement_todo()
        self.assertEqual(
            self.env["mail.activity"].search_count(
                [("res_model", "=", "chain.channel.settlement.line"), ("res_id", "in", lines.ids)]
            ),
            2,
            "a to-do is made once",
        )

    def test_late_invoice_matches_on_the_next_run(self):
        """A payment for an order not invoiced yet waits; once the order ships, the daily run
        matches it."""
        order = self._order("STL-LATE", ship=False)
        self._import(self._csv([("L1", "STL-LATE", "订单入账", "100.00", "", "2026-11-28", "")]))
        line = self.env["chain.channel.settlement.line"].search([("key", "=", "L1")])
        self.assertEqual((line.state, line.reason), ("unmatched", "unknown_order"))
        self._ship(order)
        self.env["chain.channel.settlement.line"]._cron_chain_settlement_todo()
        self.assertEqual(line.state, "done")
        self.assertEqual(order.invoice_ids.amount_residual, 0.0)

    def test_bad_lines_stay_unmatched(self):
        """Amount and currency mismatches and an unknown type: unmatched with their reason, the
        rest of the statement posted."""
        self.env["chain.channel.settlement"]._chain_import(
            self.channel,
            [
                {
                    "key": "B1",
                    "platform_order_id": "STL-E1",
                    "kind": "payment",
                    "amount": 90,
                    "currency": self.currency,
                },
                {"key": "B2", "platform_order_id": "STL-E2", "kind": "payment", "amount": 100, "currency": "ZZZ"},
                {"key": "B3", "platform_order_id": "STL-E3", "kind": "other", "label": "保证金", "amount": 5},
                {"key": "B4", "platform_order_id": "STL-E3", "kind": "payment", "amount": 100},
            ],
            "bad lines",
        )
        lines = self.env["chain.channel.settlement.line"].search([("key", "in", ("B1", "B2", "B3", "B4"))])
        self.assertEqual(
            {line.key: (line.state, line.reason) for line in lines},
            {
                "B1": ("unmatched", "amount"),
                "B2": ("unmatched", "currency"),
                "B3": ("unmatched", "unknown_type"),
                "B4": ("done", False),
            },
        )
        self.assertEqual(self.orders["STL-E1"].invoice_ids.amount_residual, 100.0)

    def test_unreadable_file(self):
        with self.assertRaises(UserError):
            self._import(b"nothing,useful\n1,2\n")
        self.assertFalse(self.env["chain.channel.settlement"].search([("channel_id", "=", self.channel.id)]))
