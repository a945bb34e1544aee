from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"
    _chain_guarded_fields = {}  # a reverse link for the contact rule, written through the member only

    chain_member_ids = fields.One2many(
        "chain.member",
        "partner_id",
        string="Members",
        readonly=True,
        # the contact rule counts forgotten and merged members too: their contact stays their stores'
        context={"active_test": False},
        help="The member whose contact this is: only the member's stores and headquarters read this contact.",
    )
