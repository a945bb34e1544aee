from datetime import timedelta

from psycopg2 import IntegrityError

from odoo.exceptions import ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import LIFE, ChainExpiryCase


@tagged("post_install", "-at_install")
class TestPolicy(ChainExpiryCase):
    def test_category_policy_sets_stage_dates(self):
        lot = self._lot("F-STAGES", 400)
        expiry = lot.expiration_date
        self.assertEqual(lot.chain_policy_id, self.policy, "sub-category inherits the formula policy")
        self.assertEqual(lot.alert_date, expiry - timedelta(days=LIFE / 3))
        self.assertEqual(lot.chain_last_sale_date, expiry - timedelta(days=30))
        self.assertEqual(lot.removal_date, expiry - timedelta(days=7))

    def test_stage_follows_dates(self):
        now = self._days(0)
        self.assertEqual(self._lot("F-OK", 400)._chain_stage(now), "ok")
        self.assertEqual(self._lot("F-NEAR", 239)._chain_stage(now), "near")
        self.assertEqual(self._lot("F-NEAR-EDGE", 240)._chain_stage(now), "near", "the near date itself is near")
        self.assertEqual(self._lot("F-NOT-NEAR", 241)._chain_stage(now), "ok")
        self.assertEqual(self._lot("F-LAST", 20)._chain_stage(now), "last_sale")
        self.assertEqual(self._lot("F-REMOVAL", 5)._chain_stage(now), "removal")
        self.assertEqual(self._lot("F-EXPIRED", -1)._chain_stage(now), "expired")

    def test_product_policy_beats_category(self):
        special = self.env["chain.shelf.life.policy"].create(
            {
                "name": "This formula",
                "product_tmpl_id": self.formula.product_tmpl_id.id,
                "removal_value": 15,
                "removal_unit": "days",
            }
        )
        lot = self._lot("F-PRODUCT", 400)
        self.assertEqual(lot.chain_policy_id, special)
        self.assertEqual(lot.removal_date, lot.expiration_date - timedelta(days=15))

    def test_supplier_policy_only_for_that_supplier(self):
        other = self.env["res.partner"].create({"name": "Other importer"})
        strict = self.env["chain.shelf.life.policy"].create(
            {
                "name": "Formula from the distributor",
                "categ_id": self.categ_formula.id,
                "partner_id": self.supplier.id,
                "shelf_life_days": LIFE,
                "near_value": 50,
                "near_unit": "percent",
                "accepts_returns": True,
            }
        )
        self.assertEqual(self._lot("F-SUP", 500, chain_supplier_id=self.supplier.id).chain_policy_id, strict)
        self.assertEqual(self._lot("F-OTHER", 500, chain_supplier_id=other.id).chain_policy_id, self.policy)
        self.assertEqual(self._lot("F-NONE", 500).chain_policy_id, self.policy)

    def test_expiry_from_production_date(self):
        lot = self.env["stock.lot"].create(
            {"name": "F-PROD", "product_id": self.formula.id, "chain_production_date": "2026-01-10"}
        )
        self.assertEqual(str(lot.expiration_date.date()), "2027-12-31", "2026-01-10 + 720 days")

    def test_without_policy_odoo_dates_stay(self):
        product = self.env["product.product"].create(
            {
                "name": "Wipes (test)",
                "is_storable": True,
                "tracking": "lot",
                "use_expiration_date": True,
                "expiration_time": 365,
                "removal_time": 10,
            }
        )
        lot = self._lot("W-1", 100, product=product)
        self.assertFalse(lot.chain_policy_id)
        self.assertEqual(lot.removal_date, lot.expiration_date - timedelta(days=10))
        self.assertFalse(lot.chain_last_sale_date)

    def test_threshold_constraints(self):
        with self.assertRaises(ValidationError):
            self.policy.near_value = 150  # percent
        with self.assertRaises(ValidationError):
            self.policy.removal_value = -1

    @mute_logger("odoo.sql_db")
    def test_policy_needs_a_target(self):
        with self.assertRaises(IntegrityError):
            self.env["chain.shelf.life.policy"].create({"name": "Nothing"})
            self.env.flush_all()
