from odoo import _, api, fields, models
from odoo.exceptions import AccessError

EVENT_KINDS = [
    ("prenatal_class", "Prenatal Class"),
    ("hospital", "Hospital Event"),
    ("store", "Store Event"),
    ("other", "Other"),
]


class ChainCrmEvent(models.Model):
    """An event where expectant parents are met: a prenatal class (孕妈课堂), a hospital event.

    Its attendees come from a spreadsheet (:meth:`action_chain_import_attendees`):
    new people become leads of the event's store (source "event", ``chain_event_id``
    set); people who already have an open lead or are members are not created
    again but linked to the event (``attendee_lead_ids``, ``attendee_member_ids``).
    """

    _name = "chain.crm.event"
    _description = "Lead Event"
    _inherit = ["mail.thread"]
    _order = "date desc, id desc"
    _chain_store_field = "chain_store_id"
    _chain_guarded_fields = {}  # no workflow: an event is plain data of its store

    name = fields.Char(required=True, tracking=True)
    kind = fields.Selection(EVENT_KINDS, required=True, default="prenatal_class", tracking=True)
    date = fields.Date(required=True, default=fields.Date.context_today, index=True, tracking=True)
    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        required=True,
        index=True,
        tracking=True,
        default=lambda self: self.env.user.chain_store_id,
    )
    company_id = fields.Many2one(related="chain_store_id.company_id", store=True, index=True)
    hospital = fields.Char(help="The hospital that hosts the event, or the attendees' hospital.")
    note = fields.Text()
    lead_ids = fields.One2many("crm.lead", "chain_event_id", string="Leads Created")
    attendee_lead_ids = fields.Many2many(
        "crm.lead",
        "chain_crm_event_attendee_lead_rel",
        "event_id",
        "lead_id",
        string="Attendees with a Lead",
        help="Attendees who already had an open lead: linked to the event, not created again.",
    )
    attendee_member_ids = fields.Many2many(
        "chain.member",
        "chain_crm_event_attendee_member_rel",
        "event_id",
        "member_id",
        string="Attendees Already Members",
    )
    lead_count = fields.Integer(string="Leads", compute="_compute_counts")
    converted_count = fields.Integer(string="Converted", compute="_compute_counts")
    attendee_count = fields.Integer(
        string="Attendees",
        compute="_compute_counts",
        help="Leads created by the event, plus attendees who already had a lead or were members.",
    )

    @api.depends("lead_ids", "attendee_lead_ids", "attendee_member_ids")
    def _compute_counts(self):
        Lead = self.env["crm.lead"].with_context(active_test=False)
        created = dict(Lead._read_group([("chain_event_id", "in", self.ids)], ["chain_event_id"], ["__count"]))
        converted = dict(
            Lead._read_group(
                [("chain_event_id", "in", self.ids), ("chain_member_id", "!=", False)], ["chain_event_id"], ["__count"]
            )
        )
        for event in self:
            event.lead_count = created.get(event, 0)
            event.converted_count = converted.get(event, 0)
            event.attendee_count = event.lead_count + len(event.attendee_lead_ids) + len(event.attendee_member_ids)

    def _chain_check_event_user(self):
        """Store staff of the event's store, or a chain manager."""
        user = self.env.user
        if self.env.su or user.has_group("chain_store.group_chain_manager"):
            return
        outside = self.chain_store_id - user.chain_visible_store_ids
        if not user.has_group("chain_store.group_chain_store_user") or outside:
            raise AccessError(_("Only the staff of the event's store can import its attendees."))

    def action_chain_import_attendees(self):
        """Open the attendee import of the event (a spreadsheet: name, mobile, due date, hospital, consent)."""
        self.ensure_one()
        self.check_access("write")
        self._chain_check_event_user()
        return {
            "type": "ir.actions.act_window",
            "name": _("Import Attendees"),
            "res_model": "chain.crm.lead.import",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_event_id": self.id,
                "default_store_id": self.chain_store_id.id,
                "default_source_kind": "event",
            },
        }

    def action_chain_open_leads(self):
        """The leads of the event: created by it and attendees who already had one."""
        self.ensure_one()
        self.check_access("read")
        action = self.env["ir.actions.act_window"]._for_xml_id("crm.crm_lead_all_leads")
        action["domain"] = ["|", ("chain_event_id", "=", self.id), ("id", "in", self.attendee_lead_ids.ids)]
        action["context"] = {"active_test": False, "default_chain_event_id": self.id}
        return action
