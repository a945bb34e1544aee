from odoo import fields, models

KINDS = [("commission", "Commission"), ("bonus", "Bonus"), ("clawback", "Clawback")]


class ChainCommissionStatementDetail(models.Model):
    """What one rule paid (or took back) to one employee on a statement, and on what base."""

    _name = "chain.commission.statement.detail"
    _description = "Commission Statement Detail"
    _order = "line_id, kind, rule_id, origin_month"
    _chain_guarded_fields = {}  # read-only ACL for every group: only the statement's compute writes it (sudo)
    _chain_store_field = "store_id"

    line_id = fields.Many2one("chain.commission.statement.line", required=True, ondelete="cascade", index=True)
    statement_id = fields.Many2one(related="line_id.statement_id", store=True, index=True)
    store_id = fields.Many2one(related="line_id.store_id", store=True)
    company_id = fields.Many2one(related="line_id.company_id", store=True)
    currency_id = fields.Many2one(related="line_id.currency_id")
    employee_id = fields.Many2one(related="line_id.employee_id", store=True)
    rule_id = fields.Many2one("chain.commission.rule", string="Rule", ondelete="restrict")
    kind = fields.Selection(KINDS, required=True, default="commission")
    base = fields.Char(string="Base")
    origin_month = fields.Date(help="For a clawback: the month of the refunded sale.")
    qty = fields.Float(string="Quantity / Count", digits="Product Unit of Measure")
    sales = fields.Monetary()
    margin = fields.Monetary()
    rate = fields.Float(string="Rate (%)", digits=(16, 4))
    amount = fields.Monetary(string="Amount per Unit")
    commission = fields.Monetary(string="Earned")
