"""Two tills take the last unit of a deposit, or the last use of a card, at once, in real
committed PostgreSQL transactions (as chain_approval's scrap proof): one is refused.

The test case's own cursor never commits, so the data and the concurrent pickups live in
cursors of their own, each committed, and are removed again.
"""

# the concurrent pickups run in committed transactions of their own: that is the proof
# pylint: disable=invalid-commit
import contextlib
import logging
import threading
import time
import uuid
from contextlib import closing

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, fields, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import SQL, mute_logger

_logger = logging.getLogger(__name__)

RETRIES = 10
CTX = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


@tagged("post_install", "-at_install")
class TestDepositConcurrency(TransactionCase):
    def _cursor(self):
        """A real cursor on the test database, bound to the test's registry (see chain_channel)."""
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _setup_committed(self):
        """A store (on the company's first warehouse), a member, a formula, a deposit of one unit
        left and a service card of one use left, committed."""
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            tag = uuid.uuid4().hex[:6]
            warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
            store = env["chain.store"].create(
                {"code": f"C{tag}", "name": f"Race store {tag}", "warehouse_id": warehouse.id}
            )
            member = env["chain.member"].create(
                {"name": f"Race {tag}", "home_store_id": store.id, "mobile": f"1390{uuid.uuid4().int % 10**7:07d}"}
            )
            product = env["product.product"].create({"name": f"Race formula {tag}", "type": "consu"})
            today = fields.Date.context_today(env.user)
            deposit = env["chain.member.deposit"].create(
                {
                    "member_id": member.id,
                    "product_id": product.id,
                    "company_id": env.company.id,
                    "store_id": store.id,
                    "expiry_date": fields.Date.add(today, days=30),
                    "unit_price": 300.0,
                    "qty_deposited": 2,
                    "qty_picked_up": 1,
                }
            )
            card = env["chain.member.service.card"].create(
                {
                    "member_id": member.id,
                    "card_product_id": product.id,
                    "service_product_id": product.id,
                    "company_id": env.company.id,
                    "store_id": store.id,
                    "valid_until": fields.Date.add(today, days=30),
                    "price": 100.0,
                    "uses_total": 3,
                    "uses_left": 1,
                }
            )
            cr.commit()
            return {"store": store.id, "member": member.id, "product": product.id, "deposit": deposit.id,
                    "card": card.id, "partners": (member.partner_id | store.partner_id).ids}  # fmt: skip

    def _cleanup(self, data):
        try:
            with self._cursor() as cr:
                for table, column, value in (
                    ("chain_member_deposit_pickup", "deposit_id", data["deposit"]),
                    ("chain_member_deposit", "id", data["deposit"]),
                    ("chain_member_service_card_use", "card_id", data["card"]),
                    ("chain_member_service_card", "id", data["card"]),
                ):
                    cr.execute(
                        SQL("DELETE FROM %s WHERE %s = %s", SQL.identifier(table), SQL.identifier(column), value)
                    )
                cr.execute("DELETE FROM loyalty_card WHERE partner_id IN %s", (tuple(data["partners"]),))
                for table in ("chain_member_points_line", "chain_member_identity"):
                    cr.execute("SELECT to_regclass(%s) IS NOT NULL", (table,))
                    if cr.fetchone()[0]:
                        cr.execute(SQL("DELETE FROM %s WHERE member_id = %s", SQL.identifier(table), data["member"]))
                cr.execute("DELETE FROM chain_member WHERE id = %s", (data["member"],))
                cr.execute("DELETE FROM chain_store WHERE id = %s", (data["store"],))
                cr.execute("DELETE FROM res_partner WHERE id IN %s", (tuple(data["partners"]),))
                cr.execute("SELECT product_tmpl_id FROM product_product WHERE id = %s", (data["product"],))
                template_id = cr.fetchone()[0]
                cr.execute("DELETE FROM product_product WHERE id = %s", (data["product"],))
                cr.execute("DELETE FROM product_template WHERE id = %s", (template_id,))
                cr.commit()
        except Exception:  # a table of another addon may hold a row: keep the data, say so
            _logger.warning("deposit concurrency proof: could not delete its committed data", exc_info=True)

    def _take_last(self, kind, data, outcome):
        """Take the last unit (``kind`` deposit) or use (card) as the till's sync does:
        lock, check, record; retried like Odoo's RPC layer on a serialization failure."""
        for attempt in range(RETRIES):
            with self._cursor() as cr:
                try:
                    env = api.Environment(cr, SUPERUSER_ID, CTX)
                    store = env["chain.store"].browse(data["store"])
                    member = env["chain.member"].browse(data["member"])
                    today = fields.Date.context_today(env.user)
                    if kind == "deposit":
                        record = env["chain.member.deposit"].browse(data["deposit"])
                        outcome["seen"].append(record.qty_remaining)  # both read what is left before either locks
                        barrier_wait(outcome, attempt)
                        record._chain_lock()
                        problem = record._chain_pickup_problem(member, 1, today)
                        if problem:
                            raise UserError(problem)
                        record._chain_record_pickup({"qty": 1, "amount": 300.0, "store_id": store.id})
                    else:
                        record = env["chain.member.service.card"].browse(data["card"])
                        outcome["seen"].append(record.uses_left)
                        barrier_wait(outcome, attempt)
                        record._chain_lock()
                        problem = record._chain_use_problem(member, store, 1, today)
                        if problem:
                            raise UserError(problem)
                        record._chain_record_use({"amount": 33.34, "store_id": store.id}, 1)
                    cr.commit()
                    outcome["done"] += 1
                    return
                except (errors.SerializationFailure, errors.LockNotAvailable, errors.DeadlockDetected):
                    cr.rollback()
                    outcome["retries"] += 1
                    time.sleep(0.05 * (attempt + 1))
                except UserError as error:
                    cr.rollback()
                    outcome["refused"].append(str(error))
                    return
                except Exception as exc:  # a thread must report, never die silently
                    cr.rollback()
                    outcome["errors"].append(repr(exc))
                    return
        outcome["errors"].append("gave up after retries")

    def _race(self, kind):
        data = self._setup_committed()
        self.addCleanup(self._cleanup, data)
        outcome = {"done": 0, "retries": 0, "refused": [], "errors": [], "seen": [], "barrier": threading.Barrier(2)}
        threads = [threading.Thread(target=self._take_last, args=(kind, data, outcome)) for _i in range(2)]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        _logger.info("%s concurrency proof: %s", kind, {k: v for k, v in outcome.items() if k != "barrier"})
        self.assertEqual(outcome["errors"], [])
        self.assertEqual(outcome["done"], 1, "one of the two tills gets the last one")
        self.assertEqual(len(outcome["refused"]), 1, "the other is refused")
        return data

    def test_two_stores_pick_up_the_last_unit_at_once(self):
        data = self._race("deposit")
        with self._cursor() as cr:
            cr.execute("SELECT qty_picked_up, state FROM chain_member_deposit WHERE id = %s", (data["deposit"],))
            self.assertEqual(cr.fetchone(), (2.0, "done"))
            cr.execute("SELECT count(*) FROM chain_member_deposit_pickup WHERE deposit_id = %s", (data["deposit"],))
            self.assertEqual(cr.fetchone()[0], 1)

    def test_two_tills_use_the_last_bath_at_once(self):
        data = self._race("card")
        with self._cursor() as cr:
            cr.execute("SELECT uses_left, state FROM chain_member_service_card WHERE id = %s", (data["card"],))
            self.assertEqual(cr.fetchone(), (0, "used"))


def barrier_wait(outcome, attempt):
    """Both first attempts read what is left before either takes it (a retry does not wait)."""
    if attempt == 0:
        with contextlib.suppress(threading.BrokenBarrierError):
            outcome["barrier"].wait(timeout=10)
