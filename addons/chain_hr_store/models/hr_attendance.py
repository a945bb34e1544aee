from contextlib import contextmanager
from contextvars import ContextVar

from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# The store whose kiosk is checking employees in or out, set by the kiosk controller for the
# duration of one request (never from a client's context).
_KIOSK_STORE = ContextVar("chain_hr_store_kiosk_store", default=None)


@contextmanager
def kiosk_store(store_id):
    """Attendances created inside this block are recorded in store ``store_id``."""
    token = _KIOSK_STORE.set(store_id)
    try:
        yield
    finally:
        _KIOSK_STORE.reset(token)


class HrAttendance(models.Model):
    _inherit = "hr.attendance"
    # the store is where the employee checked in, set at creation; not a workflow state
    _chain_guarded_fields = {}
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index=True,
        compute="_compute_chain_store_id",
        store=True,
        readonly=False,
        precompute=True,
        ondelete="restrict",
        help="The store of the kiosk used to check in; else the employee's store at check-in.",
    )

    @api.depends("employee_id")
    def _compute_chain_store_id(self):
        kiosk = _KIOSK_STORE.get()
        for attendance in self:
            attendance.chain_store_id = kiosk or attendance.employee_id.chain_store_id

    @api.model_create_multi
    def create(self, vals_list):
        if _KIOSK_STORE.get() is None:
            for vals in vals_list:
                if vals.get("chain_store_id"):
                    self._chain_check_attendance_store(vals["chain_store_id"])
        return super().create(vals_list)

    def write(self, vals):
        if vals.get("chain_store_id"):
            self._chain_check_attendance_store(vals["chain_store_id"])
        return super().write(vals)

    def _chain_check_attendance_store(self, store_id):
        """A store manager records attendances in their own stores only (HR and chain managers anywhere)."""
        user = self.env.user
        if not self.env["hr.employee"]._chain_store_restricted() or user.has_group(
            "hr_attendance.group_hr_attendance_officer"
        ):
            return
        if store_id not in user.chain_visible_store_ids.ids:
            raise AccessError(_("You can only record attendances in a store you manage."))
