from odoo import _, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"
    _chain_guarded_fields = {}  # a setting of the company (its administrators)

    chain_transfer_approval = fields.Boolean(
        string="Approve Inter-Store Transfers",
        help="Submitted transfer requests wait for a store manager's approval before the sending store ships.",
    )

    def _chain_transit_location(self):
        """The location of goods on their way between two stores of this company, created when missing.

        A transit location (under the company's inter-warehouse transit) with no warehouse: both
        stores of a transfer reach it, and its quants are the chain's goods in transit, lot by lot.
        """
        self.ensure_one()
        # sudo: store users ship and receive; the transit location is shared stock configuration
        Location = self.env["stock.location"].sudo()
        location = Location.search([("chain_transfer_transit", "=", True), ("company_id", "=", self.id)], limit=1)
        if not location:
            parent = self.sudo().internal_transit_location_id  # sudo: company stock configuration
            location = Location.create(
                {
                    "name": _("Inter-Store Transfers"),
                    "usage": "transit",
                    "location_id": parent.location_id.id or parent.id,
                    "company_id": self.id,
                    "chain_transfer_transit": True,
                }
            )
        return location
