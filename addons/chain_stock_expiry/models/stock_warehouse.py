from odoo import _, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"
    _chain_guarded_fields = {}  # no field of its own

    def _chain_quarantine_location(self):
        """The quarantine location of each warehouse in ``self``, created when missing.

        It sits under the warehouse's view location, beside (not under) its
        stock location: reservations gather from the stock location's
        children, so nothing in quarantine can be reserved or sold, yet it
        still counts in the warehouse's on-hand stock and value.
        """
        Location = self.env["stock.location"].sudo()  # sudo: store users trigger it; locations are stock config
        result = Location.browse()
        for warehouse in self:
            location = Location.search(
                [("chain_quarantine", "=", True), ("location_id", "=", warehouse.view_location_id.id)], limit=1
            )
            if not location:
                location = Location.create(
                    {
                        "name": _("Quarantine"),
                        "usage": "internal",
                        "location_id": warehouse.view_location_id.id,
                        "chain_quarantine": True,
                        "company_id": warehouse.company_id.id,
                    }
                )
            result |= location
        return result.sudo(False)
