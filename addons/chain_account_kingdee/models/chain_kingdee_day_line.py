from odoo import fields, models


class ChainKingdeeDayLine(models.Model):
    """One entry of a day's voucher, as sent to Kingdee EAS."""

    _name = "chain.kingdee.day.line"
    _description = "Kingdee EAS Voucher Line"
    _order = "day_id, sequence"
    _chain_guarded_fields = {}  # written with its day by the sending workflow only (no write access)

    day_id = fields.Many2one("chain.kingdee.day", required=True, ondelete="cascade", index=True)
    company_id = fields.Many2one(related="day_id.company_id", store=True, index=True)
    currency_id = fields.Many2one(related="day_id.currency_id")
    sequence = fields.Integer(string="Entry")
    kingdee_account = fields.Char(required=True)
    asst_act_type = fields.Char(string="Auxiliary Type")
    asst_act_number = fields.Char(string="Auxiliary Item")
    asst_act_name = fields.Char(string="Auxiliary Name")
    debit = fields.Monetary(currency_field="currency_id")
    credit = fields.Monetary(currency_field="currency_id")
