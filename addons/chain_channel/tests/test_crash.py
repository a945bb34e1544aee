# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Crash: a job worker killed in the middle of a batch leaves nothing half-done; and two job
workers reserving the same products side by side both finish at the first try.

A real worker process (a child Python running queue_job's own controller code on this database)
runs the inbox job of a batch of channel messages and is killed (SIGKILL) in the middle of it:
after the batch's orders were created and written, before they are confirmed and committed.
queue_job's runner then finds the dead job (its own SQL), requeues it, and a second worker runs
the batch again. The final state must equal the one of a second channel whose identical batch
ran without interruption.

The batches are committed (a worker in another process sees only committed data), so the test
works in cursors of its own and removes or archives what it committed in a cleanup.
"""

# the batches must be committed: a worker in another process sees only committed data
# pylint: disable=invalid-commit
import json
import logging
import os
import signal
import subprocess
import sys
import time
import uuid
from contextlib import closing

import odoo
from odoo import SUPERUSER_ID, api, sql_db
from odoo.tests import TransactionCase, tagged
from odoo.tools import config

_logger = logging.getLogger(__name__)

ORDERS = 12
CTX = {"tracking_disable": True, "mail_create_nolog": True, "mail_create_nosubscribe": True}

WORKER = r"""
import os, signal, sys, time
import odoo
from odoo import SUPERUSER_ID, api
from odoo.tools import config

dbname, crash, uuids = sys.argv[1], sys.argv[2] == "crash", sys.argv[3].split(",")
config.parse_config(sys.argv[4:])
registry = odoo.modules.registry.Registry(dbname)
from odoo.addons.queue_job.controllers.main import RunJobController

if crash:
    def action_confirm(orders):
        # the batch's orders are created and written, not confirmed nor committed
        orders.env.flush_all()
        print("KILLING", len(orders), flush=True)
        os.kill(os.getpid(), signal.SIGKILL)

    registry["sale.order"].action_confirm = action_confirm

# workers started together begin their jobs at the same moment (the registry loads first)
time.sleep(max(0.0, float(os.environ.get("CHAIN_TEST_START_AT") or 0) - time.time()))
for job_uuid in uuids:
    with registry.cursor() as cr:
        env = api.Environment(cr, SUPERUSER_ID, {})
        job = RunJobController._acquire_job(env, job_uuid)
        if job is None:
            continue
        RunJobController._try_perform_job(env, job)
print("BATCH DONE", flush=True)
"""


@tagged("post_install", "-at_install")
class TestChannelCrash(TransactionCase):
    def _cursor(self):
        cr = sql_db.db_connect(self.env.cr.dbname).cursor()
        # bound to the test's registry: a lookup by name would wait on the registry class lock
        cr.transaction = api.Transaction(self.registry)
        return closing(cr)

    def _worker(self, uuids, crash=False):
        process = self._spawn(uuids, crash=crash)
        out, err = process.communicate(timeout=600)
        return subprocess.CompletedProcess(process.args, process.returncode, out, err)

    def _spawn(self, uuids, crash=False, start_at=None):
        """A worker process running the jobs ``uuids``; from ``start_at`` (a time.time()) on."""
        args = [f"--addons-path={config['addons_path']}"]
        for key in ("db_host", "db_port", "db_user", "db_password"):
            if config.get(key):
                args.append(f"--{key}={config[key]}")
        env = dict(os.environ)
        odoo_root = os.path.dirname(os.path.dirname(odoo.__file__))
        env["PYTHONPATH"] = os.pathsep.join(p for p in (odoo_root, env.get("PYTHONPATH")) if p)
        env["CHAIN_TEST_START_AT"] = str(start_at or 0)
        return subprocess.Popen(
            [sys.executable, "-c", WORKER, self.env.cr.dbname, "crash" if crash else "run", ",".join(uuids), *args],
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
            env=env,
        )

    def _setup(self, env, tag, orders=ORDERS, jobs=1):
        """A store with stock, a channel with two SKUs, and ``orders`` paid messages in its
        inbox, with ``jobs`` jobs that read them."""
        store = env["chain.store"].create({"name": f"Crash store {tag}", "code": f"CRASH-{tag}"})
        products = env["product.product"].create(
            [{"name": f"Crash {tag} {sku}", "is_storable": True} for sku in ("A", "B")]
        )
        for product in products:
            env["stock.quant"]._update_available_quantity(product, store.warehouse_id.lot_stock_id, 15)
        channel = env["chain.channel"].create(
            {
                "name": f"Crash channel {tag}",
                "platform": "generic",
                "app_secret": "crash",
                "store_ids": [(6, 0, store.ids)],
                "product_ids": [
                    (0, 0, {"sku": sku, "product_id": p.id}) for sku, p in zip("AB", products, strict=True)
                ],
            }
        )
        messages = []
        for n in range(orders):
            order_id = f"CR{n:03d}"
            lines = [{"sku": "A", "qty": 1 + n % 3, "price_unit": 10.0}]
            if n % 2:
                lines.append({"sku": "B", "qty": 2, "price_unit": 5.0})
            messages.append(
                {
                    "key": f"{order_id}:order_paid",
                    "event": "order_paid",
                    "platform_order_id": order_id,
                    "order": {
                        "buyer": {"name": f"Buyer {n}", "phone": f"1380000{n:04d}"},
                        "address": {
                            "name": f"Buyer {n}",
                            "province": "上海市",
                            "city": "上海市",
                            "street": f"{n} Crash Road",
                        },
                        "lines": lines,
                    },
                }
            )
        env["chain.channel.message"]._chain_ingest(channel, messages, json.dumps(messages))
        queued = env["queue.job"].search([("identity_key", "=", channel._chain_inbox_identity())], order="id")
        self.assertEqual(len(queued), 1, "one job reads the inbox")
        channel._chain_inbox_queue(jobs - 1)
        jobs = env["queue.job"].search([("identity_key", "=", channel._chain_inbox_identity())], order="id")
        jobs.write({"state": "enqueued"})
        env.cr.execute(
            "UPDATE queue_job SET date_enqueued = (now() at time zone 'utc') - interval '1 minute' WHERE id IN %s",
            (tuple(jobs.ids),),
        )
        return channel, jobs.mapped("uuid")

    def _batch_state(self, env, channel):
        """What a user sees of the batch: per platform order its state and reserved lines."""
        orders = env["sale.order"].search([("chain_channel_id", "=", channel.id)])
        result = {}
        for order in orders:
            moves = order.picking_ids.move_ids
            result[order.chain_platform_order_id] = (
                order.state,
                sorted((m.product_id.name[-1], m.product_uom_qty, m.quantity, m.state) for m in moves),
            )
        messages = env["chain.channel.message"].search([("channel_id", "=", channel.id)])
        products = channel.product_ids.product_id
        quants = env["stock.quant"].search([("product_id", "in", products.ids), ("location_id.usage", "=", "internal")])
        return {
            "orders": result,
            "order_count": len(orders),
            "messages": sorted(messages.mapped("state")),
            "reserved": sorted((q.product_id.name[-1], q.quantity, q.reserved_quantity) for q in quants),
        }

    def _cleanup(self, channel_ids):
        """Cancel and delete the committed orders, archive the stores (warehouses stay, archived)."""
        try:
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, CTX)
                channels = env["chain.channel"].browse(channel_ids).exists()
                orders = env["sale.order"].search([("chain_channel_id", "in", channels.ids)])
                orders.picking_ids.action_cancel()
                orders._action_cancel()
                partners = orders.partner_id
                orders.picking_ids.unlink()
                orders.unlink()
                partners.unlink()
                keys = [channel._chain_inbox_identity() for channel in channels]
                env["queue.job"].search([("identity_key", "in", keys)]).unlink()
                products = channels.product_ids.product_id
                stores = channels.store_ids
                channels.unlink()
                env["stock.quant"].search([("product_id", "in", products.ids)]).sudo().unlink()
                products.product_tmpl_id.write({"active": False})
                stores.write({"active": False})
                stores.warehouse_id.write({"active": False})
                cr.commit()
        except Exception:  # a row of another addon may hold on: keep it, say so
            _logger.warning("crash proof: could not clean its committed data", exc_info=True)

    def test_killed_worker_then_requeue_equals_an_uninterrupted_run(self):
        tag = uuid.uuid4().hex[:6].upper()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            crashed, crashed_jobs = self._setup(env, f"{tag}K")
            calm, calm_jobs = self._setup(env, f"{tag}U")
            cr.commit()
            channel_ids = [crashed.id, calm.id]
        self.addCleanup(self._cleanup, channel_ids)

        uninterrupted = self._worker(calm_jobs)
        self.assertIn("BATCH DONE", uninterrupted.stdout, uninterrupted.stderr[-2000:])

        killed = self._worker(crashed_jobs, crash=True)
        self.assertEqual(killed.returncode, -signal.SIGKILL, killed.stderr[-2000:])
        self.assertIn(f"KILLING {ORDERS}", killed.stdout, "killed with the whole batch written")
        self.assertNotIn("BATCH DONE", killed.stdout)
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel = env["chain.channel"].browse(crashed.id)
            after_kill = self._batch_state(env, channel)
            jobs = env["queue.job"].search([("uuid", "in", crashed_jobs)])
            states = {job.uuid: job.state for job in jobs}
        # nothing half-done: no order, no reservation, every message still to do
        self.assertEqual(after_kill["order_count"], 0)
        self.assertEqual(states[crashed_jobs[0]], "started")
        self.assertEqual(after_kill["messages"].count("received"), ORDERS)
        self.assertEqual(after_kill["reserved"], sorted((name, 15.0, 0.0) for name in "AB"))

        # queue_job's runner requeues the dead job (its own query), a new worker finishes the batch
        from odoo.addons.queue_job.jobrunner.runner import Database

        database = Database(self.env.cr.dbname)
        try:
            database.requeue_dead_jobs()
        finally:
            database.close()
        with self._cursor() as cr:
            cr.execute(
                "UPDATE queue_job SET state = 'enqueued' WHERE uuid IN %s AND state = 'pending'",
                (tuple(crashed_jobs),),
            )
            cr.commit()
        resumed = self._worker(crashed_jobs)
        self.assertIn("BATCH DONE", resumed.stdout, resumed.stderr[-2000:])

        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            final = self._batch_state(env, env["chain.channel"].browse(crashed.id))
            reference = self._batch_state(env, env["chain.channel"].browse(calm.id))
            done = env["queue.job"].search_count([("uuid", "in", crashed_jobs), ("state", "=", "done")])
        _logger.info(
            "crash proof: after the kill %s orders; after requeue %s", after_kill["order_count"], final["order_count"]
        )
        self.assertEqual(done, len(crashed_jobs))
        self.assertEqual(final["order_count"], ORDERS)
        self.assertEqual(final, reference)

    def test_two_jobs_reserving_the_same_products_both_finish_at_the_first_try(self):
        """Two inbox jobs of one channel run side by side on two batches that sell the same two
        products: the second waits for the first's reservation lock, then reserves what is
        left. Both end at the first try (in Odoo's REPEATABLE READ, the second failed to
        serialize and queue_job ran it again five seconds later), and no unit is reserved twice."""
        from ..models.chain_channel import INBOX_BATCH

        orders = 2 * INBOX_BATCH
        tag = uuid.uuid4().hex[:6].upper()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel, job_uuids = self._setup(env, f"{tag}P", orders=orders, jobs=2)
            cr.commit()
            channel_id = channel.id
        self.addCleanup(self._cleanup, [channel_id])

        start_at = time.time() + 10  # both workers have loaded the registry by then
        workers = [self._spawn([job_uuid], start_at=start_at) for job_uuid in job_uuids]
        outputs = [worker.communicate(timeout=600) for worker in workers]
        for worker, (out, err) in zip(workers, outputs, strict=True):
            self.assertEqual(worker.returncode, 0, err[-2000:])
            self.assertIn("BATCH DONE", out, err[-2000:])
            self.assertNotIn("could not serialize", err)

        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            state = self._batch_state(env, env["chain.channel"].browse(channel_id))
            jobs = env["queue.job"].search([("uuid", "in", job_uuids)])
            job_states = sorted((job.state, job.retry, int(job.result or 0)) for job in jobs)
            cr.execute(
                "SELECT COALESCE(SUM(l.quantity), 0) FROM stock_move_line l JOIN product_product p"
                " ON p.id = l.product_id WHERE l.product_id IN %s AND l.state NOT IN ('done', 'cancel')",
                (tuple(env["chain.channel"].browse(channel_id).product_ids.product_id.ids),),
            )
            on_move_lines = cr.fetchone()[0]
        _logger.info("two jobs side by side: %s", job_states)
        # each job read a batch of its own, at its first try (queue_job counts the run as try 1)
        self.assertEqual(job_states, [("done", 1, INBOX_BATCH), ("done", 1, INBOX_BATCH)])
        self.assertEqual(state["order_count"], orders)
        self.assertEqual(state["messages"], ["done"] * orders)
        # 15 units of each product, far fewer than the orders ask: each unit reserved once
        self.assertEqual(state["reserved"], sorted((name, 15.0, 15.0) for name in "AB"))
        self.assertEqual(on_move_lines, 30)

    def test_a_redelivery_during_its_batch_is_answered_without_waiting_for_the_batch(self):
        """A platform redelivers a message while the job that reads it is in the middle of its
        batch (orders made, not yet committed). The redelivery is stored once and answered at
        once: it does not wait for the batch. Before, the job updated every message row early in
        its batch, and each redelivery then waited for the batch to commit, holding a web worker
        (1.7 of the bench server's 4 workers on average, during the 10,000-order import)."""
        tag = uuid.uuid4().hex[:6].upper()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel, _uuids = self._setup(env, f"{tag}R", orders=4)
            cr.commit()
            channel_id = channel.id
            first = env["chain.channel.message"].search([("channel_id", "=", channel_id)], limit=1)
            twin = json.loads(first.normalized)
        self.addCleanup(self._cleanup, [channel_id])

        with self._cursor() as job_cr, self._cursor() as hook_cr:
            # the job's transaction, as ``_chain_run_inbox`` opens it, left open mid-batch
            job_cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            job_env = api.Environment(job_cr, SUPERUSER_ID, CTX)
            self.assertEqual(job_env["chain.channel"].browse(channel_id)._chain_inbox_batch(), 4)
            # the webhook's transaction: waiting for the job would end in a lock timeout error
            hook_cr.execute("SET LOCAL lock_timeout = '3s'")
            hook_env = api.Environment(hook_cr, SUPERUSER_ID, CTX)
            stored = hook_env["chain.channel.message"]._chain_ingest(
                hook_env["chain.channel"].browse(channel_id), [twin], json.dumps(twin)
            )
            self.assertFalse(stored, "the redelivery is not stored a second time")
            hook_cr.commit()
            job_cr.commit()

        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            state = self._batch_state(env, env["chain.channel"].browse(channel_id))
        self.assertEqual(state["order_count"], 4)
        self.assertEqual(state["messages"], ["done"] * 4)
