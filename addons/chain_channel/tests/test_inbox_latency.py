# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Latency of the inbox: a lone message is processed by one job that starts at once; a busy
inbox still reads a batch per job.

The messages and jobs are committed (the inbox looks at what is committed), and each job runs as
queue_job runs it (acquired, performed, committed), in this process. Timing is asserted through
the jobs' ETA and counts, never the wall clock.
"""

# the jobs must be committed: the inbox counts waiting jobs and messages as committed
# pylint: disable=invalid-commit
import json
import uuid
from datetime import timedelta

from odoo import SUPERUSER_ID, api
from odoo.tests import tagged

from ..models.chain_channel import INBOX_BATCH
from .common_jobs import CTX, CommittedInboxCase


@tagged("post_install", "-at_install")
class TestChannelInboxLatency(CommittedInboxCase):
    def _jobs(self, channel_id):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel = env["chain.channel"].browse(channel_id)
            jobs = env["queue.job"].search([("identity_key", "=", channel._chain_inbox_identity())], order="id")
            return [(job.uuid, job.state, job.eta and job.eta - job.date_created, job.result) for job in jobs]

    def _perform(self, job_uuid):
        """Run the job ``job_uuid`` as queue_job's controller does, and commit it."""
        from odoo.addons.queue_job.controllers.main import RunJobController

        with self._cursor() as cr:
            cr.execute(
                "UPDATE queue_job SET state = 'enqueued', date_enqueued = now() at time zone 'utc' WHERE uuid = %s",
                (job_uuid,),
            )
            cr.commit()
            env = api.Environment(cr, SUPERUSER_ID, {})
            job = RunJobController._acquire_job(env, job_uuid)
            self.assertTrue(job)
            RunJobController._try_perform_job(env, job)
            cr.commit()

    def _state(self, channel_id):
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            messages = env["chain.channel.message"].search([("channel_id", "=", channel_id)])
            return sorted(messages.mapped("state")), messages.sale_order_id.mapped("state")

    def test_a_lone_message_is_read_by_one_job_that_starts_at_once(self):
        tag = uuid.uuid4().hex[:6].upper()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel, (job_uuid,) = self._setup(env, f"{tag}L", orders=1)
            cr.commit()
            channel_id = channel.id
        self.addCleanup(self._cleanup, [channel_id])
        ((_uuid, _state, delay, _result),) = self._jobs(channel_id)
        # it used to wait a second to gather more messages (and on an idle demo, far longer)
        self.assertFalse(delay, "the job of a lone message starts at once (no ETA)")

        self._perform(job_uuid)
        self.assertEqual(self._state(channel_id), (["done"], ["sale"]))
        self.assertEqual(
            [(state, result) for _uuid, state, _delay, result in self._jobs(channel_id)],
            [("done", "1")],
            "one job for the lone message, and no other queued after it",
        )

    def test_a_busy_inbox_is_read_a_batch_per_job_the_rest_gathered_for_a_second(self):
        tag = uuid.uuid4().hex[:6].upper()
        count = INBOX_BATCH + 5
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel, (first,) = self._setup(env, f"{tag}B", orders=count)
            cr.commit()
            channel_id = channel.id
        self.addCleanup(self._cleanup, [channel_id])

        self._perform(first)
        jobs = self._jobs(channel_id)
        self.assertEqual(len(jobs), 2)
        self.assertEqual((jobs[0][1], jobs[0][3]), ("done", str(INBOX_BATCH)))
        second, state, delay, _result = jobs[1]
        # the inbox is busy: the job for what is left waits a second, and the messages arriving
        # meanwhile join it
        self.assertEqual(state, "pending")
        self.assertGreaterEqual(delay, timedelta(seconds=1))

        self._perform(second)
        self.assertEqual(self._state(channel_id), (["done"] * count, ["sale"] * count))
        self.assertEqual(
            [(state, result) for _uuid, state, _delay, result in self._jobs(channel_id)],
            [("done", str(INBOX_BATCH)), ("done", "5")],
        )

    def test_a_message_arriving_while_a_job_runs_is_gathered_by_the_next_job(self):
        from odoo.addons.queue_job.controllers.main import RunJobController

        tag = uuid.uuid4().hex[:6].upper()
        with self._cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, CTX)
            channel, (first,) = self._setup(env, f"{tag}R", orders=1)
            cr.commit()
            channel_id = channel.id
            late = json.loads(env["chain.channel.message"].search([("channel_id", "=", channel_id)]).normalized)
        self.addCleanup(self._cleanup, [channel_id])
        late.update(key="LATE:order_paid", platform_order_id="LATE")

        with self._cursor() as job_cr:
            job_env = api.Environment(job_cr, SUPERUSER_ID, {})
            job = RunJobController._acquire_job(job_env, first)  # started, committed
            with self._cursor() as cr:
                env = api.Environment(cr, SUPERUSER_ID, CTX)
                env["chain.channel.message"]._chain_ingest(env["chain.channel"].browse(channel_id), [late], "late")
                cr.commit()
            _uuid, state, delay, _result = self._jobs(channel_id)[1]
            # the inbox is busy: the new job waits a second for more messages
            self.assertEqual(state, "pending")
            self.assertGreaterEqual(delay, timedelta(seconds=1))
            RunJobController._try_perform_job(job_env, job)
            job_cr.commit()
        second = self._jobs(channel_id)[1][0]
        self._perform(second)
        self.assertEqual(self._state(channel_id), (["done", "done"], ["sale", "sale"]))
        jobs = [(state, result) for _uuid, state, _delay, result in self._jobs(channel_id)]
        # the running job read the late message too; the next one found nothing and queued nothing
        self.assertEqual(jobs, [("done", "2"), ("done", False)])
