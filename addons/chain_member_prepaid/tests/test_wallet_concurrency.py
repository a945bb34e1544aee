# pylint: disable=invalid-commit
# the two tills are two real transactions on committed data: the test commits and cleans up
import threading
import time
from contextlib import closing

from psycopg2 import errors

from odoo import SUPERUSER_ID, api, sql_db
from odoo.exceptions import UserError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

RETRIES = 10


@tagged("post_install", "-at_install")
class TestWalletConcurrency(TransactionCase):
    """Two tills spend the member's last 100 of stored value at the same moment: one wins.

    The member, her store and her top-up are committed from a cursor of their own
    (the test's transaction is invisible to other connections); two threads then
    spend in real transactions, retried on serialization failures as Odoo's RPC
    layer retries them; everything is deleted at the end.
    """

    def _cursor(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _env(self, cr):
        context = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}
        return api.Environment(cr, SUPERUSER_ID, context)

    def _setup(self):
        with self._cursor() as cr:
            env = self._env(cr)
            warehouse = env["stock.warehouse"].search([("chain_store_id", "=", False)], limit=1)
            if not warehouse:
                self.skipTest("no warehouse free for a committed store")
            store = env["chain.store"].create({"code": "TWCC", "name": "Wallet concurrency (test)",
                                               "warehouse_id": warehouse.id})  # fmt: skip
            member = env["chain.member"].create({"name": "Wallet race (test)", "mobile": "137 0000 4343"})
            member._chain_wallet_post("topup", 100.0, 0.0, store)
            cr.commit()
            return member.id, member.partner_id.id, store.id, store.partner_id.id

    def _cleanup(self, member_id, partner_id, store_id, store_partner_id):
        with self._cursor() as cr:
            env = self._env(cr)
            cr.execute("DELETE FROM chain_member_wallet_line WHERE member_id = %s", [member_id])
            cr.execute("DELETE FROM loyalty_card WHERE partner_id = %s", [partner_id])
            env["chain.member"].browse(member_id).unlink()
            env["res.partner"].browse(partner_id).unlink()
            cr.execute("DELETE FROM chain_store WHERE id = %s", [store_id])
            if store_partner_id:
                cr.execute("DELETE FROM res_partner WHERE id = %s", [store_partner_id])
            cr.commit()

    def _spend(self, barrier, member_id, store_id, outcome):
        barrier.wait()
        for attempt in range(RETRIES):
            with self._cursor() as cr:
                try:
                    env = self._env(cr)
                    member = env["chain.member"].browse(member_id)
                    member._chain_wallet_post("use", -100.0, 0.0, env["chain.store"].browse(store_id))
                    time.sleep(0.2)  # hold the lock while the other till tries
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

    def test_two_tills_cannot_spend_the_last_100_twice(self):
        ids = self._setup()
        self.addCleanup(self._cleanup, *ids)
        member_id, _partner, store_id, _store_partner = ids
        barrier = threading.Barrier(2)
        outcome = {"done": 0, "retries": 0, "refused": [], "errors": []}
        threads = [
            threading.Thread(target=self._spend, args=(barrier, member_id, store_id, outcome)) for _index in range(2)
        ]
        with mute_logger("odoo.sql_db"):
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(60)
        self.assertEqual(outcome["errors"], [])
        self.assertEqual(outcome["done"], 1, outcome)
        self.assertEqual(len(outcome["refused"]), 1, outcome)
        self.assertIn("not enough", outcome["refused"][0])
        with self._cursor() as cr:
            member = self._env(cr)["chain.member"].browse(member_id)
            self.assertEqual(member.wallet_principal, 0.0)
            cr.execute("SELECT SUM(principal) FROM chain_member_wallet_line WHERE member_id = %s", [member_id])
            self.assertEqual(cr.fetchone()[0], 0.0)
