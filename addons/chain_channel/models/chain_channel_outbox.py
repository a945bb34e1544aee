# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import logging
import time
from datetime import timedelta

from odoo import _, api, fields, models

from ..lib import allocation
from ..lib.errors import ChannelError, ChannelRateLimited, ChannelTransientError

_logger = logging.getLogger(__name__)

MAX_ATTEMPTS = 5


class ChainChannelOutbox(models.Model):
    """Stock of a product to send to a channel: one row per channel and product.

    A done stock move marks the row pending (``version`` + 1) in its own transaction; the push
    cron sends the current offered quantity, so many moves coalesce into one update.
    """

    _name = "chain.channel.outbox"
    _description = "Channel Stock Update"
    _order = "next_try, id"
    # a stock push's progress: only the pusher (and a manager's Replay of a dead push) decides
    _chain_guarded_fields = {
        "state": ("action_replay", "_chain_mark", "_chain_push_channel", "_chain_failed"),
        "attempts": ("action_replay", "_chain_push_channel", "_chain_failed"),
    }

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True, readonly=True)
    product_id = fields.Many2one("product.product", required=True, ondelete="cascade", index=True, readonly=True)
    sku = fields.Char(string="SKU", readonly=True)
    pending = fields.Boolean(compute="_compute_pending", store=True)
    version = fields.Integer(default=1, readonly=True)
    attempts = fields.Integer(readonly=True)
    next_try = fields.Datetime(default=fields.Datetime.now, index=True, readonly=True)
    state = fields.Selection(
        [("pending", "Pending"), ("done", "Sent"), ("dead", "Failed")],
        default="pending",
        required=True,
        index=True,
        readonly=True,
    )
    last_qty = fields.Integer(string="Last Quantity Sent", readonly=True)
    error = fields.Text(readonly=True)

    _sql_constraints = [
        ("channel_product_uniq", "unique(channel_id, product_id)", "One stock update row per channel and product.")
    ]

    @api.depends("state")
    def _compute_pending(self):
        for row in self:
            row.pending = row.state == "pending"

    @api.model
    def _chain_mark(self, products, warehouses):
        """Mark ``products`` pending on every channel fulfilled by ``warehouses`` that maps them."""
        mappings = self.env["chain.channel.product"].search(
            [
                ("product_id", "in", products.ids),
                ("channel_id.active", "=", True),
                ("channel_id.store_ids.warehouse_id", "in", warehouses.ids),
            ]
        )
        now = fields.Datetime.now()
        for mapping in mappings:
            row = self.search([("channel_id", "=", mapping.channel_id.id), ("product_id", "=", mapping.product_id.id)])
            if row:
                vals = {"state": "pending", "version": row.version + 1, "sku": mapping.sku}
                if row.state != "pending":
                    vals.update(attempts=0, next_try=now, error=False)
                row.write(vals)
            else:
                self.create(
                    {"channel_id": mapping.channel_id.id, "product_id": mapping.product_id.id, "sku": mapping.sku}
                )

    @api.model
    def _chain_push_pending(self, limit=1000, commit=False):
        """Send the due rows, per channel, in the adapter's batches and at its rate.

        ``commit`` (the cron): the ledger is committed before the pushes, which releases the
        products' reservation locks; POS sales and channel orders never wait for the platform's
        HTTP calls. A push that fails after it leaves the rows pending (retried next run).
        """

        def due():
            # an archived channel sends nothing (its rows wait, and go when it is active again);
            # "now" is read each time: rows queued meanwhile are due in this run
            domain = [
                ("state", "=", "pending"),
                ("next_try", "<=", fields.Datetime.now()),
                ("channel_id.active", "=", True),
            ]
            return self.search(domain, limit=limit)

        rows = due()
        if rows:
            # the allocation of every channel offering these products, under their reservation
            # lock; the channels whose allocation changed are queued and pushed in this run too
            self.env["chain.channel.allocation"]._chain_allocate(rows.product_id)
            if commit:
                # release the reservation locks before the slow HTTP calls (the cron's own transaction)
                self.env.cr.commit()  # pylint: disable=invalid-commit
            rows = due()
        outbox = self.with_context(chain_allocation_fresh=True)
        for channel in rows.channel_id:
            outbox.browse(rows.filtered(lambda r, c=channel: r.channel_id == c).ids)._chain_push_channel(channel)
        return True

    def _chain_offered(self, channel):
        """Quantity to send per row: the channel's allocation (``chain.channel.allocation``),
        recomputed unless the caller just did; a channel out of the ledger (archived) gets its
        own offer from its stores alone."""
        Ledger = self.env["chain.channel.allocation"]
        if not channel.active:
            ledger = Ledger.browse()
        elif self.env.context.get("chain_allocation_fresh"):
            # sudo: the ledger is kept by the system, read here for the system's push
            ledger = Ledger.sudo().search([("channel_id", "=", channel.id), ("product_id", "in", self.product_id.ids)])
        else:
            ledger = Ledger._chain_recompute(self.product_id).filtered(lambda r: r.channel_id == channel)
        allocated = {row.product_id.id: row.allocated_qty for row in ledger}
        if all(row.product_id.id in allocated for row in self):
            return {row.id: allocated[row.product_id.id] for row in self}
        stores = channel.store_ids.filtered("warehouse_id")
        sellable = self.product_id._chain_sellable_qty(stores)
        totals = {}
        for (product_id, _store_id), qty in sellable.items():
            totals[product_id] = totals.get(product_id, 0.0) + qty
        params = channel._allocation_params()
        own = {row.id: allocation.offered_qty(totals.get(row.product_id.id, 0.0), **params) for row in self}
        return {row.id: allocated.get(row.product_id.id, own[row.id]) for row in self}

    def _chain_push_channel(self, channel):
        adapter = channel._adapter()
        batch_size = max(1, int(adapter.max_push_batch(channel) or 1))
        # the channel's share of the platform's published rate (a benchmark may override it)
        share = self.env.context.get("chain_channel_rate_factor") or channel.push_rate_share or 1.0
        pause = 1.0 / max(0.1, float(adapter.rate_limit(channel) or 1.0) * share)
        offered = self._chain_offered(channel)
        for start in range(0, len(self), batch_size):
            if start:
                time.sleep(pause)  # the platform's published rate
            batch = self[start : start + batch_size]
            items = [
                {"sku": row.sku, "qty": offered[row.id], "delta": None, "idempotency_key": f"{row.id}:{row.version}"}
                for row in batch
            ]
            try:
                results = adapter.push_stock(channel, items)
            except ChannelRateLimited as error:
                batch._chain_failed(_("Rate limited by the platform: %s", error.reason), error.retry_after)
                break
            except ChannelTransientError as error:
                batch._chain_failed(_("Temporary failure: %s", error.reason))
                continue
            except ChannelError as error:
                batch._chain_failed(_("Refused by the platform: %s", error.reason))
                continue
            except Exception as error:  # a broken adapter must not stop the cron for other channels
                _logger.exception("Channel %s: stock push failed", channel.id)
                batch._chain_failed(_("Unexpected error: %s", str(error)[:300]))
                continue
            by_sku = {str(result["sku"]): result for result in results or []}
            for row in batch:
                result = by_sku.get(str(row.sku)) or {"ok": False, "error": "no result"}
                if result.get("ok"):
                    row.write({"state": "done", "attempts": 0, "error": False, "last_qty": offered[row.id]})
                else:
                    row._chain_failed(_("Refused by the platform: %s", result.get("error") or "?"))

    def _chain_failed(self, reason, retry_after=0.0):
        now = fields.Datetime.now()
        for row in self:
            attempts = row.attempts + 1
            if attempts >= MAX_ATTEMPTS:
                row.write({"state": "dead", "attempts": attempts, "error": reason})
                _logger.warning("Channel stock update %s is dead: %s", row.id, reason)
                continue
            wait = max(float(retry_after or 0.0), allocation.backoff_seconds(attempts))
            row.write({"attempts": attempts, "error": reason, "next_try": now + timedelta(seconds=wait)})

    def action_replay(self):
        """Send a failed update again."""
        self.write({"state": "pending", "attempts": 0, "error": False, "next_try": fields.Datetime.now()})
        return True
