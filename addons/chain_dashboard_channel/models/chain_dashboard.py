from datetime import datetime

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import SQL

from odoo.addons.chain_dashboard.models.chain_dashboard import WATERMARK_OVERLAP

from ..lib.channel_rows import ONLINE, channel_key, sources

# a locked order stays in state 'sale' in 18.0 (its ``locked`` flag): 'sale' covers it
SALE_STATES = ("sale",)
CHANNEL_SUMMARY_MODELS = ("chain.dashboard.channel.daily", "chain.dashboard.channel.daily.categ")
CHANNEL_WATERMARK_KEY = "chain_dashboard_channel.watermark"


class ChainDashboard(models.AbstractModel):
    """Online channel sales on the dashboard: the summaries of the confirmed channel sale orders
    are refreshed with the POS ones and added to the figures of the channel filter's keys."""

    _inherit = "chain.dashboard"

    # ------------------------------------------------------------------ SQL parts
    @api.model
    def _chain_sale_where(self, date_from, date_to, tz, store_ids=None):
        """The ``WHERE`` of the lines of the confirmed channel orders of the local days, in
        ``store_ids`` when given (``l`` is sale_order_line, ``o`` sale_order, ``st`` the store
        whose warehouse ships the order). Sections, notes and down payments are not sales."""
        start, end = self._chain_utc_bounds(date_from, date_to, tz)
        where = SQL(
            """o.state IN %s AND o.chain_channel_id IS NOT NULL
               AND o.date_order >= %s AND o.date_order < %s
               AND l.display_type IS NULL AND NOT COALESCE(l.is_downpayment, FALSE)""",
            SALE_STATES,
            start,
            end,
        )
        if store_ids is not None:
            where = SQL("%s AND st.id = ANY(%s)", where, list(store_ids))
        return where

    @api.model
    def _chain_sale_cost_sql(self):
        """The unit cost of a sale order line's product in the order's company (``pp`` is
        product_product): its company-dependent standard price, 0 when none is set."""
        return SQL("COALESCE((pp.standard_price ->> o.company_id::text)::numeric, 0)")

    # ------------------------------------------------------------------ refresh
    @api.model
    def _chain_refresh(self, date_from, date_to, store_ids=None):
        """The POS summaries, then the channel summaries of the same days and stores."""
        result = super()._chain_refresh(date_from, date_to, store_ids)
        self._chain_refresh_channel(date_from, date_to, store_ids)
        return result

    @api.model
    def _chain_refresh_channel(self, date_from, date_to, store_ids=None):
        """Re-aggregate the channel summaries of the local days ``date_from``..``date_to`` (of
        ``store_ids`` when given) from the confirmed channel orders, with set-based SQL: a
        cancelled order leaves the figures here."""
        self._chain_refresh_summaries(CHANNEL_SUMMARY_MODELS, date_from, date_to, store_ids)

    @api.model
    def _chain_refresh_channel_pairs(self, pairs):
        """Refresh the channel summaries of each (store id, local day) of ``pairs``."""
        self._chain_refresh_pairs(pairs, self._chain_refresh_channel)

    @api.model
    def _cron_chain_refresh(self):
        """The POS orders written since the dashboard's watermark, then the (store, day) pairs
        of the channel orders written since this addon's own watermark (a confirmation or a
        cancellation writes the order)."""
        count = super()._cron_chain_refresh()
        # sudo: the watermark is a technical parameter only this cron writes
        params = self.env["ir.config_parameter"].sudo()
        mark = fields.Datetime.to_datetime(params.get_param(CHANNEL_WATERMARK_KEY)) or datetime(1970, 1, 1)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """SELECT DISTINCT st.id, %s, max(o.write_date) OVER ()
                     FROM sale_order o JOIN chain_store st ON st.warehouse_id = o.warehouse_id
                    WHERE o.chain_channel_id IS NOT NULL AND o.write_date > %s""",
                self._chain_local_day_sql(self._chain_tz()),
                mark - WATERMARK_OVERLAP,
            )
        )
        rows = self.env.cr.fetchall()
        if not rows:
            return count
        self._chain_refresh_channel_pairs((store_id, day) for store_id, day, _newest in rows)
        params.set_param(CHANNEL_WATERMARK_KEY, fields.Datetime.to_string(max(rows[0][2], mark)))
        return count + len(rows)

    # ------------------------------------------------------------------ channel filter
    @api.model
    def _chain_channel_choices(self):
        """The POS keys, ``online`` (every channel) and one key per active channel the user
        can see (channels fulfilled by their stores; all for HQ)."""
        choices = super()._chain_channel_choices()
        Channel = self.env["chain.channel"]
        choices.append((ONLINE, _("Online (all channels)")))
        if Channel.has_access("read"):
            choices += [(channel_key(channel.id), channel.name) for channel in Channel.search_fetch([], ["name"])]
        return choices

    @api.model
    def _chain_channel_sources(self, key):
        """``(with_pos, channel_ids)`` of a channel filter key (see ``lib.channel_rows.sources``);
        an unknown key raises a translated ``ValidationError``."""
        try:
            return sources(key or "all")
        except ValueError as error:
            raise ValidationError(_("Unknown sales channel: %s", key)) from error

    @api.model
    def _chain_summary_sources(self, parsed):
        """``all`` = POS + every channel, ``pos`` = POS only, ``online`` = every channel,
        ``channel_<id>`` = that channel only: the channel summary (the category one under a
        category filter) joins the POS ones, summed in the same query."""
        with_pos, channel_ids = self._chain_channel_sources(parsed.get("channel"))
        found = super()._chain_summary_sources(parsed) if with_pos else []
        if channel_ids == ():
            return found
        if parsed.get("categ_id"):
            categs = self.env["product.category"].search([("id", "child_of", parsed["categ_id"])])
            table = SQL.identifier(self.env["chain.dashboard.channel.daily.categ"]._table)
            extra = SQL("AND categ_id = ANY(%s)", categs.ids)
        else:
            table, extra = SQL.identifier(self.env["chain.dashboard.channel.daily"]._table), SQL()
        if channel_ids is not None:
            extra = SQL("%s AND channel_id = ANY(%s)", extra, list(channel_ids))
        return [*found, (table, extra)]

    # ------------------------------------------------------------------ drill-down
    @api.model
    def action_drilldown(self, filters=None, store_id=False, date=False):
        """With ``online`` or a channel key: the channel sale orders behind the figure (their
        lines under a category filter). With ``all`` or ``pos``: the POS tickets, as before
        (the channel orders have their own keys)."""
        with_pos, channel_ids = self._chain_channel_sources((filters or {}).get("channel") or "all")
        if with_pos:
            return super().action_drilldown(filters, store_id=store_id, date=date)
        parsed, stores, start, end = self._chain_drilldown_scope(filters, store_id, date)
        if parsed["categ_id"]:
            model, prefix, name = "sale.order.line", "order_id.", _("Channel order lines")
        else:
            model, prefix, name = "sale.order", "", _("Channel orders")
        domain = [
            (f"{prefix}chain_channel_id", "!=", False),
            (f"{prefix}warehouse_id", "in", stores.warehouse_id.ids),
            (f"{prefix}date_order", ">=", fields.Datetime.to_string(start)),
            (f"{prefix}date_order", "<", fields.Datetime.to_string(end)),
            (f"{prefix}state", "in", list(SALE_STATES)),
        ]
        if channel_ids is not None:
            domain.append((f"{prefix}chain_channel_id", "in", list(channel_ids)))
        if parsed["categ_id"]:
            domain += [
                ("product_id.categ_id", "child_of", parsed["categ_id"]),
                ("display_type", "=", False),
                ("is_downpayment", "=", False),
            ]
        return self._chain_list_action(model, name, domain)
