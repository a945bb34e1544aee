# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"
    # set by the import only (as superuser): a contact manager who could clear it would open
    # a buyer's contact data to every user
    _chain_guarded_fields = {"chain_channel_buyer": ()}

    chain_channel_buyer = fields.Boolean(
        string="Channel Buyer",
        readonly=True,
        copy=False,
        help="Created for an online channel's order: only the stores that ship its orders, channel "
        "managers and headquarters see this contact.",
    )
