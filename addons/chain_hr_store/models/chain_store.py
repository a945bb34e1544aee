import pytz

from odoo import api, fields, models

DEFAULT_TZ = "Asia/Shanghai"


def _tz_selection(_model):
    return [(tz, tz) for tz in sorted(pytz.all_timezones, key=lambda tz: tz if not tz.startswith("Etc/") else "_")]


class ChainStore(models.Model):
    _inherit = "chain.store"
    # tz is configuration, not workflow
    _chain_guarded_fields = {}

    tz = fields.Selection(
        _tz_selection,
        string="Time Zone",
        default=lambda self: self._default_tz(),
        help="The store's local time: the rota's shift hours and the attendance checks are read in it.",
    )

    @api.model
    def _default_tz(self):
        return self.env.company.partner_id.tz or DEFAULT_TZ

    def _chain_tz(self):
        """The store's time zone as a ``pytz`` timezone (``Asia/Shanghai`` when unset)."""
        self.ensure_one()
        return pytz.timezone(self.tz or self.company_id.partner_id.tz or DEFAULT_TZ)
