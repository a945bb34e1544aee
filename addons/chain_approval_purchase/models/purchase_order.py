from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

# the methods of a chain rule that hold a purchase order's confirmation
CONFIRM_METHODS = ("button_confirm", "button_approve")
# chain request state -> the status purchase_tier_validation shows on the order
REQUEST_STATUS = {"pending": "pending", "approved": "validated", "rejected": "rejected"}


class PurchaseOrder(models.Model):
    """Purchase orders are OCA ``tier.validation`` documents (purchase_tier_validation): its
    state check, its *Request Validation* button, its status and its read-only form under
    validation also follow the chain approval rules of the order's confirmation."""

    _inherit = "purchase.order"
    # its state is held by the tier validation, which every write passes (see
    # ``_tier_validation_check_state_on_write`` below); Odoo's many state writers stay as they are
    _chain_guarded_fields = {}
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        related="picking_type_id.warehouse_id.chain_store_id",
        store=True,
        index=True,
        help="The store receiving the goods: approval rules test it and send reviews to its managers.",
    )
    chain_approval_request_ids = fields.One2many(
        "chain.approval.request",
        "res_id",
        string="Approval Requests",
        domain=[("res_model", "=", "purchase.order")],
        readonly=True,
    )

    def _chain_confirm_rules(self):
        """The chain rules holding the confirmation of this order (empty for most orders)."""
        self.ensure_one()
        Rule = self.env["chain.approval.rule"]
        rules = Rule.browse()
        for method in CONFIRM_METHODS:
            candidates = Rule._chain_candidate_rules(self._name, method)
            if candidates and isinstance(self.id, int):
                rules |= Rule._chain_rules_for(self, method, rules=candidates)
        return rules

    def _chain_confirm_request(self):
        """The newest chain request of this order's confirmation, whatever its state."""
        self.ensure_one()
        requests = self.sudo().chain_approval_request_ids.filtered(  # sudo: status of requests the user may not read
            lambda r: r.method_name in CONFIRM_METHODS and r.state != "cancel"
        )
        return requests.sorted("id")[-1:]

    # -- purchase_tier_validation follows the chain rules ----------------------------------------

    @api.depends("review_ids", "review_ids.status", "chain_approval_request_ids.state")
    def _compute_validation_status(self):
        res = super()._compute_validation_status()
        for order in self:
            status = REQUEST_STATUS.get(order._chain_confirm_request().state)
            if status and order.validation_status in ("no", "validated"):
                order.validation_status = status
        return res

    def _compute_need_validation(self):
        res = super()._compute_need_validation()
        for order in self:
            if order.need_validation or not isinstance(order.id, int) or not order._check_state_from_condition():
                continue
            request = order._chain_confirm_request()
            order.need_validation = request.state not in ("pending", "approved") and bool(order._chain_confirm_rules())
        return res

    def request_validation(self):
        """*Request Validation* also requests the chain approvals of the order's confirmation,
        with their reviewers fixed now."""
        Request = self.env["chain.approval.request"]
        for order in self:
            if not order._check_state_from_condition():
                continue
            for rule in order._chain_confirm_rules():
                if not Request._chain_active_requests(order, rule.method_name):
                    Request._chain_request(order, rule)
        return super().request_validation()

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: the requester withdrew the approval of a draft order, which
        stays a draft until its approval is requested again."""
        if request.state == "cancel":
            self.message_post(body=_("The approval was withdrawn: request it again to confirm the order."))

    def _tier_validation_check_state_on_write(self, vals):
        """A chain rule on the confirmation holds the order's state itself: an import, an RPC
        write or another module's code cannot make it a purchase order before the approval."""
        if vals.get(self._state_field) in self._state_to and not self.env.context.get("skip_validation_check"):
            for order in self.filtered(lambda o: o._check_state_from_condition()):
                rules = order._chain_confirm_rules()
                if not rules:
                    continue
                request = order._chain_confirm_request()
                # approved, or consumed by button_confirm that left it "to approve" (Odoo's own
                # second validation) and now approves it
                if request.state == "approved" or (request.state == "done" and order.state == "to approve"):
                    continue
                for method_name in set(rules.mapped("method_name")):
                    self.env["chain.approval.request"]._chain_gate(order, method_name)
        return super()._tier_validation_check_state_on_write(vals)

    def _tier_validation_check_write_allowed(self, vals):
        """While its confirmation is waiting for (or has) its approval, the order is what the
        reviewers saw: its lines, prices and supplier cannot change."""
        super()._tier_validation_check_write_allowed(vals)
        if self._state_field in vals or self.env.context.get("skip_validation_check"):
            return
        exceptions = set(self._get_under_validation_exceptions())
        changed = [name for name in vals if name not in exceptions]
        if not changed:
            return
        for order in self:
            request = order._chain_confirm_request()
            if request.state in ("pending", "approved") and order._check_state_from_condition():
                labels = ", ".join(self._fields[name].get_description(self.env)["string"] for name in changed)
                raise ValidationError(
                    _(
                        "%(order)s is under approval (%(rule)s): %(fields)s cannot change. "
                        "Cancel the approval request to edit the order, then request it again.",
                        order=order.display_name,
                        rule=request.rule_id.name,
                        fields=labels,
                    )
                )
