# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
from contextlib import closing

from odoo import _, api, fields, models, sql_db
from odoo.exceptions import ValidationError
from odoo.tools import SQL

_logger = logging.getLogger(__name__)

MANAGER = "chain_channel.group_channel_manager"

# The inbox (see ``_chain_inbox_enqueue``).
# first key of the inbox's pg_advisory_xact_lock(int, int): "CI"; the second is the channel id
INBOX_LOCK_NAMESPACE = 0x4349
# messages a job reads: their new orders are created and confirmed together
INBOX_BATCH = 40
# jobs queued at most for what is left in an inbox (queue_job's channel capacity runs them)
INBOX_MAX_JOBS = 4
# seconds a job of a busy inbox waits before it starts, so that the messages arriving meanwhile
# join it: without it, a busy inbox is read a few messages per job (see ``_chain_inbox_enqueue``)
INBOX_GATHER_SECONDS = 1
# a received message older than this, with no job waiting, gets one from the pull cron
INBOX_STALE_MINUTES = 5


class ChainChannel(models.Model):
    """An online shop (WeChat mini-shop, Youzan, ...) that sells the chain's stock."""

    _name = "chain.channel"
    _description = "Sales Channel"
    _order = "sequence, id"
    _chain_guarded_fields = {}  # configuration: channel managers (access rights); sync bookkeeping by the jobs

    name = fields.Char(required=True, translate=False)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    platform = fields.Selection(
        [("generic", "Generic webhook")], required=True, default="generic", ondelete={"generic": "cascade"}
    )
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    api_url = fields.Char(string="API URL", groups=MANAGER, help="Base URL of the platform's API.")
    app_key = fields.Char(groups=MANAGER)
    app_secret = fields.Char(groups=MANAGER, help="Shared secret that signs the platform's messages.")
    access_token = fields.Char(groups=MANAGER, copy=False)
    shop_ref = fields.Char(string="Shop Reference", groups=MANAGER, help="The shop's id on the platform.")
    store_ids = fields.Many2many(
        "chain.store",
        string="Fulfilling Stores",
        help="Stores that ship this channel's orders, in order of preference; their sellable stock is offered.",
    )
    warehouse_ids = fields.Many2many("stock.warehouse", compute="_compute_warehouse_ids", string="Warehouses")
    pricelist_id = fields.Many2one("product.pricelist", string="Pricelist")
    stock_share = fields.Float(default=1.0, help="Share of the sellable stock offered on this channel (0 to 1).")
    stock_buffer = fields.Float(help="Units kept back from the channel, after the share.")
    stock_min = fields.Integer(string="Minimum Offered", help="Quantity shown at least while the stock covers it.")
    stock_max = fields.Integer(string="Maximum Offered", help="Cap on the quantity shown; 0 means no cap.")
    push_rate_share = fields.Float(
        default=0.5,
        help="Share of the platform's published rate limit that stock pushes use (0 to 1), leaving the rest "
        "for order pulls and other calls.",
    )
    pull_cursor = fields.Datetime(copy=False, help="Orders updated before this time have been pulled.")
    product_ids = fields.One2many("chain.channel.product", "channel_id", string="Products")
    message_count = fields.Integer(compute="_compute_message_count")

    @api.depends("store_ids.warehouse_id")
    def _compute_warehouse_ids(self):
        for channel in self:
            channel.warehouse_ids = channel.store_ids.warehouse_id

    def _compute_message_count(self):
        groups = self.env["chain.channel.message"]._read_group(
            [("channel_id", "in", self.ids)], ["channel_id"], ["__count"]
        )
        counts = {channel.id: count for channel, count in groups}
        for channel in self:
            channel.message_count = counts.get(channel.id, 0)

    @api.constrains("stock_share", "stock_buffer", "stock_min", "stock_max", "push_rate_share")
    def _check_stock_params(self):
        for channel in self:
            if not 0.0 < channel.push_rate_share <= 1.0:
                raise ValidationError(
                    _("The push rate share of channel %s must be above 0 and at most 1.", channel.name)
                )
            if not 0.0 <= channel.stock_share <= 1.0:
                raise ValidationError(_("The stock share of channel %s must be between 0 and 1.", channel.name))
            if channel.stock_buffer < 0 or channel.stock_min < 0 or channel.stock_max < 0:
                raise ValidationError(_("Buffer, minimum and maximum of channel %s cannot be negative.", channel.name))

    @api.model
    def _chain_each_active(self, method):
        """Run ``method`` (a name) on every active channel, in its own savepoint; one failing
        channel is logged and never stops the others (the crons' loop)."""
        for channel in self.search([("active", "=", True)]):
            try:
                with self.env.cr.savepoint():
                    getattr(channel, method)()
            except Exception:  # the cron must reach the next channel
                _logger.exception("Channel %s: %s failed", channel.id, method)
        return True

    def _adapter(self):
        """The adapter model of this channel's platform."""
        self.ensure_one()
        return self.env["chain.channel.adapter." + self.platform]

    def _allocation_params(self):
        return {
            "share": self.stock_share,
            "buffer": self.stock_buffer,
            "min_qty": self.stock_min,
            "max_qty": self.stock_max,
        }

    def action_view_messages(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("chain_channel.chain_channel_message_action")
        action["domain"] = [("channel_id", "=", self.id)]
        return action

    # ------------------------------------------------------------------ inbox
    # The channel's inbox: the jobs that read its received messages, a batch at a time.
    #
    # A webhook (or a pull) stores its new messages and makes sure a job will read them; it never
    # queues a job per message. One job waiting per channel is enough: the messages stored meanwhile
    # join it. The snag is a job that starts while a webhook's transaction is still open: its snapshot
    # misses that webhook's messages. So the webhook holds the inbox lock (shared) from the moment it
    # looks for a waiting job until it commits, and a job that ends looks at the inbox again under the
    # same lock (exclusive, so after those commits) and queues the next jobs for what is left.
    #
    # Latency against batching. A message that finds its inbox idle (no job waiting, none running)
    # gets a job that starts at once: it is processed as soon as queue_job's runner dispatches the
    # job. A message that finds a job running gets a job that gathers for INBOX_GATHER_SECONDS
    # first: the inbox is busy, the messages arriving meanwhile join that job, and a busy inbox is
    # still read a batch (up to INBOX_BATCH) per job. A job that processed nothing queues nothing
    # (another job holds what is left, and that job's follow-up looks at the inbox again).
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

    def _chain_inbox_waiting(self, running=False):
        """Inbox jobs of the channel that have not started yet (as committed now); with
        ``running``, ``(waiting, started)``."""
        rows = self._chain_inbox_fresh(
            SQL(
                "SELECT count(*) FILTER (WHERE state IN ('pending', 'enqueued')),"
                " count(*) FILTER (WHERE state = 'started')"
                " FROM queue_job WHERE identity_key = %s AND state IN ('pending', 'enqueued', 'started')",
                self._chain_inbox_identity(),
            )
        )
        return rows[0] if running else rows[0][0]

    def _chain_inbox_enqueue(self):
        """Make sure a job reads this channel's inbox once this transaction commits: none when
        a job waits already; one at once when the inbox is idle; one that gathers first when a
        job is running (see the inbox's notes above)."""
        self.ensure_one()
        if self._chain_inbox_inline():
            self._chain_run_inbox()
            return
        # held until commit: a job ending meanwhile waits for it before its last look at the inbox
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock_shared(%s, %s)", INBOX_LOCK_NAMESPACE, self.id))
        waiting, running = self._chain_inbox_waiting(running=True)
        if not waiting:
            self._chain_inbox_queue(1, gather=bool(running))

    def _chain_inbox_queue(self, count, gather=False):
        """Queue ``count`` inbox jobs; with ``gather``, they start ``INBOX_GATHER_SECONDS``
        from now. queue_job's own identity check is not used: it reads this transaction's
        snapshot, where a job may still wait that has started since."""
        eta = INBOX_GATHER_SECONDS if gather else None
        for _index in range(count):
            job = self.with_delay(eta=eta, description=_("Channel %s: new messages", self.name))._chain_run_inbox()
            self.env.cr.execute(
                SQL("UPDATE queue_job SET identity_key = %s WHERE uuid = %s", self._chain_inbox_identity(), job.uuid)
            )

    def _chain_run_inbox(self):
        """The inbox job: process up to ``INBOX_BATCH`` received messages (locked, so that jobs
        running side by side share the inbox), then queue jobs for what is left. Run without
        queue_job (tests), it processes the whole inbox. Returns the number processed."""
        self.ensure_one()
        if self._chain_inbox_inline():
            processed = 0
            while True:
                count = self._chain_inbox_batch()
                processed += count
                if count < INBOX_BATCH:
                    return processed
        with self.env.registry.cursor() as cr:
            cr.execute("SET TRANSACTION ISOLATION LEVEL READ COMMITTED")
            processed = self.with_env(self.env(cr=cr))._chain_inbox_batch()
        if processed:
            self._chain_inbox_follow_up()
        return processed

    def _chain_inbox_batch(self):
        """Claim and process one batch of the inbox in this environment's transaction; its size.

        A job runs it in a READ COMMITTED transaction of its own, committed when the batch is
        done. The reason is the products' reservation lock (``stock.move._chain_lock_products``):
        a job that waited for it while another job reserved the same products must then see
        what that job committed. In Odoo's REPEATABLE READ, its snapshot is older than the lock,
        so its first update of those quants fails to serialize, and queue_job runs the whole job
        again five seconds later: with a channel's best sellers in most batches, that is most
        jobs. The lock makes READ COMMITTED safe: the quants are read again once it is held.
        """
        messages = self.env["chain.channel.message"]._chain_claim(self, INBOX_BATCH)
        messages._chain_process()
        return len(messages)

    def _chain_inbox_follow_up(self):
        """After a batch: the messages no job holds, seen after every open intake committed,
        get jobs (up to ``INBOX_MAX_JOBS`` waiting): one per full batch, at once; for less than
        a batch, one that gathers first (the inbox is busy: messages came while this job ran)."""
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
        full = min(INBOX_MAX_JOBS, left // INBOX_BATCH) - waiting
        if full > 0:
            self._chain_inbox_queue(full)
        elif left and not waiting:
            self._chain_inbox_queue(1, gather=True)

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
