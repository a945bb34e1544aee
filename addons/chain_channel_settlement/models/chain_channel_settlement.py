# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

from ..lib import settlement as lib
from .chain_channel import ACCOUNTANT, BOOKKEEPER, MANAGER

# lines inserted at once past which the table's statistics are refreshed
ANALYZE_AFTER = 5000
INSERT_COLUMNS = (
    "settlement_id", "channel_id", "company_id", "key", "platform_order_id", "kind", "label", "amount",
    "currency_code", "date", "reference", "state", "reason",
)  # fmt: skip


class ChainChannelSettlement(models.Model):
    """One settlement (fund-flow) statement of a channel shop, imported from the platform's file
    or pulled from its API; its lines are posted in the shop's wallet journal once matched."""

    _name = "chain.channel.settlement"
    _description = "Platform Settlement"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    # created by the import (as the system); its lines carry the matching state
    _chain_guarded_fields = dict.fromkeys(("name", "channel_id", "date", "source"), ("_chain_import",))

    name = fields.Char(required=True, readonly=True)
    channel_id = fields.Many2one("chain.channel", required=True, index=True, readonly=True, ondelete="restrict")
    company_id = fields.Many2one(related="channel_id.company_id", store=True, index=True)
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    source = fields.Selection([("file", "File"), ("api", "Platform API")], required=True, readonly=True)
    line_ids = fields.One2many("chain.channel.settlement.line", "settlement_id", string="Lines", readonly=True)
    line_count = fields.Integer(compute="_compute_counts")
    unmatched_count = fields.Integer(compute="_compute_counts")
    total_amount = fields.Float(compute="_compute_counts", digits="Account")

    def _compute_counts(self):
        groups = self.env["chain.channel.settlement.line"]._read_group(
            [("settlement_id", "in", self.ids)], ["settlement_id", "state"], ["__count", "amount:sum"]
        )
        counts = {}
        for settlement, state, count, amount in groups:
            total = counts.setdefault(settlement.id, {"all": 0, "unmatched": 0, "amount": 0.0})
            total["all"] += count
            total["amount"] += amount
            if state == "unmatched":
                total["unmatched"] += count
        for settlement in self:
            total = counts.get(settlement.id, {"all": 0, "unmatched": 0, "amount": 0.0})
            settlement.line_count = total["all"]
            settlement.unmatched_count = total["unmatched"]
            settlement.total_amount = total["amount"]

    # ------------------------------------------------------------------ import
    @api.model
    def _chain_check_importer(self):
        if self.env.su or any(self.env.user.has_group(group) for group in (BOOKKEEPER, ACCOUNTANT, MANAGER)):
            return
        raise UserError(_("Only an accountant or a channel manager may import platform settlements."))

    @api.model
    def _chain_import(self, channel, lines, name, source="file", when=None):
        """Store the normalized ``lines`` (``lib.settlement.normalize``) of a statement of
        ``channel``; a line already imported (same key on the channel) is skipped, so the same
        statement imported twice is stored once. The new lines are matched and posted. Returns
        the settlement (empty when nothing was new)."""
        self._chain_check_importer()
        channel._chain_settlement_ready()
        # sudo: the settlement and its lines are written set-based by the import, for the importer checked above
        settlement = self.sudo().create(
            {"name": name, "channel_id": channel.id, "date": when or fields.Date.context_today(self), "source": source}
        )
        ids = settlement._chain_insert_lines(lines)
        if not ids:
            settlement.unlink()
            return self.browse()
        settlement.line_ids.invalidate_recordset()
        self.env["chain.channel.settlement.line"].browse(ids).invalidate_recordset()
        self.env["chain.channel.settlement.line"].sudo().browse(ids)._chain_match()
        return self.browse(settlement.id)

    def _chain_insert_lines(self, lines):
        """Insert ``lines`` set-based (``ON CONFLICT DO NOTHING`` on the channel's unique key);
        the ids of the lines that were new."""
        self.ensure_one()
        if not lines:
            return []
        columns = {name: [] for name in INSERT_COLUMNS}
        for line in lines:
            reason = lib.UNREADABLE if line.get("unreadable") else False
            if not reason and line["kind"] not in lib.KINDS:
                reason = lib.UNKNOWN_TYPE
            row = {
                "settlement_id": self.id,
                "channel_id": self.channel_id.id,
                "company_id": self.company_id.id,
                "key": line["key"],
                "platform_order_id": line.get("platform_order_id") or None,
                "kind": line["kind"] if line["kind"] in lib.KINDS else "other",
                "label": line.get("label") or None,
                "amount": line["amount"],
                "currency_code": line.get("currency") or None,
                "date": line.get("date") or self.date,
                "reference": line.get("reference") or None,
                "state": "unmatched",
                "reason": reason or None,
            }
            for name in INSERT_COLUMNS:
                columns[name].append(row[name])
        self.env.cr.execute(
            SQL(
                """
                INSERT INTO chain_channel_settlement_line
                       (settlement_id, channel_id, company_id, key, platform_order_id, kind, label, amount,
                        currency_code, date, reference, state, reason,
                        create_uid, create_date, write_uid, write_date)
                SELECT s, c, co, k, o, ki, la, a, cu, d, r, st, re,
                       %(uid)s, now() AT TIME ZONE 'UTC', %(uid)s, now() AT TIME ZONE 'UTC'
                  FROM unnest(%(s)s::int[], %(c)s::int[], %(co)s::int[], %(k)s::varchar[], %(o)s::varchar[],
                              %(ki)s::varchar[], %(la)s::varchar[], %(a)s::numeric[], %(cu)s::varchar[],
                              %(d)s::date[], %(r)s::varchar[], %(st)s::varchar[], %(re)s::varchar[])
                       AS t(s, c, co, k, o, ki, la, a, cu, d, r, st, re)
                ON CONFLICT (channel_id, key) DO NOTHING
                RETURNING id
                """,
                uid=self.env.uid,
                s=columns["settlement_id"],
                c=columns["channel_id"],
                co=columns["company_id"],
                k=columns["key"],
                o=columns["platform_order_id"],
                ki=columns["kind"],
                la=columns["label"],
                a=columns["amount"],
                cu=columns["currency_code"],
                d=columns["date"],
                r=columns["reference"],
                st=columns["state"],
                re=columns["reason"],
            )
        )
        ids = sorted(row[0] for row in self.env.cr.fetchall())
        if len(ids) > ANALYZE_AFTER:
            # the matching joins these rows at once: the planner must know they are there
            self.env.cr.execute(SQL("ANALYZE chain_channel_settlement_line"))
        return ids

    # ------------------------------------------------------------------ actions
    def action_match(self):
        """Try the unmatched lines again (an order invoiced since, a fixed commission rate) and the
        payouts against the bank statements."""
        self._chain_check_importer()
        # sudo: matching posts journal entries for the accountant or channel manager checked above
        lines = self.sudo().line_ids
        lines.filtered(lambda line: line.state == "unmatched")._chain_match()
        lines.filtered(lambda line: line.kind == "payout" and line.state == "posted")._chain_match_payouts()
        return True

    def action_view_lines(self):
        self._chain_check_importer()
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id(
            "chain_channel_settlement.chain_channel_settlement_line_action"
        )
        action["domain"] = [("settlement_id", "=", self.id)]
        action["context"] = {}
        return action
