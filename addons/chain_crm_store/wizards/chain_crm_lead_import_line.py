from odoo import fields, models

OUTCOMES = [
    ("created", "Created"),
    ("linked_lead", "Already a Lead"),
    ("linked_member", "Already a Member"),
    ("error", "Refused"),
]


class ChainCrmLeadImportLine(models.TransientModel):
    """One row of an imported spreadsheet and what became of it."""

    _name = "chain.crm.lead.import.line"
    _description = "Imported Lead Row"
    _order = "row"
    _chain_guarded_fields = {}  # a wizard's result: nothing outlives it

    wizard_id = fields.Many2one("chain.crm.lead.import", required=True, ondelete="cascade")
    row = fields.Integer(readonly=True)
    name = fields.Char(readonly=True)
    mobile = fields.Char(readonly=True)
    outcome = fields.Selection(OUTCOMES, readonly=True)
    reason = fields.Text(readonly=True)
    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True)
