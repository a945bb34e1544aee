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
import signal
import time
import uuid

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from .common_jobs import CTX, ORDERS, CommittedInboxCase

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestChannelCrash(CommittedInboxCase):
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
