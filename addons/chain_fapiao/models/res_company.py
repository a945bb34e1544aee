from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # the company's fapiao rules: configuration, under the company's ACL

    chain_fapiao_request_days = fields.Integer(
        string="Fapiao Request Deadline (days)",
        default=30,
        help="A customer may ask for a fapiao from the receipt's QR code during so many days after the order.",
    )
    chain_fapiao_todo_days = fields.Integer(
        string="Fapiao To-Do after (days)",
        default=7,
        help="An invoice without an issued fapiao after so many days shows in the to-do list and gets an "
        "activity for the accountant.",
    )
    chain_fapiao_todo_user_id = fields.Many2one(
        "res.users",
        string="Fapiao Accountant",
        help="Who gets the activities of invoices without a fapiao (else the invoice's salesperson).",
    )
