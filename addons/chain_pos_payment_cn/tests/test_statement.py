"""The daily statement: the providers' bills of a day against the POS payments, differences as to-dos."""

import uuid
from datetime import timedelta

from odoo.exceptions import AccessError
from odoo.tests import new_test_user, tagged

from .common import ChainPayCnCase


class ChainPayCnStatementCase(ChainPayCnCase):
    """The payments fixture plus a reconciling accountant on the company's WeChat Pay account."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.accountant = new_test_user(cls.env, login="t_pay_accountant", groups="account.group_account_user")
        cls.wechat_account.chain_statement_user_id = cls.accountant
        cls.Statement = cls.env["chain.pay.cn.statement"]
        cls.Activity = cls.env["mail.activity"]

    def setUp(self):
        super().setUp()
        for sim in (self.wechat, self.alipay):
            self.addCleanup(setattr, sim, "bill_fault", None)

    def sell(self, provider="wechatpay", scenario=0, amount=120.0, session=None, user=None):
        """An order paid by a payment code through the till's API and synced: its transaction."""
        session = session or self.session_a
        user = user or (self.cashier_a if session == self.session_a else self.cashier_b)
        order_uuid = str(uuid.uuid4())
        answer, data = self.pay(provider, scenario, amount=amount, order_uuid=order_uuid, session=session, user=user)
        self.assertEqual(answer["status"], "done", answer)
        method = self.methods[provider]
        vals = self.order_vals([(method, amount, data["payment_uuid"], answer["transaction_id"])], order_uuid,
                               session=session, amount=amount)  # fmt: skip
        vals["user_id"] = user.id
        self.sync(vals, user=user)
        return self.transaction(answer)

    def day_of(self, transaction):
        """The bill's day of a payment (China time)."""
        return (transaction.date_done + timedelta(hours=8)).date()

    def statement(self, day, account=None):
        return self.Statement.create({"account_id": (account or self.wechat_account).id, "date": day})

    def todos(self, statement):
        return self.Activity.search(
            [("res_model", "=", "chain.pay.cn.statement.line"), ("res_id", "in", statement.line_ids.ids)]
        )

    def line(self, statement, out_trade_no, kind="pay"):
        return statement.line_ids.filtered(lambda line: line.out_trade_no == out_trade_no and line.kind == kind)


@tagged("post_install", "-at_install")
class TestStatement(ChainPayCnStatementCase):
    def test_missing_and_extra_give_two_todos_rerun_keeps_two(self):
        """The issue's proof: a day with one payment the bill lacks and one the POS lacks gives
        exactly two to-dos for the reconciling accountant; downloading again keeps two."""
        first, missing, third = (self.sell(scenario=n) for n in (1, 2, 3))
        day = self.day_of(first)
        self.wechat.hide_from_bill.add(missing.out_trade_no)
        self.wechat.extra_bill_rows.append({"out_trade_no": "EXTRA-0001", "amount_fen": 8800})
        statement = self.statement(day)
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertRecordValues(
            statement,
            [{"state": "difference", "matched_count": 2, "missing_count": 1, "extra_count": 1, "amount_count": 0,
              "difference_count": 2, "bill_total": 328.0, "pos_total": 360.0, "error_message": False}],
        )  # fmt: skip
        self.assertEqual(self.line(statement, first.out_trade_no).result, "matched")
        self.assertEqual(self.line(statement, third.out_trade_no).result, "matched")
        gone = self.line(statement, missing.out_trade_no)
        self.assertRecordValues(
            gone,
            [{"result": "missing", "pos_amount": 120.0, "bill_amount": 0.0, "difference": -120.0,
              "store_id": self.store_a.id, "transaction_id": missing.id,
              "payment_id": missing.pos_payment_ids.id}],
        )  # fmt: skip
        extra = self.line(statement, "EXTRA-0001")
        self.assertRecordValues(
            extra, [{"result": "extra", "bill_amount": 88.0, "pos_amount": 0.0, "payment_id": False}]
        )
        todos = self.todos(statement)
        self.assertEqual(len(todos), 2)
        self.assertEqual(todos.user_id, self.accountant)
        self.assertEqual(set(todos.mapped("res_id")), {gone.id, extra.id})
        self.assertIn(missing.out_trade_no, gone._chain_todo().summary)
        self.assertIn("is not in the bill", gone._chain_todo().summary)
        self.assertIn("EXTRA-0001", extra._chain_todo().summary)

        lines = statement.line_ids
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(self.todos(statement), todos)
        self.assertEqual(statement.line_ids, lines)
        # the nightly job on the same day: the same statement, still two to-dos
        self.Statement._cron_chain_reconcile(day)
        self.assertEqual(self.Statement.search([("account_id", "=", self.wechat_account.id), ("date", "=", day)]),
                         statement)  # fmt: skip
        self.assertEqual(self.todos(statement), todos)

    def test_done_todo_is_not_sent_again_and_a_resolved_difference_closes_its_todo(self):
        paid, other = self.sell(scenario=4), self.sell(scenario=5)
        day = self.day_of(paid)
        self.wechat.hide_from_bill.update({paid.out_trade_no, other.out_trade_no})
        statement = self.statement(day)
        statement.with_user(self.accountant).action_download_reconcile()
        first, second = self.line(statement, paid.out_trade_no), self.line(statement, other.out_trade_no)
        first._chain_todo().with_user(self.accountant).action_feedback(feedback="Checked with WeChat Pay")
        self.assertFalse(first._chain_todo())
        # the provider lists the other payment after all: its difference is gone, so is its to-do
        self.wechat.hide_from_bill.discard(other.out_trade_no)
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(second.result, "matched")
        self.assertFalse(self.todos(statement))
        self.assertTrue(first.todo_sent)
        self.assertEqual((statement.state, statement.missing_count), ("difference", 1))

    def test_amount_differs(self):
        paid = self.sell(scenario=6, amount=120.0)
        self.wechat.hide_from_bill.add(paid.out_trade_no)
        self.wechat.extra_bill_rows.append({"out_trade_no": paid.out_trade_no, "amount_fen": 11900})
        statement = self.statement(self.day_of(paid))
        statement.with_user(self.accountant).action_download_reconcile()
        line = self.line(statement, paid.out_trade_no)
        self.assertRecordValues(
            line, [{"result": "amount", "bill_amount": 119.0, "pos_amount": 120.0, "difference": -1.0}]
        )
        self.assertEqual((statement.amount_count, statement.difference_count), (1, 1))
        self.assertIn("amount", line._chain_todo().summary)
        self.assertIn("-", line._chain_todo().note)

    def test_refunds_matched_by_refund_number(self):
        """A partial refund from the till is in both books: matched; the day balances."""
        for provider in ("wechatpay", "alipay"):
            with self.subTest(provider=provider):
                paid = self.sell(provider, scenario=7)
                answer = self.call(provider, "chain_cn_refund", paid.id, refund_uuid=str(uuid.uuid4()), amount=20.0)
                self.assertEqual(answer["status"], "done")
                account = self.wechat_account if provider == "wechatpay" else self.alipay_account
                statement = self.statement(self.day_of(paid), account)
                statement.with_user(self.accountant).action_download_reconcile()
                self.assertEqual(statement.state, "balanced", statement.line_ids.mapped("result"))
                refund_line = self.line(statement, paid.out_trade_no, "refund")
                self.assertRecordValues(
                    refund_line,
                    [{"result": "matched", "out_refund_no": paid.refund_ids.out_refund_no, "bill_amount": 20.0,
                      "refund_id": paid.refund_ids.id}],
                )  # fmt: skip
                self.assertEqual((statement.bill_total, statement.pos_total), (100.0, 100.0))
                self.assertFalse(self.todos(statement))

    def test_alipay_bill(self):
        paid, lost = self.sell("alipay", scenario=8), self.sell("alipay", scenario=9)
        self.alipay.hide_from_bill.add(lost.out_trade_no)
        statement = self.statement(self.day_of(paid), self.alipay_account)
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual((statement.matched_count, statement.missing_count), (1, 1))
        # no reconciling accountant on this account: the store manager of the payment's store
        self.assertEqual(self.todos(statement).user_id, self.manager_a)

    def test_set_based(self):
        """The comparison's queries do not grow with the day's payments (one search each side)."""

        def queries(statement):
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            statement.sudo()._chain_reconcile()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        paid = [self.sell(scenario=20 + n) for n in range(2)]
        statement = self.statement(self.day_of(paid[0]))
        queries(statement)  # the lines are created
        few = queries(statement)
        paid += [self.sell(scenario=22 + n) for n in range(6)]
        queries(statement)
        many = queries(statement)
        self.assertEqual(statement.matched_count, 8)
        # a query per payment would add 6 or more; a cache or prefetch boundary may move one
        self.assertLessEqual(many, few + 2, "a re-run of 8 payments takes about as many queries as one of 2")

    def test_empty_day(self):
        """A day without any payment: WeChat answers "No Bill Exist"; the statement balances."""
        statement = self.statement(self.Statement._chain_china_today() - timedelta(days=30))
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertRecordValues(statement, [{"state": "balanced", "matched_count": 0, "bill_total": 0.0}])

    def test_bad_bills_are_errors_and_the_cron_goes_on(self):
        paid = self.sell(scenario=10)
        self.sell("alipay", scenario=11)
        day = self.day_of(paid)
        for fault, reason in (("garbage", "not a WeChat Pay bill"), ("truncated", "no totals line")):
            with self.subTest(fault=fault):
                self.wechat.bill_fault = fault
                statements = self.Statement._cron_chain_reconcile(day)
                wechat = statements.filtered(lambda s: s.provider == "wechatpay")
                alipay = statements.filtered(lambda s: s.provider == "alipay")
                self.assertEqual(wechat.state, "error")
                self.assertIn(reason, wechat.error_message)
                self.assertFalse(wechat.line_ids)
                self.assertEqual(alipay.state, "balanced")
                self.assertEqual(alipay.matched_count, 1)
        self.alipay.bill_fault = "truncated"
        alipay.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(alipay.state, "error")
        self.assertIn("The bill cannot be read", alipay.error_message)
        self.assertEqual(alipay.matched_count, 1, "an error keeps the last good comparison's figures")
        # the bill is good again: the same statement is reconciled
        self.wechat.bill_fault = None
        wechat.with_user(self.accountant).action_download_reconcile()
        self.assertEqual((wechat.state, wechat.matched_count, wechat.error_message), ("balanced", 1, False))

    def test_provider_unreachable_or_refusing(self):
        paid = self.sell(scenario=12)
        day = self.day_of(paid)
        self.wechat_account.endpoint = "http://127.0.0.1:9"  # nothing listens there
        statement = self.statement(day)
        action = statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(action["params"]["type"], "danger")
        self.assertEqual(statement.state, "error")
        self.assertIn("could not be reached", statement.error_message)
        self.wechat_account.endpoint = self.wechat.url
        self.wechat_account.api_key = "0" * 32  # the simulator refuses the signature
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(statement.state, "error")
        self.assertIn("refused", statement.error_message)
        self.assertNotIn("0" * 32, statement.error_message)


@tagged("post_install", "-at_install")
class TestStatementAccess(ChainPayCnStatementCase):
    """Store isolation: statements and lines by store; only accountants and POS managers reconcile."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.store_account = cls.env["chain.pay.cn.account"].create(
            {
                "name": "Alipay of store A (simulator)",
                "provider": "alipay",
                "store_id": cls.store_a.id,
                "alipay_app_id": cls.alipay.app_id,
                "alipay_private_key": cls.alipay.app_private_key_pem,
                "alipay_public_key": cls.alipay.alipay_public_key_pem,
                "endpoint": cls.alipay.gateway,
            }
        )

    def test_store_users_see_their_stores_lines_only(self):
        paid_a = self.sell(scenario=13)
        paid_b = self.sell(scenario=14, session=self.session_b)
        self.wechat.hide_from_bill.update({paid_a.out_trade_no, paid_b.out_trade_no})
        statement = self.statement(self.day_of(paid_a))
        statement.with_user(self.accountant).action_download_reconcile()
        self.assertEqual(set(statement.line_ids.store_id.ids), {self.store_a.id, self.store_b.id})
        Line = self.env["chain.pay.cn.statement.line"]
        for user, own, other in ((self.manager_a, paid_a, paid_b), (self.staff_b, paid_b, paid_a)):
            with self.subTest(user=user.login):
                seen = Line.with_user(user).search([("statement_id", "=", statement.id)])
                self.assertEqual(seen.mapped("out_trade_no"), [own.out_trade_no])
                with self.assertRaises(AccessError):
                    Line.with_user(user).browse(self.line(statement, other.out_trade_no).id).read(["bill_amount"])
                # a company account's statement belongs to no store: not the store users'
                self.assertFalse(self.Statement.with_user(user).search([("id", "=", statement.id)]))
        # the accountant sees both stores
        self.assertEqual(len(Line.with_user(self.accountant).search([("statement_id", "=", statement.id)])), 2)

    def test_store_account_statement_isolated(self):
        statement = self.statement(self.Statement._chain_china_today() - timedelta(days=1), self.store_account)
        self.assertEqual(statement.store_id, self.store_a)
        self.assertEqual(self.Statement.with_user(self.manager_a).search([("id", "=", statement.id)]), statement)
        self.assertFalse(self.Statement.with_user(self.staff_b).search([("id", "=", statement.id)]))
        with self.assertRaises(AccessError):
            statement.with_user(self.staff_b).read(["state"])

    def test_only_accountants_and_pos_managers_reconcile(self):
        statement = self.statement(self.Statement._chain_china_today() - timedelta(days=1), self.store_account)
        for user in (self.manager_a, self.staff_a, self.cashier_a):
            with self.subTest(user=user.login), self.assertRaises(AccessError):
                statement.with_user(user).action_download_reconcile()
        self.assertEqual(statement.state, "new")
        with self.assertRaises(AccessError):
            self.Statement.with_user(self.manager_a).create({"account_id": self.store_account.id})
        pos_manager = new_test_user(self.env, login="t_pay_pos_manager", groups="point_of_sale.group_pos_manager")
        statement.with_user(pos_manager).action_download_reconcile()
        self.assertEqual(statement.state, "balanced")

    def test_results_and_lines_cannot_be_written_by_hand(self):
        paid = self.sell(scenario=15)
        self.wechat.hide_from_bill.add(paid.out_trade_no)
        statement = self.statement(self.day_of(paid))
        statement.with_user(self.accountant).action_download_reconcile()
        for vals in ({"state": "balanced"}, {"missing_count": 0}, {"error_message": "fine"}):
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                statement.with_user(self.accountant).write(vals)
        with self.assertRaises(AccessError):
            statement.line_ids.with_user(self.accountant).write({"result": "matched"})
        with self.assertRaises(AccessError):
            self.env["chain.pay.cn.statement.line"].with_user(self.accountant).create(
                {"statement_id": statement.id, "result": "matched", "kind": "pay", "out_trade_no": "FORGED"}
            )
        # the store manager reads his store's difference and does its to-do
        line = statement.line_ids.with_user(self.manager_a)
        self.assertEqual(line.result, "missing")
        statement.line_ids._chain_todo().user_id = self.manager_a
        line.activity_ids.action_feedback(feedback="Customer paid again in cash")
        self.assertFalse(statement.line_ids._chain_todo())
