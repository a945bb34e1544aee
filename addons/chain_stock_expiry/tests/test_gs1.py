from odoo.exceptions import UserError
from odoo.tests import Form, tagged

from .common import ChainExpiryCase

FNC1 = "\x1d"


@tagged("post_install", "-at_install")
class TestGs1Receiving(ChainExpiryCase):
    def setUp(self):
        super().setUp()
        self.picking = self._receipt(self.wh_a, [(self.formula, 18)])

    def _expiry(self, days_left):
        return self._days(days_left).strftime("%y%m%d")

    def test_scan_fills_product_lot_dates_and_count(self):
        expiry = self._expiry(650)
        code = f"010690123456789211{self._days(-70).strftime('%y%m%d')}17{expiry}10GS-A1{FNC1}3712"
        line = self.picking.chain_receive_gs1(code)
        self.assertRecordValues(line, [{"product_id": self.formula.id, "lot_name": "GS-A1", "quantity": 12}])
        self.assertEqual(line.expiration_date, self._days(650))
        self.assertEqual(line.chain_production_date, self._days(-70).date())
        # the same lot again adds to the line; another lot gets its own line
        self.picking.chain_receive_gs1(f"0106901234567892{FNC1}10GS-A1{FNC1}375")
        self.assertEqual(line.quantity, 17)
        other = self.picking.chain_receive_gs1(f"010690123456789217{expiry}10GS-B2")
        self.assertNotEqual(other, line)
        self.assertRecordValues(other, [{"lot_name": "GS-B2", "quantity": 1}])
        self.picking.button_validate()
        self.assertEqual(self.picking.state, "done")
        lot = self.env["stock.lot"].search([("name", "=", "GS-A1")])
        self.assertEqual(lot.expiration_date, self._days(650))

    def test_parentheses_and_symbology_prefix(self):
        line = self.picking.chain_receive_gs1(f"]d2010690123456789217{self._expiry(700)}10P-1")
        self.assertEqual(line.lot_name, "P-1")

    def _assert_refused(self, code, fragment):
        before = self.picking.move_line_ids.read(["lot_name", "quantity", "expiration_date"])
        with self.assertRaises(UserError) as caught:
            self.picking.chain_receive_gs1(code)
        self.assertIn(fragment, caught.exception.args[0])
        self.assertEqual(self.picking.move_line_ids.read(["lot_name", "quantity", "expiration_date"]), before)

    def test_unknown_gtin(self):
        self._assert_refused("010690000000001410X", "No product has the GTIN 06900000000014")

    def test_bad_check_digit_is_malformed(self):
        self._assert_refused("010690123456789310X", "not a valid GS1 code")

    def test_garbage(self):
        self._assert_refused("hello world", "not a valid GS1 code")

    def test_impossible_date(self):
        self._assert_refused("01069012345678921726134110X", "malformed")

    def test_lot_required_for_tracked_product(self):
        self._assert_refused(f"010690123456789217{self._expiry(700)}", "must carry the lot")

    def test_product_not_on_receipt(self):
        self.env["product.product"].create({"name": "Bottle (test)", "is_storable": True, "barcode": "6901234567908"})
        self._assert_refused("0106901234567908", "is not expected on")

    def test_wizard(self):
        action = self.picking.action_chain_gs1_scan()
        form = Form(self.env["chain.gs1.scan.wizard"].with_context(**action["context"]))
        form.code = f"010690123456789217{self._expiry(700)}10WZ-1{FNC1}373"
        wizard = form.save()
        wizard.action_scan()
        self.assertIn("WZ-1", wizard.last_result)
        self.assertIn("WZ-1", self.picking.move_line_ids.mapped("lot_name"))
