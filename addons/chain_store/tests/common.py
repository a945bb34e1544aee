import logging

from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class ChainStoreCase(TransactionCase):
    """Two regions, two stores and one user per role, with stock in both stores.

    Store A (TA01) is in region Shanghai (child of East), store B (TB01) in
    region Zhejiang. ``staff_a`` works in A, ``manager_a`` runs A,
    ``staff_b`` works in B, ``region_manager`` manages Shanghai and
    ``chain_manager`` is HQ.
    """

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, tracking_disable=True))
        Region = cls.env["chain.store.region"]
        Store = cls.env["chain.store"]
        cls.region_east = Region.create({"name": "East", "code": "T-E"})
        cls.region_sh = Region.create({"name": "Shanghai", "code": "T-SH", "parent_id": cls.region_east.id})
        cls.region_zj = Region.create({"name": "Zhejiang", "code": "T-ZJ"})
        cls.store_a, cls.store_b = Store.create(
            [
                {"code": "TA01", "name": "Test Store A", "region_id": cls.region_sh.id, "city": "Shanghai"},
                {"code": "TB01", "name": "Test Store B", "region_id": cls.region_zj.id, "city": "Hangzhou"},
            ]
        )
        cls.wh_a = cls.store_a.warehouse_id
        cls.wh_b = cls.store_b.warehouse_id
        cls.staff_a = cls._user("t_staff_a", "chain_store.group_chain_store_user", cls.store_a)
        cls.staff_b = cls._user("t_staff_b", "chain_store.group_chain_store_user", cls.store_b)
        cls.manager_a = cls._user("t_manager_a", "chain_store.group_chain_store_manager")
        cls.store_a.manager_id = cls.manager_a
        cls.region_manager = cls._user("t_region_sh", "chain_store.group_chain_region_manager")
        cls.region_sh.manager_id = cls.region_manager
        cls.chain_manager = cls._user("t_hq", "chain_store.group_chain_manager")

        cls.product = cls.env["product.product"].create(
            {"name": "Infant formula stage 1 (test)", "is_storable": True, "barcode": "6900000000011"}
        )
        Quant = cls.env["stock.quant"]
        Quant._update_available_quantity(cls.product, cls.wh_a.lot_stock_id, 10)
        Quant._update_available_quantity(cls.product, cls.wh_b.lot_stock_id, 7)
        cls.supplier = cls.env["res.partner"].create({"name": "Formula Distributor (test)"})

    @classmethod
    def _user(cls, login, group, store=None):
        vals = {"chain_store_ids": [Command.set(store.ids)], "chain_store_id": store.id} if store else {}
        return new_test_user(cls.env, login=login, groups=group, **vals)

    @classmethod
    def _pos_config(cls, store):
        return cls.env["pos.config"].create(
            {"name": f"POS {store.code}", "picking_type_id": store.warehouse_id.pos_type_id.id}
        )

    @classmethod
    def _pos_order(cls, config, amount=42.0):
        """A paid POS order in an open session of ``config``."""
        if not config.current_session_id:
            config.open_ui()
        session = config.current_session_id
        order = cls.env["pos.order"].create(
            {
                "session_id": session.id,
                "amount_total": amount,
                "amount_tax": 0.0,
                "amount_paid": amount,
                "amount_return": 0.0,
                "lines": [
                    Command.create(
                        {
                            "product_id": cls.product.id,
                            "qty": 1,
                            "price_unit": amount,
                            "price_subtotal": amount,
                            "price_subtotal_incl": amount,
                        }
                    )
                ],
            }
        )
        cls.env["pos.payment"].create(
            {"pos_order_id": order.id, "amount": amount, "payment_method_id": session.payment_method_ids[:1].id}
        )
        return order

    @classmethod
    def _shelf(cls, warehouse):
        return cls.env["stock.location"].create({"name": "Shelf", "location_id": warehouse.lot_stock_id.id})

    @classmethod
    def _transfer(cls, picking_type, source, dest, qty=1.0, product=None):
        product = product or cls.product
        return cls.env["stock.picking"].create(
            {
                "picking_type_id": picking_type.id,
                "location_id": source.id,
                "location_dest_id": dest.id,
                "move_ids": [
                    Command.create(
                        {
                            "name": product.name,
                            "product_id": product.id,
                            "product_uom_qty": qty,
                            "product_uom": product.uom_id.id,
                            "location_id": source.id,
                            "location_dest_id": dest.id,
                        }
                    )
                ],
            }
        )


def run_hoot_units(case, addon):
    """Run ``addon``'s hoot unit tests in the browser (``case`` is an ``HttpCase``); the names of
    those that passed, so the test can say how many must have run."""
    seen = _ConsoleLines()
    logger = logging.getLogger(f"odoo.addons.{addon}")
    logger.addHandler(seen)
    try:
        case.browser_js(
            f"/web/tests?headless&loglevel=2&timeout=15000&filter={addon}",
            "",
            "",
            login="admin",
            timeout=300,
            success_signal="[HOOT] Test suite succeeded",
            error_checker=lambda message: "[HOOT]" not in message,
        )
    finally:
        logger.removeHandler(seen)
    return [line for line in seen.lines if f'[HOOT] Test "@{addon}/' in line and '" passed' in line]


class _ConsoleLines(logging.Handler):
    """Keeps the browser's console lines, to count the unit tests that passed."""

    def __init__(self):
        super().__init__(level=logging.INFO)
        self.lines = []

    def emit(self, record):
        self.lines.append(record.getMessage())
