from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.chain_store.tests.common import ChainStoreCase

LIFE = 720  # days: infant formula


class ChainExpiryCase(ChainStoreCase):
    """Infant formula (720-day life, lot-tracked) under the policy a chain would set:
    near expiry below 1/3 of the life, last sale 30 days and removal 7 days before
    expiry, at least 2/3 of the life at receipt and 1/2 at transfer."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        cls.categ_formula = cls.env["product.category"].create({"name": "Infant formula (test)"})
        cls.categ_stage1 = cls.env["product.category"].create(
            {"name": "Stage 1 (test)", "parent_id": cls.categ_formula.id}
        )
        cls.policy = cls.env["chain.shelf.life.policy"].create(
            {
                "name": "Infant formula",
                "categ_id": cls.categ_formula.id,
                "shelf_life_days": LIFE,
                "near_value": 100 / 3,
                "near_unit": "percent",
                "last_sale_value": 30,
                "last_sale_unit": "days",
                "removal_value": 7,
                "removal_unit": "days",
                "receipt_min_value": 200 / 3,
                "receipt_min_unit": "percent",
                "transfer_min_value": 50,
                "transfer_min_unit": "percent",
            }
        )
        cls.formula = cls.env["product.product"].create(
            {
                "name": "Formula stage 1 800g (test)",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": LIFE,
                "categ_id": cls.categ_stage1.id,
                "barcode": "6901234567892",
                "standard_price": 150.0,
            }
        )
        cls.supplier.supplier_rank = 1
        cls.shelf_a = cls.wh_a.lot_stock_id
        cls.shelf_b = cls.wh_b.lot_stock_id
        cls.quarantine_a = cls.wh_a._chain_quarantine_location()
        cls.quarantine_b = cls.wh_b._chain_quarantine_location()

    @classmethod
    def _days(cls, days):
        """Now + ``days`` (a datetime at midnight, as GS1 dates give)."""
        return datetime.combine(fields.Date.today() + timedelta(days=days), time())

    @classmethod
    def _lot(cls, name, days_left, product=None, **vals):
        """A lot expiring in ``days_left`` days."""
        return cls.env["stock.lot"].create(
            {
                "name": name,
                "product_id": (product or cls.formula).id,
                "expiration_date": cls._days(days_left),
                **vals,
            }
        )

    @classmethod
    def _put(cls, lot, location, qty):
        cls.env["stock.quant"]._update_available_quantity(lot.product_id, location, qty, lot_id=lot)

    @classmethod
    def _receipt(cls, warehouse, lines, partner=None):
        """A confirmed receipt into ``warehouse``; ``lines`` = [(product, qty)]."""
        picking_type = warehouse.in_type_id
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": (partner or cls.supplier).id,
                "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                "location_dest_id": warehouse.lot_stock_id.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": cls.env.ref("stock.stock_location_suppliers").id,
                            "location_dest_id": warehouse.lot_stock_id.id,
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
        picking.action_confirm()
        return picking

    def _sellable(self, store, product=None):
        product = product or self.formula
        return product._chain_sellable_qty(store).get((product.id, store.id), 0.0)
