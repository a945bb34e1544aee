from odoo.tests import HttpCase, tagged

from odoo.addons.chain_store.tests.common import run_hoot_units

from .common import ChainPosExpiryCase


@tagged("post_install", "-at_install")
class TestPosTour(HttpCase, ChainPosExpiryCase):
    """The cashier's path in a real browser (headless Chromium)."""

    def test_scan_refuse_override_pay(self):
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "chain_pos_expiry_tour", login="t_cashier_a")
        order = self.env["pos.order"].search([("session_id", "=", self.pos_session.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.chain_expiry_state, "overridden")
        lines = {line.pack_lot_ids.lot_name: line for line in order.lines}
        self.assertEqual(set(lines), {"FRESH", "OLD", "NEAR"}, "no line for the unreadable code")
        self.assertEqual(lines["NEAR"].chain_expiry_issue, "near")
        self.assertEqual(lines["FRESH"].pack_lot_ids.chain_lot_id, self.lots["FRESH"])
        self.assertEqual(str(lines["FRESH"].pack_lot_ids.chain_scanned_expiry), "2050-12-31")
        self.assertFalse(lines["FRESH"].chain_overridden)
        self.assertRecordValues(
            lines["OLD"],
            [
                {
                    "chain_expiry_issue": "expired",
                    "chain_overridden": True,
                    "chain_override_user_id": self.manager_a.id,
                    "chain_override_reason": "date_error",
                }
            ],
        )
        self.assertEqual(lines["OLD"].pack_lot_ids.chain_lot_id, self.lots["OLD"])


@tagged("post_install", "-at_install")
class TestPosUnitJs(HttpCase):
    """Hoot unit tests of the pure JS (GS1 parsing, the lot rule), run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_pos_expiry")
        self.assertGreaterEqual(len(passed), 14, "every unit test of the addon ran and passed")
