from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

APPROVER_TYPES = [
    ("store_manager", "Manager of the document's store"),
    ("region_manager", "Manager of the store's region"),
    ("chain_manager", "Chain managers"),
    ("category_buyer", "Buyer of the product category"),
    ("user", "A user"),
    ("group", "A group"),
    ("field", "A user field of the document"),
]


class ChainApprovalRuleTier(models.Model):
    """One tier of a rule. The people are resolved when the approval is requested and copied onto
    the review, so editing a tier never changes reviews in flight."""

    _name = "chain.approval.rule.tier"
    _description = "Approval Rule Tier"
    _order = "sequence, id"
    _chain_guarded_fields = {"definition_id": ("_chain_definition",)}  # the rest is configuration

    rule_id = fields.Many2one("chain.approval.rule", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    name = fields.Char(required=True, translate=True)
    approver_type = fields.Selection(APPROVER_TYPES, required=True, default="store_manager")
    user_id = fields.Many2one("res.users", string="User")
    group_id = fields.Many2one("res.groups", string="Group")
    field_name = fields.Char(string="User Field", help="Path to a user on the document, e.g. user_id.")
    escalation_hours = fields.Float(
        help="A review pending longer than this goes to the next manager up (0: never).",
    )
    definition_id = fields.Many2one("tier.definition", readonly=True, copy=False, ondelete="restrict")

    @api.constrains("approver_type", "user_id", "group_id", "field_name", "escalation_hours")
    def _check_approver(self):
        for tier in self:
            if tier.approver_type == "user" and not tier.user_id:
                raise ValidationError(_("Tier %s needs a user.", tier.name))
            if tier.approver_type == "group" and not tier.group_id:
                raise ValidationError(_("Tier %s needs a group.", tier.name))
            if tier.approver_type == "field" and not tier.field_name:
                raise ValidationError(_("Tier %s needs a user field.", tier.name))
            if tier.escalation_hours < 0:
                raise ValidationError(_("The escalation delay of tier %s cannot be negative.", tier.name))

    def _prepare_definition_vals(self):
        self.ensure_one()
        return {
            "name": f"{self.rule_id.name} / {self.name}",
            "model_id": self.env["ir.model"]._get_id("chain.approval.request"),
            "review_type": "individual",
            "definition_domain": f"[('rule_id', '=', {self.rule_id.id})]",
            "company_id": self.rule_id.company_id.id,
            "approve_sequence": self.rule_id.approve_sequence,
            "sequence": self.sequence,
            "notify_on_pending": True,
            "notify_on_accepted": True,
            "notify_on_rejected": True,
            "has_comment": False,
        }

    def _chain_definition(self):
        """The OCA tier definition for new reviews of this tier: a fresh one when the current
        one already has reviews, so that those keep the settings they were requested with."""
        self.ensure_one()
        # sudo: tier definitions are the engine's settings, written for whoever requests
        Definition = self.env["tier.definition"].sudo()
        vals = self._prepare_definition_vals()
        definition = self.sudo().definition_id
        if definition and definition.active:
            current = definition.read(list(vals), load=None)[0]
            if all(current[key] == value for key, value in vals.items()):
                return definition
            if not self.env["tier.review"].sudo().search_count([("definition_id", "=", definition.id)], limit=1):
                definition.write(vals)
                return definition
        if definition:
            definition.active = False
        definition = Definition.create(vals)
        self.sudo().definition_id = definition
        return definition
