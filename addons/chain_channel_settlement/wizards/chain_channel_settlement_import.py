# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64
import binascii

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..lib import settlement as lib


class ChainChannelSettlementImport(models.TransientModel):
    """Upload a platform's fund-flow file (CSV or Excel) into a channel's settlements."""

    _name = "chain.channel.settlement.import"
    _description = "Import Platform Settlement"
    _chain_guarded_fields = {}  # a form, no state

    channel_id = fields.Many2one("chain.channel", required=True)
    mapping_id = fields.Many2one("chain.channel.settlement.mapping", string="File Mapping", required=True)
    data_file = fields.Binary(string="File", required=True)
    filename = fields.Char()
    date = fields.Date(default=fields.Date.context_today, required=True)

    def action_import(self):
        """Import the file; open the settlement made (or tell that nothing was new)."""
        self.ensure_one()
        self.env["chain.channel.settlement"]._chain_check_importer()
        if not self.data_file or not self.mapping_id or not self.channel_id:
            raise UserError(_("Choose a channel, a file mapping and a file."))
        try:
            raw = base64.b64decode(self.data_file)
        except (binascii.Error, ValueError) as error:
            raise UserError(_("The file cannot be decoded.")) from error
        try:
            rows = lib.read_table(raw, self.filename or "")
            lines = lib.normalize(rows, self.mapping_id._chain_as_dict())
        except lib.SettlementFileError as error:
            raise UserError(
                _(
                    "The file cannot be read with mapping %(mapping)s: %(error)s",
                    mapping=self.mapping_id.name,
                    error=error,
                )
            ) from error
        if not lines:
            raise UserError(_("The file has no settlement line."))
        name = self.filename or _("Settlement %s", self.date)
        settlement = self.env["chain.channel.settlement"]._chain_import(
            self.channel_id, lines, name, source="file", when=self.date
        )
        if not settlement:
            return {
                "type": "ir.actions.client",
                "tag": "display_notification",
                "params": {
                    "type": "info",
                    "message": _("Every line of this file was imported already: nothing new."),
                    "next": {"type": "ir.actions.act_window_close"},
                },
            }
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.channel.settlement",
            "res_id": settlement.id,
            "view_mode": "form",
        }
