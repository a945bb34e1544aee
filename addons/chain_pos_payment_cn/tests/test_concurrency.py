"""Two requests pay the same POS line at once, in real committed PostgreSQL transactions:
the customer is charged once.

The test case's own cursor never commits, so the data and the two payments live in cursors of
their own (as in chain_approval's scrap proof), each committed, and are removed again.
"""

# the concurrent payments run in committed transactions of their own: that is the proof
# pylint: disable=invalid-commit
import logging
import threading
import uuid
from contextlib import closing

from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..lib.wechatpay_simulator import WechatPaySimulator

_logger = logging.getLogger(__name__)
CODE = "134567890123456760"  # user-paying for 0 s: the pay answers "paying", the query "paid"


@tagged("post_install", "-at_install")
class TestPayConcurrency(TransactionCase):
    def _cursor(self):
        """A real cursor on the test database, bound to the test's registry."""
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _setup_committed(self, url, sim):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            tag = uuid.uuid4().hex[:8]
            company = env.company
            account = env["chain.pay.cn.account"].search(
                [("provider", "=", "wechatpay"), ("company_id", "=", company.id), ("store_id", "=", False)]
            )
            previous = account.read(["endpoint", "appid", "mch_id", "api_key", "active"])
            if not account:
                account = env["chain.pay.cn.account"].create({"name": f"Concurrency {tag}", "provider": "wechatpay"})
            account.write({"endpoint": url, "appid": sim.appid, "mch_id": sim.mch_id, "api_key": sim.api_key,
                           "active": True})  # fmt: skip
            method = env["pos.payment.method"].create(
                {"name": f"WeChat Pay {tag}", "use_payment_terminal": "chain_wechatpay"}
            )
            cr.commit()
            return account.id, method.id, previous

    def _cleanup(self, account_id, method_id, previous):
        try:
            with self._cursor() as cr:
                cr.execute("DELETE FROM chain_pay_cn_transaction WHERE payment_method_id = %s", (method_id,))
                cr.execute("DELETE FROM pos_payment_method WHERE id = %s", (method_id,))
                env = api.Environment(cr, SUPERUSER_ID, {})
                account = env["chain.pay.cn.account"].browse(account_id)
                if previous:
                    account.write({k: v for k, v in previous[0].items() if k != "id"})
                else:
                    account.unlink()
                cr.commit()
        except Exception:  # keep the data, say so
            _logger.warning("payment concurrency proof: could not delete its committed data", exc_info=True)

    def _pay(self, barrier, method_id, data, outcome):
        barrier.wait()
        with self._cursor() as cr:
            try:
                env = api.Environment(cr, SUPERUSER_ID, {})
                method = env["pos.payment.method"].browse(method_id)
                answer = env["chain.pay.cn.transaction"]._chain_cn_pay(
                    method, env["pos.session"], 12000, CODE, data["order_uuid"], data["payment_uuid"]
                )
                cr.commit()
                outcome["answers"].append(answer)
            except Exception as exc:  # a thread must report, never die silently
                cr.rollback()
                outcome["errors"].append(repr(exc))

    def test_two_requests_pay_the_same_line_once(self):
        sim = WechatPaySimulator(port=0).start()
        self.addCleanup(sim.stop)
        account_id, method_id, previous = self._setup_committed(sim.url, sim)
        self.addCleanup(self._cleanup, account_id, method_id, previous)
        data = {"order_uuid": str(uuid.uuid4()), "payment_uuid": str(uuid.uuid4())}
        barrier = threading.Barrier(2)
        outcome = {"answers": [], "errors": []}
        threads = [threading.Thread(target=self._pay, args=(barrier, method_id, data, outcome)) for _i in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        _logger.info("payment concurrency proof: %s, simulator calls %s", outcome, sim.calls)
        self.assertEqual(outcome["errors"], [])
        self.assertEqual(len({answer["transaction_id"] for answer in outcome["answers"]}), 1, "one transaction")
        self.assertEqual([api for api, _o in sim.calls if api == "/pay/micropay"], ["/pay/micropay"], "sent once")
        # both settle on the one charge, polled from a third request
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            transaction = env["chain.pay.cn.transaction"].browse(outcome["answers"][0]["transaction_id"])
            answer = transaction._chain_cn_poll()
            cr.commit()
        self.assertEqual(answer["status"], "done")
        self.assertEqual(list(sim.charged()), [answer["out_trade_no"]], "charged once")

    def _poll(self, barrier, transaction_id, outcome):
        barrier.wait()
        with self._cursor() as cr:
            try:
                env = api.Environment(cr, SUPERUSER_ID, {})
                outcome["answers"].append(env["chain.pay.cn.transaction"].browse(transaction_id)._chain_cn_poll())
                cr.commit()
            except Exception as exc:  # a thread must report, never die silently
                cr.rollback()
                outcome["errors"].append(repr(exc))

    def test_two_polls_at_the_deadline_reverse_once(self):
        sim = WechatPaySimulator(port=0).start()
        self.addCleanup(sim.stop)
        account_id, method_id, previous = self._setup_committed(sim.url, sim)
        self.addCleanup(self._cleanup, account_id, method_id, previous)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            method = env["pos.payment.method"].browse(method_id)
            answer = env["chain.pay.cn.transaction"]._chain_cn_pay(
                method, env["pos.session"], 5000, "134567890123456751", str(uuid.uuid4()), str(uuid.uuid4())
            )
            cr.commit()
        with self._cursor() as cr:  # a fresh snapshot: the row was committed by a cursor of its own
            # the customer's time is over
            cr.execute(
                "UPDATE chain_pay_cn_transaction SET deadline = now() at time zone 'UTC' - interval '1 minute'"
                " WHERE id = %s",
                (answer["transaction_id"],),
            )
            cr.commit()
        self.assertEqual(answer["status"], "pending")
        barrier = threading.Barrier(2)
        outcome = {"answers": [], "errors": []}
        threads = [
            threading.Thread(target=self._poll, args=(barrier, answer["transaction_id"], outcome)) for _i in range(2)
        ]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        _logger.info("poll concurrency proof: %s, simulator calls %s", outcome, sim.calls)
        self.assertEqual(outcome["errors"], [])
        reverses = [api for api, _o in sim.calls if api == "/secapi/pay/reverse"]
        self.assertEqual(len(reverses), 1, "reversed once")
        self.assertIn("failed", [a["status"] for a in outcome["answers"]])
        with self._cursor() as cr:
            cr.execute("SELECT state FROM chain_pay_cn_transaction WHERE id = %s", (answer["transaction_id"],))
            self.assertEqual(cr.fetchone()[0], "reversed")
        self.assertEqual(sim.charged(), {})
