# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL


class ChainChannelYouzanStockPush(models.Model):
    """Idempotency log of incremental stock updates sent to Youzan.

    Youzan has no idempotency key: an increment sent twice is applied twice. Each increment's
    key is written here, on its own cursor, *before* the call (state ``uncertain``) and marked
    ``sent`` once Youzan confirmed it, so that neither a rolled-back job nor a timeout can make
    the same increment count twice: a ``sent`` key is not sent again, an ``uncertain`` one is sent
    as the absolute quantity, which is safe to repeat.
    """

    _name = "chain.channel.youzan.stock.push"
    _description = "Youzan Stock Update Log"
    _order = "id desc"
    _chain_guarded_fields = {}  # written in SQL on its own cursor; administrators only (access rights)

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True)
    idempotency_key = fields.Char(required=True)
    state = fields.Selection([("uncertain", "Sent, Outcome Unknown"), ("sent", "Confirmed")], required=True)

    _sql_constraints = [
        ("key_unique", "unique (channel_id, idempotency_key)", "A stock update is logged once per channel."),
    ]

    @api.model
    def _claim(self, cr, channel_id, keys):
        """Log ``keys`` as uncertain on ``cr``; the state each key had before (None if new)."""
        if not keys:
            return {}
        cr.execute(
            SQL(
                "SELECT idempotency_key, state FROM chain_channel_youzan_stock_push"
                " WHERE channel_id = %s AND idempotency_key = ANY(%s)",
                channel_id,
                list(keys),
            )
        )
        before = dict(cr.fetchall())
        cr.execute(
            SQL(
                "INSERT INTO chain_channel_youzan_stock_push"
                " (channel_id, idempotency_key, state, create_date, write_date, create_uid, write_uid)"
                " SELECT %s, key, 'uncertain', now() at time zone 'UTC', now() at time zone 'UTC', %s, %s"
                " FROM unnest(%s::varchar[]) AS key ON CONFLICT (channel_id, idempotency_key) DO NOTHING",
                channel_id,
                self.env.uid,
                self.env.uid,
                list(keys),
            )
        )
        return {key: before.get(key) for key in keys}

    @api.model
    def _confirm(self, cr, channel_id, keys):
        if keys:
            cr.execute(
                SQL(
                    "UPDATE chain_channel_youzan_stock_push SET state = 'sent', write_date = now() at time zone 'UTC'"
                    " WHERE channel_id = %s AND idempotency_key = ANY(%s)",
                    channel_id,
                    list(keys),
                )
            )

    @api.autovacuum
    def _gc_old_entries(self):
        """Forget updates older than 30 days: the core never retries that long."""
        self.search([("create_date", "<", fields.Datetime.now() - timedelta(days=30))]).unlink()
