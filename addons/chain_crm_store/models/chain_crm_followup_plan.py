from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainCrmFollowupPlan(models.Model):
    """A follow-up plan (回访计划): the steps a store's guide takes after a moment that sells.

    The daily job (``chain.crm.followup._cron_schedule``) finds, for each active
    plan, the leads or members whose trigger happened and creates one task per
    step. Triggers:

    * ``lead_created``: a lead of a store was created (trigger date: its day);
    * ``due_soon``: ``trigger_days`` days before the due date of an open lead
      not converted yet, or of a member's baby not born yet;
    * ``first_purchase``: the converted lead's first paid purchase;
    * ``baby_stage``: ``trigger_days`` days before a baby moves to the next
      formula stage (the stage changes of ``chain_member``);
    * ``no_purchase``: ``trigger_days`` days after the member's last paid POS
      order (or joining, for a member who never bought);
    * ``stage_change``: a lead moved to ``stage_id``;
    * addons add theirs (``chain_crm_store_prepaid``: a formula deposit
      running low) with ``selection_add`` and ``_chain_trigger_queries``.
    """

    _name = "chain.crm.followup.plan"
    _description = "Follow-up Plan"
    _order = "sequence, id"
    _check_company_auto = True
    # configuration of the chain: no workflow state
    _chain_guarded_fields = {}

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    trigger = fields.Selection(
        [
            ("lead_created", "Lead created"),
            ("due_soon", "Due date coming"),
            ("first_purchase", "First purchase"),
            ("baby_stage", "Baby's formula stage change"),
            ("no_purchase", "No purchase for N days"),
            ("stage_change", "Lead moved to a stage"),
        ],
        required=True,
        default="lead_created",
    )
    trigger_days = fields.Integer(
        string="Days",
        default=7,
        help="Due date coming, stage change: days before the moment; no purchase: days since the last purchase.",
    )
    stage_id = fields.Many2one("crm.stage", string="Lead Stage", help="Lead moved to a stage: the stage.")
    store_ids = fields.Many2many(
        "chain.store", string="Stores", check_company=True, help="The stores the plan runs in; empty: every store."
    )
    step_ids = fields.One2many("chain.crm.followup.step", "plan_id", string="Steps", copy=True)
    followup_count = fields.Integer(compute="_compute_followup_count", string="Tasks")

    _sql_constraints = [
        ("trigger_days_positive", "CHECK(trigger_days >= 0)", "The plan's number of days cannot be negative."),
    ]

    @api.constrains("trigger", "stage_id")
    def _check_stage(self):
        for plan in self:
            if plan.trigger == "stage_change" and not plan.stage_id:
                raise ValidationError(_("Plan %s starts when a lead moves to a stage: choose the stage.", plan.name))

    def _compute_followup_count(self):
        counts = dict(
            self.env["chain.crm.followup"]._read_group([("plan_id", "in", self.ids)], ["plan_id"], ["__count"])
        )
        for plan in self:
            plan.followup_count = counts.get(plan, 0)

    def action_open_followups(self):
        """The plan's tasks (those the user may read)."""
        self.ensure_one()
        action = self.env["ir.actions.act_window"]._for_xml_id("chain_crm_store.chain_crm_followup_action")
        action["domain"] = [("plan_id", "=", self.id)]
        action["context"] = {}
        return action
