# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models, tools


class ChainChannelUnmappedSku(models.Model):
    """The SKUs seen in channel orders that no product is mapped to (a SQL view)."""

    _name = "chain.channel.unmapped.sku"
    _description = "Unmapped Channel SKU"
    _auto = False
    _order = "message_count desc, last_seen desc"
    _rec_name = "sku"
    _chain_guarded_fields = {}  # read-only for every user (access rights)

    channel_id = fields.Many2one("chain.channel", readonly=True)
    sku = fields.Char(string="SKU", readonly=True)
    message_count = fields.Integer(string="Orders Waiting", readonly=True)
    last_seen = fields.Datetime(readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(
            f"""
            CREATE VIEW {self._table} AS (
                SELECT hashtext(m.channel_id::text || ':' || s.sku) & 2147483647 AS id,  -- stable per channel and SKU
                       m.channel_id, s.sku, COUNT(*) AS message_count,
                       MAX(m.create_date) AS last_seen, c.company_id
                  FROM chain_channel_message m
                  JOIN chain_channel c ON c.id = m.channel_id
                 CROSS JOIN LATERAL unnest(string_to_array(m.unknown_skus, ',')) AS s(sku)
                 WHERE m.state = 'attention' AND m.unknown_skus IS NOT NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM chain_channel_product p WHERE p.channel_id = m.channel_id AND p.sku = s.sku
                   )
                 GROUP BY m.channel_id, s.sku, c.company_id
            )"""
        )

    def action_map(self):
        """Open a new mapping of this SKU; saving it retries the orders that waited for it."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": _("Map SKU %s", self.sku),
            "res_model": "chain.channel.product",
            "view_mode": "form",
            "target": "new",
            "context": {"default_channel_id": self.channel_id.id, "default_sku": self.sku},
        }


class ChainChannelProduct(models.Model):
    _inherit = "chain.channel.product"

    @api.model_create_multi
    def create(self, vals_list):
        mappings = super().create(vals_list)
        mappings._chain_retry_waiting()
        return mappings

    def write(self, vals):
        res = super().write(vals)
        if "sku" in vals or "product_id" in vals:
            self._chain_retry_waiting()
        return res

    def _chain_retry_waiting(self):
        """Retry the messages that waited for these SKUs (a job per channel)."""
        if not self:
            return
        waiting = self.env["chain.channel.message"].search(
            [("channel_id", "in", self.channel_id.ids), ("state", "=", "attention"), ("unknown_skus", "!=", False)]
        )
        mapped = {(mapping.channel_id.id, mapping.sku) for mapping in self}
        retry = waiting.filtered(lambda m: any((m.channel_id.id, sku) in mapped for sku in m.unknown_skus.split(",")))
        for channel in retry.channel_id:
            messages = retry.filtered(lambda m, c=channel: m.channel_id == c)
            messages.with_delay(description=f"Channel {channel.name}: messages of mapped SKUs")._chain_process()
