# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The channel's inbox: the jobs that read its received messages, a batch at a time.

A webhook (or a pull) stores its new messages and makes sure a job will read them; it never
queues a job per message. One job waiting per channel is enough: the messages stored meanwhile
join it. The snag is a job that starts while a webhook's transaction is still open: its snapshot
misses that webhook's messages. So the webhook holds the inbox lock (shared) from the moment it
looks for a waiting job until it commits, and a job that ends looks at the inbox again under the
same lock (exclusive, so after those commits) and queues the next jobs for what is left.
"""

import logging
import math
from contextlib import closing

from odoo import _, api, fields, models, sql_db
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

# first key of the inbox's pg_advisory_xact_lock(int, int): "CI"; the second is the channel id
INBOX_LOCK_NAMESPACE = 0x4349
# messages a job reads: their new orders are created and confirmed together
INBOX_BATCH = 40
# jobs queued at most for what is left in an inbox (queue_job's channel capacity runs them)
INBOX_MAX_JOBS = 4
# a received message older than this, with no job waiting, gets one from the pull cron
INBOX_STALE_MINUTES = 5


class ChainChannel(models.Model):
    _inherit = "chain.channel"

    def _chain_inbox_inline(self):
        """queue_job's switch for tests: jobs run at once, in the caller's transaction."""
        # imported here: the addon's lib tests import this package without Odoo's addons path
        from odoo.addons.queue_job.utils import must_run_without_delay

        return must_run_without_delay(self.env)

    def _chain_inbox_identity(self):
        self.ensure_one()
        return f"chain.channel.inbox:{self.id}"

    def _chain_inbox_fresh(self, query, lock=False):
        """Run ``query`` in a transaction of its own that sees what is committed now (this
        transaction's snapshot may be older), after the inbox lock when ``lock``; its rows."""
        with closing(sql_db.db_connect(self.env.cr.dbname).cursor()) as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            if lock:
                cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", INBOX_LOCK_NAMESPACE, self.id))
            cr.execute(query)
            rows = cr.fetchall()
            cr.rollback()
        return rows

    def _chain_inbox_waiting(self):
        """Inbox jobs of the channel that have not started yet (as committed now)."""
        rows = self._chain_inbox_fresh(
            SQL(
                "SELECT count(*) FROM queue_job WHERE identity_key = %s AND state IN ('pending', 'enqueued')",
                self._chain_inbox_identity(),
            )
        )
        return rows[0][0]

    def _chain_inbox_enqueue(self):
        """Make sure a job reads this channel's inbox once this transaction commits."""
        self.ensure_one()
        if self._chain_inbox_inline():
            self._chain_run_inbox()
            return
        # held until commit: a job ending meanwhile waits for it before its last look at the inbox
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock_shared(%s, %s)", INBOX_LOCK_NAMESPACE, self.id))
        if not self._chain_inbox_waiting():
            self._chain_inbox_queue(1)

    def _chain_inbox_queue(self, count):
        """Queue ``count`` inbox jobs. queue_job's own identity check is not used: it reads this
        transaction's snapshot, where a job may still wait that has started since."""
        for _index in range(count):
            job = self.with_delay(description=_("Channel %s: new messages", self.name))._chain_run_inbox()
            self.env.cr.execute(
                SQL("UPDATE queue_job SET identity_key = %s WHERE uuid = %s", self._chain_inbox_identity(), job.uuid)
            )

    def _chain_run_inbox(self):
        """The inbox job: process up to ``INBOX_BATCH`` received messages (locked, so that jobs
        running side by side share the inbox), then queue jobs for what is left. Run without
        queue_job (tests), it processes the whole inbox. Returns the number processed."""
        self.ensure_one()
        Message = self.env["chain.channel.message"]
        inline = self._chain_inbox_inline()
        processed = 0
        while True:
            messages = Message._chain_claim(self, INBOX_BATCH)
            messages._chain_process()
            processed += len(messages)
            if not inline or len(messages) < INBOX_BATCH:
                break
        if not inline:
            self._chain_inbox_follow_up()
        return processed

    def _chain_inbox_follow_up(self):
        """After a batch: the messages no job holds, seen after every open intake committed,
        get jobs (one per batch, up to ``INBOX_MAX_JOBS`` waiting)."""
        rows = self._chain_inbox_fresh(
            SQL(
                "SELECT count(*), (SELECT count(*) FROM queue_job WHERE identity_key = %s"
                " AND state IN ('pending', 'enqueued'))"
                " FROM (SELECT id FROM chain_channel_message WHERE channel_id = %s AND state = 'received'"
                " LIMIT %s FOR UPDATE SKIP LOCKED) AS free",
                self._chain_inbox_identity(),
                self.id,
                INBOX_BATCH * INBOX_MAX_JOBS,
            ),
            lock=True,
        )
        left, waiting = rows[0]
        wanted = min(INBOX_MAX_JOBS, math.ceil(left / INBOX_BATCH)) - waiting
        if wanted > 0:
            self._chain_inbox_queue(wanted)

    @api.model
    def _chain_inbox_kick(self):
        """Cron safety net: a channel whose received messages wait for more than a few minutes
        with no job waiting (a job deleted by hand, say) gets one."""
        limit = fields.Datetime.subtract(fields.Datetime.now(), minutes=INBOX_STALE_MINUTES)
        groups = self.env["chain.channel.message"]._read_group(
            [("state", "=", "received"), ("create_date", "<", limit), ("channel_id.active", "=", True)],
            ["channel_id"],
        )
        for (channel,) in groups:
            if not channel._chain_inbox_waiting():
                _logger.info("Channel %s: messages waiting since %s, inbox job queued", channel.id, limit)
                channel._chain_inbox_queue(1)
        return True
