import uuid

import pytz

from odoo import _, api, fields, models
from odoo.exceptions import AccessError
from odoo.tools import SQL

DEFAULT_TZ = "Asia/Shanghai"
KIOSK_GROUPS = "hr.group_hr_user,hr_attendance.group_hr_attendance_officer,chain_store.group_chain_manager"


def _tz_selection(_model):
    return [(tz, tz) for tz in sorted(pytz.all_timezones, key=lambda tz: tz if not tz.startswith("Etc/") else "_")]


class ChainStore(models.Model):
    _inherit = "chain.store"
    # the kiosk token is changed only by its regenerate button (never set to a chosen value)
    _chain_guarded_fields = {"attendance_kiosk_key": ("action_chain_regenerate_kiosk_key",)}

    tz = fields.Selection(
        _tz_selection,
        string="Time Zone",
        default=lambda self: self._default_tz(),
        help="The store's local time: the rota's shift hours and the attendance checks are read in it.",
    )
    employee_ids = fields.One2many("hr.employee", "chain_store_id", string="Employees")
    attendance_kiosk_key = fields.Char(
        string="Kiosk Token",
        default=lambda self: uuid.uuid4().hex,
        copy=False,
        groups=KIOSK_GROUPS,
        help="Secret of the store's attendance kiosk URL: the kiosk opened with it checks in "
        "only this store's employees.",
    )
    attendance_kiosk_url = fields.Char(string="Kiosk URL", compute="_compute_attendance_kiosk_url", groups=KIOSK_GROUPS)

    _sql_constraints = [
        ("attendance_kiosk_key_uniq", "unique (attendance_kiosk_key)", "The kiosk token of a store must be unique."),
    ]

    @api.model
    def _default_tz(self):
        return self.env.company.partner_id.tz or DEFAULT_TZ

    def _chain_tz(self):
        """The store's time zone as a ``pytz`` timezone (``Asia/Shanghai`` when unset)."""
        self.ensure_one()
        return pytz.timezone(self.tz or self.company_id.partner_id.tz or DEFAULT_TZ)

    def _init_column(self, column_name):
        """Existing stores get a token each (a plain default would give them all the same one)."""
        if column_name != "attendance_kiosk_key":
            return super()._init_column(column_name)
        self.env.cr.execute(SQL("SELECT id FROM %s WHERE attendance_kiosk_key IS NULL", SQL.identifier(self._table)))
        for (store_id,) in self.env.cr.fetchall():
            self.env.cr.execute(
                SQL(
                    "UPDATE %s SET attendance_kiosk_key = %s WHERE id = %s",
                    SQL.identifier(self._table),
                    uuid.uuid4().hex,
                    store_id,
                )
            )
        return None

    @api.depends("attendance_kiosk_key")
    def _compute_attendance_kiosk_url(self):
        for store in self:
            store.attendance_kiosk_url = f"{store.get_base_url()}/hr_attendance/{store.attendance_kiosk_key}"

    def _chain_check_kiosk_admin(self):
        user = self.env.user
        if not (
            self.env.su
            or user.has_group("hr.group_hr_user")
            or user.has_group("hr_attendance.group_hr_attendance_officer")
            or user.has_group("chain_store.group_chain_manager")
        ):
            raise AccessError(_("Only HR officers and chain managers manage the attendance kiosks of the stores."))

    def action_chain_regenerate_kiosk_key(self):
        """Give the stores a new kiosk token: the old URL stops working at once."""
        self._chain_check_kiosk_admin()
        for store in self:
            # sudo: the token is readable by HR and chain managers only; an HR officer has no
            # write access to the stores themselves
            store.sudo().attendance_kiosk_key = uuid.uuid4().hex
        return True

    def action_chain_open_kiosk(self):
        """Open the store's kiosk in a new tab (the person at the tablet then logs out)."""
        self.ensure_one()
        self._chain_check_kiosk_admin()
        # sudo: the URL holds the token, readable by the groups just checked
        return {"type": "ir.actions.act_url", "target": "new", "url": self.sudo().attendance_kiosk_url}

    @api.model
    def _chain_kiosk_store(self, token):
        """The store whose kiosk token is ``token`` (empty recordset if none)."""
        if not token or not isinstance(token, str):
            return self.browse()
        # sudo: the kiosk is public; the token is its only credential
        return self.sudo().search([("attendance_kiosk_key", "=", token)], limit=1)
