from odoo import fields, models


class ChainCrmFollowupStep(models.Model):
    """One step of a follow-up plan: when, what the guide does and says, who does it."""

    _name = "chain.crm.followup.step"
    _description = "Follow-up Plan Step"
    _order = "plan_id, sequence, id"
    # configuration of the chain: no workflow state
    _chain_guarded_fields = {}

    plan_id = fields.Many2one("chain.crm.followup.plan", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="plan_id.company_id", store=True, index=True)
    sequence = fields.Integer(default=10)
    delay_days = fields.Integer(
        string="Days After",
        default=0,
        help="The task is due this many days after the trigger (or the due date); negative: before.",
    )
    delay_from = fields.Selection(
        [("trigger", "The trigger"), ("due_date", "The due date")],
        string="Counted From",
        required=True,
        default="trigger",
        help="The due date: the lead's or the expected baby's (steps without one are skipped).",
    )
    activity_type_id = fields.Many2one(
        "mail.activity.type",
        string="Activity",
        default=lambda self: self.env.ref("mail.mail_activity_data_call", raise_if_not_found=False),
    )
    summary = fields.Char(required=True, translate=True)
    script = fields.Text(translate=True, help="What the guide says (话术).")
    assign_to = fields.Selection(
        [("guide", "The guide"), ("store_manager", "The store manager")],
        required=True,
        default="guide",
        help="The guide: the lead's salesperson or the member's guide, else the store manager.",
    )
