from datetime import datetime, time, timedelta

from freezegun import freeze_time

from odoo import Command, fields

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainLedgerCase(ChainStoreCase):
    """Diapers (AVCO, 10 then 16 a pack) and lot-tracked formula moved through stores A and B.

    Forty days ago (before the period): 20 diapers received into A and 10 into B at 10.00, 6 formula
    of lot L1 into A at 100.00. Five days ago (in the period, which runs from 20 days ago to
    today), in A: 10 diapers received at 16.00 (average cost 11.50), 5 transferred to B, 4 sold at
    the till, 3 delivered on a sale, 1 returned by a customer, 2 scrapped, 1 found missing at a
    count, 4 put away from stock to a shelf of A (not counted: same store); 4 formula of lot L2
    received, 2 of L1 sold at the till. In B: 1 diaper delivered on a sale.

    A's diapers: opening 20, closing 20 + 10 - 5 - 4 - 3 + 1 - 2 - 1 = 16 (value 256.50);
    B's: opening 10, closing 10 + 5 - 1 = 14 (value 88.50).
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        today = fields.Date.today()
        cls.today = today
        cls.t1 = datetime.combine(today - timedelta(days=40), time(12))
        cls.t2 = datetime.combine(today - timedelta(days=5), time(12))
        cls.period = (today - timedelta(days=20), today)
        cls.categ_avco = cls.env["product.category"].create(
            {"name": "Diapers (ledger test)", "property_cost_method": "average"}
        )
        cls.diapers = cls.env["product.product"].create(
            {"name": "Diapers size M (ledger test)", "is_storable": True, "categ_id": cls.categ_avco.id}
        )
        cls.formula = cls.env["product.product"].create(
            {
                "name": "Formula stage 2 (ledger test)",
                "is_storable": True,
                "tracking": "lot",
                "categ_id": cls.categ_avco.id,
            }
        )
        cls.lot1, cls.lot2 = cls.env["stock.lot"].create(
            [{"name": "L1", "product_id": cls.formula.id}, {"name": "L2", "product_id": cls.formula.id}]
        )
        cls.suppliers = cls.env.ref("stock.stock_location_suppliers")
        cls.customers = cls.env.ref("stock.stock_location_customers")
        cls.stock_a = cls.wh_a.lot_stock_id
        cls.stock_b = cls.wh_b.lot_stock_id
        cls.shelf_a = cls._shelf(cls.wh_a)
        with freeze_time(cls.t1):
            cls._done(cls.wh_a.in_type_id, cls.suppliers, cls.stock_a, cls.diapers, 20, price=10.0)
            cls._done(cls.wh_b.in_type_id, cls.suppliers, cls.stock_b, cls.diapers, 10, price=10.0)
            cls._done(cls.wh_a.in_type_id, cls.suppliers, cls.stock_a, cls.formula, 6, price=100.0, lot=cls.lot1)
        with freeze_time(cls.t2):
            cls._done(cls.wh_a.in_type_id, cls.suppliers, cls.stock_a, cls.diapers, 10, price=16.0)
            cls._done(cls.wh_a.int_type_id, cls.stock_a, cls.stock_b, cls.diapers, 5)
            cls._done(cls.wh_a.pos_type_id, cls.stock_a, cls.customers, cls.diapers, 4)
            cls._done(cls.wh_a.out_type_id, cls.stock_a, cls.customers, cls.diapers, 3)
            cls._done(cls.wh_a.in_type_id, cls.customers, cls.stock_a, cls.diapers, 1)
            scrap = cls.env["stock.scrap"].create(
                {"product_id": cls.diapers.id, "scrap_qty": 2, "location_id": cls.stock_a.id}
            )
            scrap.action_validate()
            quant = cls.env["stock.quant"].search(
                [("product_id", "=", cls.diapers.id), ("location_id", "=", cls.stock_a.id)]
            )
            quant.inventory_quantity = quant.quantity - 1
            quant.action_apply_inventory()
            cls._done(cls.wh_a.int_type_id, cls.stock_a, cls.shelf_a, cls.diapers, 4)
            cls._done(cls.wh_a.in_type_id, cls.suppliers, cls.stock_a, cls.formula, 4, price=100.0, lot=cls.lot2)
            cls._done(cls.wh_a.pos_type_id, cls.stock_a, cls.customers, cls.formula, 2, lot=cls.lot1)
            cls._done(cls.wh_b.out_type_id, cls.stock_b, cls.customers, cls.diapers, 1)

    @classmethod
    def _done(cls, picking_type, source, dest, product, qty, price=0.0, lot=None, uom=None):
        """A done transfer of ``qty`` ``product`` (of ``lot``) from ``source`` to ``dest``."""
        uom = uom or product.uom_id
        picking = cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "partner_id": cls.supplier.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": uom.id,
                            "price_unit": price,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
        )
        picking.action_confirm()
        picking.action_assign()
        move = picking.move_ids
        move.move_line_ids.unlink()
        line_vals = move._prepare_move_line_vals(quantity=uom._compute_quantity(qty, product.uom_id))
        move.write(
            {
                "move_line_ids": [Command.create({**line_vals, "lot_id": lot.id if lot else False})],
                "picked": True,
            }
        )
        picking.button_validate()
        assert picking.state == "done", picking.state
        return picking

    def _rows(self, stores, period=None, by_lot=False, user=None):
        Ledger = self.env["chain.stock.ledger"]
        if user:
            Ledger = Ledger.with_user(user)
            stores = stores.with_user(user)
        return Ledger._chain_ledger_rows(stores, *(period or self.period), by_lot=by_lot)

    def _row(self, rows, store, product, lot=None):
        found = [
            row
            for row in rows
            if row["store_id"] == store.id and row["product_id"] == product.id and row["lot_id"] == (lot and lot.id)
        ]
        self.assertEqual(len(found), 1, f"one row expected for {store.code} {product.name} {lot and lot.name}")
        return {key: float(value) if key.endswith(("_qty", "_value")) else value for key, value in found[0].items()}

    def _on_hand(self, store, product, lot=None):
        """The quants of ``product`` in the store's internal locations."""
        domain = [
            ("product_id", "=", product.id),
            ("location_id.usage", "=", "internal"),
            ("location_id.warehouse_id", "=", store.warehouse_id.id),
        ]
        if lot:
            domain.append(("lot_id", "=", lot.id))
        return sum(self.env["stock.quant"].search(domain).mapped("quantity"))

    def _ledger(self, user=None, **vals):
        """A ledger run (the wizard) of ``user`` over the period, for store A unless told."""
        Ledger = self.env["chain.stock.ledger"].with_user(user) if user else self.env["chain.stock.ledger"]
        return Ledger.create(
            {
                "store_ids": [Command.set(self.store_a.ids)],
                "date_from": self.period[0],
                "date_to": self.period[1],
                **vals,
            }
        )
