from odoo import fields, models


class ChainCommissionStatementLine(models.Model):
    """One employee's figures on a monthly statement. Written only by the statement's *Compute*
    (read-only for every group), so an approved statement never changes."""

    _name = "chain.commission.statement.line"
    _description = "Commission Statement Line"
    _order = "statement_id, total desc, id"
    _chain_guarded_fields = {}  # read-only ACL for every group: only the statement's compute writes it (sudo)
    _chain_store_field = "store_id"

    statement_id = fields.Many2one("chain.commission.statement", required=True, ondelete="cascade", index=True)
    store_id = fields.Many2one(related="statement_id.store_id", store=True, index=True)
    company_id = fields.Many2one(related="statement_id.company_id", store=True)
    month = fields.Date(related="statement_id.month", store=True)
    state = fields.Selection(related="statement_id.state")
    currency_id = fields.Many2one(related="statement_id.currency_id")
    employee_id = fields.Many2one("hr.employee", string="Employee", required=True, index=True)
    job_id = fields.Many2one("hr.job", string="Job")
    eligible = fields.Boolean(string="Earns Commission")
    sales = fields.Monetary(help="Untaxed sales of the month as guide, refunds of the month deducted.")
    margin = fields.Monetary(help="Sales minus their cost.")
    sales_target = fields.Monetary(string="Sales Target")
    achievement = fields.Float(string="Achievement (%)", digits=(16, 1))
    members_enrolled = fields.Integer()
    commission = fields.Monetary()
    bonus = fields.Monetary()
    clawback = fields.Monetary(help="Commission taken back on refunds of sales of earlier months, at their rate.")
    total = fields.Monetary()
    detail_ids = fields.One2many("chain.commission.statement.detail", "line_id", string="Details")
