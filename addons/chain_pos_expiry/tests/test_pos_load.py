from odoo.tests import tagged

from .common import ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestPosLoad(ChainPosExpiryCase):
    """What the till receives with its session, so that it works offline."""

    def _load(self, **context):
        session = self.pos_session.with_user(self.cashier_a).with_context(**context)
        return session.load_data([], False)

    def test_session_brings_the_store_lots_with_dates_and_quantity(self):
        data = self._load()
        lots = {lot["name"]: lot for lot in data["stock.lot"]["data"]}
        self.assertEqual(set(lots), {"FRESH", "NEAR", "LATE", "OLD", "HELD"}, "only this store's stock")
        self.assertEqual(lots["FRESH"]["chain_pos_qty"], 10.0)
        self.assertEqual(lots["FRESH"]["product_id"], self.formula.id)
        self.assertEqual(lots["OLD"]["expiration_date"], self.lots["OLD"].expiration_date)
        self.assertTrue(lots["HELD"]["chain_blocked"])
        self.assertIn("product_id", data["stock.lot"]["relations"])
        products = {p["id"]: p for p in data["product.product"]["data"]}
        self.assertTrue(products[self.formula.id]["chain_pos_lot_required"])

    def test_session_brings_override_managers_without_their_pin(self):
        session = self._load()["pos.session"]["data"][0]
        managers = session["_chain_override_managers"]
        self.assertEqual([m["id"] for m in managers], [self.manager_a.id], "store B's manager is not offered")
        self.assertEqual(managers, [{"id": self.manager_a.id, "name": self.manager_a.name}], "nothing of the PIN")

    def test_refresh_and_lookup(self):
        Lot = self.env["stock.lot"].with_user(self.cashier_a)
        fresh = Lot.chain_pos_lots(self.config.id, product_ids=[self.formula.id])
        self.assertEqual(len(fresh), 5)
        self.env["stock.quant"]._update_available_quantity(self.formula, self.shelf_a, -4, lot_id=self.lots["FRESH"])
        fresh = Lot.chain_pos_lots(self.config.id, product_ids=[self.formula.id])
        self.assertEqual({r["name"]: r["chain_pos_qty"] for r in fresh}["FRESH"], 6.0)
        # a lot scanned at the till that this store does not hold: its dates, no quantity
        found = Lot.chain_pos_lots(self.config.id, product_ids=[self.formula.id], lot_names=["B-ONLY"])
        self.assertEqual([(r["name"], r["chain_pos_qty"]) for r in found], [("B-ONLY", 0.0)])

    def test_baseline_without_the_addon_data(self):
        data = self._load(chain_pos_expiry_off=True)
        self.assertNotIn("stock.lot", data)
        self.assertNotIn("_chain_override_managers", data["pos.session"]["data"][0])
