from odoo import fields, models


class ChainCrmCaseHealth(models.Model):
    """Health details of a case about a baby (symptoms, medical visit): private data.

    Readable and writable only by the case's owner (assigned user or creator), the
    managers of the case's store and the quality team (record rules).
    """

    _name = "chain.crm.case.health"
    _description = "Case Health Details"
    _rec_name = "ticket_id"
    _chain_store_field = "ticket_id.chain_store_id"
    _chain_guarded_fields = {}  # descriptive data, no workflow field

    ticket_id = fields.Many2one("helpdesk.ticket", string="Case", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="ticket_id.company_id", store=True, index=True)
    member_id = fields.Many2one(related="ticket_id.chain_member_id", string="Member")
    baby_id = fields.Many2one(
        "chain.member.baby", string="Baby", domain="[('member_id', '=', member_id)]", ondelete="set null"
    )
    description = fields.Text(string="What Happened")
    symptoms = fields.Text()
    medical_visit = fields.Boolean(string="Saw a Doctor")
    medical_visit_note = fields.Text(string="Doctor's Findings")

    _sql_constraints = [
        ("ticket_uniq", "unique(ticket_id)", "A case has a single record of health details."),
    ]
