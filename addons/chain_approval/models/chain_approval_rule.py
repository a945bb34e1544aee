import logging
from collections import defaultdict

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools.safe_eval import safe_eval

_logger = logging.getLogger(__name__)

# methods a rule may never gate: the ORM itself and the approval machinery
FORBIDDEN_METHODS = {
    "create",
    "write",
    "unlink",
    "read",
    "search",
    "browse",
    "copy",
    "exists",
    "_chain_approval_required",
}


def _make_gate(method_name, beneath=False):
    """A wrapper refusing ``method_name`` on records a rule holds until their approval.

    ``beneath``: the wrapper gates a public method beneath the button ``method_name`` (see
    ``_chain_approval_gate_aliases``); server code run as superuser calls it on its own authority
    (a transfer discrepancy written off by its manager)."""

    def gated(self, *args, **kwargs):
        if beneath and self.env.su:
            return gated.origin(self, *args, **kwargs)
        Request = self.env["chain.approval.request"]
        granted = Request._chain_gate(self, method_name)
        result = gated.origin(self, *args, **kwargs)
        if not isinstance(result, dict):
            # a returned action (a confirmation wizard) means the button has not finished: the
            # approval stays for the follow-up call
            granted._chain_mark_done()
        return result

    gated._chain_approval_gate = True
    return gated


def _make_request_after(method_name):
    """A wrapper requesting the approvals right after ``method_name`` (e.g. a submission)."""

    def request_after(self, *args, **kwargs):
        result = request_after.origin(self, *args, **kwargs)
        self.env["chain.approval.request"]._chain_request_after(self, method_name)
        return result

    request_after._chain_approval_gate = True
    return request_after


def _make_approval_required():
    """Chain store documents ask ``_chain_approval_required()`` on submission: a matching rule
    makes it true, so that the document waits in *To Approve* for the reviews."""

    def approval_required(self):
        return approval_required.origin(self) or bool(self.env["chain.approval.rule"]._chain_rules_for(self))

    approval_required._chain_approval_gate = True
    return approval_required


class ChainApprovalRule(models.Model):
    """A consultant's approval rule: which document, which button, above which condition, and
    the tiers of people who review it. Methods are gated at registry load, as base_automation
    patches its models, so a rule works on any model without a glue module."""

    _name = "chain.approval.rule"
    _description = "Approval Rule"
    _order = "sequence, id"
    _chain_guarded_fields = {"action_ids": ("_chain_sync_actions",)}  # the rest is configuration (chain managers)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", default=lambda self: self.env.company, index=True)
    model_id = fields.Many2one("ir.model", string="Document", required=True, ondelete="cascade", index=True)
    model_name = fields.Char(related="model_id.model", store=True, index=True, string="Model Name")
    method_name = fields.Char(
        string="Gated Button", required=True,
        help="Python method refused until the document is approved, e.g. action_post, button_confirm, "
        "action_approve. When the last review approves it, the method runs.",
    )  # fmt: skip
    request_method = fields.Char(
        string="Request On",
        help="Optional method after which the approval is requested automatically, e.g. action_submit. "
        "Without it, users request the approval from the document's Action menu.",
    )
    domain = fields.Char(string="Condition", default="[]", help="Documents the rule applies to.")
    store_field = fields.Char(
        help="Path to the document's store (e.g. source_store_id); guessed when empty.",
    )
    amount_field = fields.Char(help="Field shown as the amount in the approvals inbox; guessed when empty.")
    approve_sequence = fields.Boolean(
        string="Tiers In Sequence", default=True,
        help="Each tier reviews after the previous one approved; off, all tiers review in parallel.",
    )  # fmt: skip
    tier_ids = fields.One2many("chain.approval.rule.tier", "rule_id", string="Tiers", copy=True)
    request_count = fields.Integer(compute="_compute_request_count")
    action_ids = fields.Many2many(
        "ir.actions.server", string="Action Menu Entries", readonly=True, copy=False,
        help="'Request approval' and 'Who would approve?' in the document's Action menu.",
    )  # fmt: skip

    @api.depends("model_name")
    def _compute_request_count(self):
        groups = dict(
            self.env["chain.approval.request"]._read_group([("rule_id", "in", self.ids)], ["rule_id"], ["__count"])
        )
        for rule in self:
            rule.request_count = groups.get(rule, 0)

    @api.onchange("model_id")
    def _onchange_model_id(self):
        Model = self.env.get(self.model_name) if self.model_name else None
        if Model is not None and hasattr(Model, "_chain_approval_required") and not self.method_name:
            self.method_name = "action_approve"
            self.request_method = "action_submit"

    @api.constrains("model_id", "method_name", "request_method", "domain", "store_field", "amount_field")
    def _check_method(self):
        for rule in self:
            Model = self.env.get(rule.model_name)
            if Model is None:
                raise ValidationError(_("Model %s is not installed.", rule.model_name))
            for name in filter(None, [rule.method_name, rule.request_method]):
                if name in FORBIDDEN_METHODS or name.startswith("__") or not callable(getattr(Model, name, None)):
                    raise ValidationError(
                        _(
                            "%(model)s has no button %(method)s that a rule may gate.",
                            model=rule.model_id.name,
                            method=name,
                        )
                    )
            try:
                # filtered_domain, not search: conditions may use computed fields (a quant's value)
                Model.browse().filtered_domain(rule._get_domain())
                rule._check_domain_fields(Model)
            except Exception as error:
                raise ValidationError(
                    _("The condition of rule %(rule)s is invalid: %(error)s", rule=rule.name, error=error)
                ) from error
            for path in filter(None, [rule.store_field, rule.amount_field]):
                try:
                    Model._fields[path.split(".")[0]]
                except KeyError:
                    raise ValidationError(
                        _("%(model)s has no field %(field)s.", model=rule.model_id.name, field=path)
                    ) from None

    def _check_domain_fields(self, Model):
        for leaf in self._get_domain():
            is_leaf = isinstance(leaf, list | tuple) and len(leaf) == 3 and isinstance(leaf[0], str)
            if is_leaf and leaf[0].split(".")[0] not in Model._fields:
                raise ValueError(_("no field %s", leaf[0]))

    def _get_domain(self):
        self.ensure_one()
        return safe_eval(self.domain or "[]", {"uid": self.env.uid, "user": self.env.user})

    # -- matching ---------------------------------------------------------------------------

    @api.model
    def _chain_candidate_rules(self, model_name, method_name=None):
        """Active rules with tiers on ``model_name`` (and ``method_name``)."""
        domain = [("model_name", "=", model_name), ("tier_ids", "!=", False)]
        if method_name:
            domain.append(("method_name", "=", method_name))
        # sudo: the rules gate every user, including those who may not read them
        return self.sudo().search(domain)

    @api.model
    def _chain_rules_for(self, record, method_name=None, rules=None):
        """Active rules of ``record``'s model (and ``method_name``) whose condition it meets;
        ``rules`` saves the search when the caller already has the candidates."""
        record.ensure_one()
        if rules is None:
            rules = self._chain_candidate_rules(record._name, method_name)
        company = record._fields.get("company_id") and record.sudo().company_id
        matching = self.browse()
        for rule in rules:
            if rule.company_id and company and rule.company_id != company:
                continue
            # sudo: the condition may read fields (cost, category) the user may not read
            if record.sudo().filtered_domain(rule._get_domain()):
                matching |= rule
        return matching

    def _chain_store_of(self, record):
        """The ``chain.store`` of ``record``: through ``store_field``, else the first store field."""
        self.ensure_one()
        record = record.sudo()  # sudo: the store decides who approves, whoever reads the document
        Store = self.env["chain.store"]
        if self.store_field:
            value = record.mapped(self.store_field)
            return value[:1] if getattr(value, "_name", None) == "chain.store" else Store
        for name in ("chain_store_id", "store_id", "source_store_id", "dest_store_id"):
            field = record._fields.get(name)
            if field and field.type == "many2one" and field.comodel_name == "chain.store" and record[name]:
                return record[name]
        return Store

    def _chain_amount_of(self, record):
        self.ensure_one()
        record = record.sudo()  # sudo: the amount is a key figure of the inbox
        for name in filter(None, [self.amount_field, "amount_total", "amount"]):
            try:
                value = record.mapped(name)
            except KeyError:
                continue
            if value and isinstance(value[0], int | float):
                return float(value[0])
        return 0.0

    # -- registry patches (same technique as base_automation) -------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        rules = super().create(vals_list)
        rules._chain_sync_actions()
        self._update_registry()
        return rules

    def write(self, vals):
        res = super().write(vals)
        if {"model_id", "method_name", "request_method", "active"} & set(vals):
            self._chain_sync_actions()
            self._update_registry()
        return res

    def unlink(self):
        actions = self.action_ids
        res = super().unlink()
        actions.sudo().unlink()  # sudo: the consultant removes the menu entries of the rule
        self._update_registry()
        return res

    def _update_registry(self):
        """Install the patches new rules need and tell the other workers to reload theirs.

        Patches are not removed here: a gate whose rules are gone lets everything through, and
        the next registry load drops it."""
        if self.env.registry.ready and not self.env.context.get("import_file"):
            self._register_hook()
            self.env.registry.registry_invalidated = True

    def _register_hook(self):
        super()._register_hook()
        patched = defaultdict(set)

        def patch(Model, name, method):
            ModelClass = self.env.registry[Model._name]
            if name in patched[Model._name] or getattr(vars(ModelClass).get(name), "_chain_approval_gate", False):
                return
            patched[Model._name].add(name)
            method.origin = getattr(ModelClass, name)
            setattr(ModelClass, name, method)

        for rule in self.with_context(active_test=True).sudo().search([("model_name", "!=", False)]):
            Model = self.env.get(rule.model_name)
            if Model is None or not callable(getattr(Model, rule.method_name, None)):
                _logger.warning("Approval rule %s gates an unknown %s.%s", rule.id, rule.model_name, rule.method_name)
                continue
            patch(Model, rule.method_name, _make_gate(rule.method_name))
            # the public methods beneath the button do what it does: same gate, same approval
            for alias, button in (getattr(Model, "_chain_approval_gate_aliases", None) or {}).items():
                if button == rule.method_name and callable(getattr(Model, alias, None)):
                    patch(Model, alias, _make_gate(rule.method_name, beneath=True))
            if rule.request_method and callable(getattr(Model, rule.request_method, None)):
                patch(Model, rule.request_method, _make_request_after(rule.request_method))
            if hasattr(Model, "_chain_approval_required"):
                patch(Model, "_chain_approval_required", _make_approval_required())

    def _unregister_hook(self):
        """Remove the patches installed by ``_register_hook`` (only ours)."""
        for ModelClass in self.env.registry.values():
            for name, value in list(vars(ModelClass).items()):
                if getattr(value, "_chain_approval_gate", False):
                    delattr(ModelClass, name)
        return super()._unregister_hook() if hasattr(super(), "_unregister_hook") else None

    # -- actions ----------------------------------------------------------------------------

    def _prepare_action_vals(self):
        self.ensure_one()
        return [
            {
                "name": _("Request approval"),
                "model_id": self.model_id.id,
                "binding_model_id": self.model_id.id,
                "state": "code",
                "code": "action = env['chain.approval.request']._chain_action_request(records)",
            },
            {
                "name": _("Who would approve?"),
                "model_id": self.model_id.id,
                "binding_model_id": self.model_id.id,
                "state": "code",
                "code": "action = env['chain.approval.preview']._chain_action_preview(records)",
            },
        ]

    def _chain_sync_actions(self):
        """One pair of Action menu entries per rule, on its document (removed when inactive)."""
        for rule in self:
            # sudo: server actions are technical records; the rule's own access controls this
            rule.sudo().action_ids.unlink()
            if rule.active:
                rule.sudo().action_ids = self.env["ir.actions.server"].sudo().create(rule._prepare_action_vals())

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_approval.chain_approval_request_action")
        action["domain"] = [("rule_id", "=", self.id)]
        action["context"] = {}
        return action
