"""Two store users scrap the last units at once, in real committed PostgreSQL transactions.

The test case's own cursor never commits, so the data and the concurrent scraps live in cursors
of their own (as in chain_channel's oversell proof), each committed, and are removed again.
"""

# the concurrent scraps run in committed transactions of their own: that is the proof
# pylint: disable=invalid-commit
import contextlib
import logging
import threading
import time
import uuid
from contextlib import closing

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import mute_logger

_logger = logging.getLogger(__name__)

UNITS = 10
SCRAP = 8
RETRIES = 10
CTX = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}


@tagged("post_install", "-at_install")
class TestScrapConcurrency(TransactionCase):
    def _cursor(self):
        """A real cursor on the test database, bound to the test's registry (see chain_channel)."""
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _setup_committed(self):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            warehouse = env["stock.warehouse"].search([("company_id", "=", env.company.id)], limit=1)
            name = f"Scrap probe {uuid.uuid4().hex[:8]}"
            product = env["product.product"].create({"name": name, "is_storable": True})
            env["stock.quant"]._update_available_quantity(product, warehouse.lot_stock_id, UNITS)
            tag = uuid.uuid4().hex[:8]
            users = [
                new_test_user(env, login=f"t_scrap_{tag}_{index}", groups="stock.group_stock_user").id
                for index in range(2)
            ]
            cr.commit()
            return product.id, warehouse.lot_stock_id.id, users

    def _cleanup(self, product_id, user_ids):
        try:
            with self._cursor() as cr:
                cr.execute("SELECT id FROM stock_scrap WHERE product_id = %s", (product_id,))
                scrap_ids = tuple(r[0] for r in cr.fetchall()) or (0,)
                cr.execute("DELETE FROM mail_followers WHERE res_model = 'stock.scrap' AND res_id IN %s", (scrap_ids,))
                cr.execute("DELETE FROM mail_message WHERE model = 'stock.scrap' AND res_id IN %s", (scrap_ids,))
                cr.execute("SELECT to_regclass('stock_valuation_layer') IS NOT NULL")
                if cr.fetchone()[0]:
                    cr.execute("DELETE FROM stock_valuation_layer WHERE product_id = %s", (product_id,))
                cr.execute("DELETE FROM stock_move_line WHERE product_id = %s", (product_id,))
                cr.execute("DELETE FROM stock_move WHERE product_id = %s", (product_id,))
                cr.execute("DELETE FROM stock_scrap WHERE product_id = %s", (product_id,))
                cr.execute("DELETE FROM stock_quant WHERE product_id = %s", (product_id,))
                cr.execute("SELECT product_tmpl_id FROM product_product WHERE id = %s", (product_id,))
                template_id = cr.fetchone()[0]
                cr.execute("DELETE FROM product_product WHERE id = %s", (product_id,))
                cr.execute("DELETE FROM product_template WHERE id = %s", (template_id,))
                cr.execute("UPDATE res_users SET active = FALSE WHERE id IN %s", (tuple(user_ids),))
                cr.commit()
        except Exception:  # a table of another addon may hold a row: keep the data, say so
            _logger.warning("scrap concurrency proof: could not delete its committed data", exc_info=True)

    def _scrap_one(self, barrier, uid, product_id, location_id, outcome):
        """Create and validate a scrap of SCRAP units as ``uid``; retried like Odoo's RPC layer."""
        barrier.wait()
        for attempt in range(RETRIES):
            with self._cursor() as cr:
                try:
                    env = api.Environment(cr, uid, CTX)
                    scrap = env["stock.scrap"].create(
                        {"product_id": product_id, "scrap_qty": SCRAP, "location_id": location_id}
                    )
                    # read the stock first, as the form does, so that both see the units there
                    scrap.check_available_qty()
                    barrier_wait(outcome, attempt)
                    scrap.do_scrap()  # the public method beneath Validate, called directly
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

    def test_two_users_cannot_scrap_below_zero(self):
        product_id, location_id, users = self._setup_committed()
        self.addCleanup(self._cleanup, product_id, users)
        barrier = threading.Barrier(2)
        outcome = {"done": 0, "retries": 0, "refused": [], "errors": [], "barrier": threading.Barrier(2)}
        threads = [
            threading.Thread(target=self._scrap_one, args=(barrier, uid, product_id, location_id, outcome))
            for uid in users
        ]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
        with self._cursor() as cr:
            cr.execute(
                "SELECT COALESCE(SUM(quantity), 0) FROM stock_quant WHERE product_id = %s AND location_id = %s",
                (product_id, location_id),
            )
            on_hand = cr.fetchone()[0]
        _logger.info("scrap concurrency proof: %s", {k: v for k, v in outcome.items() if k != "barrier"})
        self.assertEqual(outcome["errors"], [])
        self.assertEqual(outcome["done"], 1, "one of the two scraps goes through")
        self.assertEqual(len(outcome["refused"]), 1, "the other is refused, not retried into the negative")
        self.assertEqual(on_hand, UNITS - SCRAP)


def barrier_wait(outcome, attempt):
    """Both first attempts read the stock before either scraps (a retry does not wait)."""
    if attempt == 0:
        with contextlib.suppress(threading.BrokenBarrierError):
            outcome["barrier"].wait(timeout=10)
