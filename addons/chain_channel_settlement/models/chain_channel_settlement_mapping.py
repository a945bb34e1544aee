# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainChannelSettlementMapping(models.Model):
    """How to read one platform's downloadable fund-flow file: its column names and its
    business-type labels. Shipped for Youzan, Taobao/Tmall, JD, Pinduoduo and Douyin."""

    _name = "chain.channel.settlement.mapping"
    _description = "Settlement File Mapping"
    _order = "name"
    _chain_guarded_fields = {}  # configuration of accountants and channel managers (access rights)

    name = fields.Char(required=True, translate=True)
    platform = fields.Char(help="The platform's code, as the channels name it (youzan, taobao, jd, pdd, douyin).")
    active = fields.Boolean(default=True)
    col_key = fields.Char(string="Line Id Column", help="The platform's id of the line (流水号); empty: a hash.")
    col_order = fields.Char(string="Order Id Column", required=True)
    col_type = fields.Char(string="Type Column", required=True)
    col_amount = fields.Char(string="Amount Column", help="One signed amount; or income and expense columns.")
    col_income = fields.Char(string="Income Column")
    col_expense = fields.Char(string="Expense Column")
    col_date = fields.Char(string="Date Column")
    col_currency = fields.Char(string="Currency Column")
    col_reference = fields.Char(string="Reference Column", help="A payout's reference, found on the bank line.")
    default_currency = fields.Char(default="CNY", help="ISO code of the amounts when the file has no currency column.")
    type_ids = fields.One2many("chain.channel.settlement.mapping.type", "mapping_id", string="Types", copy=True)

    @api.constrains("col_amount", "col_income")
    def _check_amount_columns(self):
        for mapping in self:
            if not (mapping.col_amount or mapping.col_income):
                raise ValidationError(_("Mapping %s needs an amount column or an income column.", mapping.name))

    def _chain_as_dict(self):
        """The mapping as ``lib.settlement.normalize`` reads it."""
        self.ensure_one()
        return {
            "key": self.col_key,
            "order": self.col_order,
            "type": self.col_type,
            "amount": self.col_amount,
            "income": self.col_income,
            "expense": self.col_expense,
            "date": self.col_date,
            "currency": self.col_currency,
            "reference": self.col_reference,
            "default_currency": self.default_currency or "",
            "types": {row.label: row.kind for row in self.type_ids},
        }
