from datetime import datetime, time, timedelta

from odoo import Command, fields

from odoo.addons.chain_stock_expiry.tests.common import ChainExpiryCase


class ChainReplenishCase(ChainExpiryCase):
    """A distribution centre supplying stores A and B, and products to replenish.

    ``product`` (formula tins, cases of 6, first supplier ``supplier``) has 10 sellable in A
    and 7 in B; ``wipes`` (single units) has none. The DC holds no stock until a test puts
    some. Lead time 2 + review 7 + safety 3 days: a store plans 12 days of sales.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.dc = cls.env["chain.store"].create({"code": "TDC1", "name": "Test DC", "kind": "dc"})
        cls.wh_dc = cls.dc.warehouse_id
        (cls.store_a | cls.store_b).write({"replenish_dc_id": cls.dc.id})
        cls.env["product.packaging"].create({"name": "Case of 6", "product_id": cls.product.id, "qty": 6})
        cls.product.seller_ids = [Command.create({"partner_id": cls.supplier.id, "price": 100.0})]
        cls.wipes = cls.env["product.product"].create({"name": "Baby wipes 80 (test)", "is_storable": True})
        cls.today = fields.Date.today()
        cls.customers = cls.env.ref("stock.stock_location_customers")

    @classmethod
    def _sales(cls, store, product, daily, today=None):
        """Done sales of ``product`` in ``store``: ``daily`` quantities, the last one sold yesterday."""
        today = today or cls.today
        source = store.warehouse_id.lot_stock_id
        vals_list = []
        for offset, qty in enumerate(reversed(daily), start=1):
            if not qty:
                continue
            vals_list.append(
                {
                    "name": product.name,
                    "product_id": product.id,
                    "product_uom": product.uom_id.id,
                    "product_uom_qty": qty,
                    "location_id": source.id,
                    "location_dest_id": cls.customers.id,
                    "state": "done",
                    "date": datetime.combine(today - timedelta(days=offset), time(6, 0)),
                }
            )
        return cls.env["stock.move"].create(vals_list)

    @classmethod
    def _stock_dc(cls, product, qty):
        cls.env["stock.quant"]._update_available_quantity(product, cls.wh_dc.lot_stock_id, qty)

    @classmethod
    def _requisition(cls, store, lines, user=None):
        """A submitted requisition of ``store``; ``lines`` = [(product, qty)]."""
        env = cls.env(user=user) if user else cls.env
        warehouse = store.warehouse_id
        order = env["stock.request.order"].create(
            {
                "warehouse_id": warehouse.id,
                "location_id": warehouse.lot_stock_id.id,
                "stock_request_ids": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_id": product.uom_id.id,
                            "product_uom_qty": qty,
                            "warehouse_id": warehouse.id,
                            "location_id": warehouse.lot_stock_id.id,
                        }
                    )
                    for product, qty in lines
                ],
            }
        )
        order.action_submit()
        return order

    def _suggestion(self, suggestions, store, product):
        return suggestions.filtered(lambda s: s.store_id == store and s.product_id == product)
