from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError


class ChainHrShiftSwap(models.Model):
    """A shift swap (调班): an employee hands a published shift over to a colleague of the store, or
    swaps it for one of theirs.

    Flow: draft -> to approve (submitted) -> approved (the employees of the shifts are exchanged, after
    the conflicts are checked again) / refused / cancelled. The store manager approves; a
    ``chain_approval`` rule on ``action_approve`` of this model puts further reviews before it
    (configured data, no code).
    """

    _name = "chain.hr.shift.swap"
    _description = "Shift Swap"
    _inherit = ["mail.thread", "mail.activity.mixin"]
    _order = "id desc"
    _chain_guarded_fields = {
        "state": (
            "action_submit",
            "action_approve",
            "action_refuse",
            "action_cancel",
            "action_reset_draft",
            "_chain_approval_withdrawn",
        ),
        "approved_by_id": ("action_approve",),
    }
    _chain_store_field = "store_id"

    line_id = fields.Many2one(
        "chain.hr.rota.line", string="Shift", required=True, index=True, ondelete="cascade",
        domain="[('state', '=', 'published')]",
    )  # fmt: skip
    employee_id = fields.Many2one(related="line_id.employee_id", store=True, index=True, string="Requested by")
    store_id = fields.Many2one(related="line_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True, index=True)
    date = fields.Date(related="line_id.date", store=True)
    with_employee_id = fields.Many2one("hr.employee", string="With", required=True, index=True)
    with_line_id = fields.Many2one(
        "chain.hr.rota.line", string="Their Shift", ondelete="cascade",
        help="Empty: the shift is handed over; set: the two shifts are swapped.",
        domain="[('employee_id', '=', with_employee_id), ('state', '=', 'published')]",
    )  # fmt: skip
    reason = fields.Text(required=True)
    state = fields.Selection(
        [
            ("draft", "Draft"),
            ("to_approve", "To Approve"),
            ("approved", "Approved"),
            ("refused", "Refused"),
            ("cancel", "Cancelled"),
        ],
        required=True, default="draft", readonly=True, copy=False, tracking=True, index=True,
    )  # fmt: skip
    approved_by_id = fields.Many2one("res.users", readonly=True, copy=False)

    @api.depends("line_id", "with_employee_id")
    def _compute_display_name(self):
        for swap in self:
            swap.display_name = f"{swap.employee_id.name or ''} → {swap.with_employee_id.name or ''}, {swap.date or ''}"

    def _chain_check_swap(self):
        """Raise UserError when the swap cannot go on (shifts no longer published, another store...)."""
        self.ensure_one()
        if self.line_id.state != "published":
            raise UserError(_("Only a shift of a published rota can be swapped."))
        if self.with_employee_id == self.employee_id:
            raise UserError(_("A shift is swapped with another employee."))
        # sudo: the store of the colleague, whoever asks
        if self.with_employee_id.sudo().chain_store_id != self.store_id:
            raise UserError(
                _("%(employee)s is not an employee of %(store)s.",
                  employee=self.with_employee_id.name, store=self.store_id.display_name)
            )  # fmt: skip
        if self.with_line_id:
            if self.with_line_id.employee_id != self.with_employee_id:
                raise UserError(_("The shift to take in exchange is not %s's.", self.with_employee_id.name))
            if self.with_line_id.state != "published" or self.with_line_id.store_id != self.store_id:
                raise UserError(_("The shift to take in exchange is not on a published rota of this store."))

    def _chain_check_requester(self):
        """The requester (the shift's employee, by their user) or a manager of the store."""
        self.ensure_one()
        if self.env.su or self.env.user._chain_manages_stores(self.store_id):
            return
        if self.employee_id.user_id != self.env.user:
            raise AccessError(_("Only %s or their store manager may ask for this swap.", self.employee_id.name))

    def action_submit(self):
        for swap in self:
            swap._chain_check_requester()
            if swap.state != "draft":
                raise UserError(_("This swap is not a draft."))
            swap._chain_check_swap()
            swap.write({"state": "to_approve"})
        return True

    def action_approve(self):
        """Check the swap again, then exchange the employees of the shifts; a conflict (an overlap, the
        overtime cap of a published rota) refuses the approval and changes nothing."""
        for swap in self:
            if swap.state != "to_approve":
                raise UserError(_("This swap is not waiting for an approval."))
            if not self.env.user._chain_manages_stores(swap.store_id) and not self.env.su:
                raise AccessError(_("Only the manager of %s may approve its shift swaps.", swap.store_id.display_name))
            swap._chain_check_swap()
            # sudo: the shifts of a published rota change only through an approved swap, checked above
            line, other = swap.line_id.sudo(), swap.with_line_id.sudo()
            requester, colleague = line.employee_id, swap.with_employee_id
            (line | other)._chain_set_employees([colleague] + ([requester] if other else []))
            for rota in (line | other).rota_id:
                blockers = rota._chain_publish_blockers()
                if blockers:
                    raise UserError("\n".join(blockers))
            swap.write({"state": "approved", "approved_by_id": self.env.user.id})
            swap.message_post(body=_("Swap approved: the shifts now carry the new employees."))
        return True

    def action_refuse(self):
        for swap in self:
            if swap.state != "to_approve":
                raise UserError(_("This swap is not waiting for an approval."))
            if not self.env.user._chain_manages_stores(swap.store_id) and not self.env.su:
                raise AccessError(_("Only the manager of %s may refuse its shift swaps.", swap.store_id.display_name))
            swap.write({"state": "refused"})
        self._chain_withdraw_requests(_("Withdrawn: the shift swap was refused."))
        return True

    def action_cancel(self):
        for swap in self:
            swap._chain_check_requester()
            if swap.state not in ("draft", "to_approve"):
                raise UserError(_("Only a draft or waiting swap can be cancelled."))
            swap.write({"state": "cancel"})
        self._chain_withdraw_requests(_("Withdrawn: the shift swap was cancelled."))
        return True

    def action_reset_draft(self):
        for swap in self:
            swap._chain_check_requester()
            if swap.state not in ("to_approve", "refused", "cancel"):
                raise UserError(_("An approved swap cannot go back to draft."))
            swap.write({"state": "draft"})
        self._chain_withdraw_requests(_("Withdrawn: the shift swap went back to draft."))
        return True

    def _chain_withdraw_requests(self, reason):
        Request = self.env.get("chain.approval.request")
        if Request is not None:
            Request._chain_withdraw(self, reason)

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: the approval was cancelled or rejected: a waiting swap is refused."""
        for swap in self.filtered(lambda s: s.state == "to_approve"):
            swap.write({"state": "refused"})
            swap.message_post(body=_("The approval was cancelled or rejected: the swap is refused."))
