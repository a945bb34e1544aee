from odoo import Command
from odoo.tests import HttpCase, tagged

from odoo.addons.chain_store.tests.common import run_hoot_units

from .common import VALID_VAT, ChainFapiaoCase


@tagged("post_install", "-at_install")
class TestPosFapiaoTour(HttpCase, ChainFapiaoCase):
    """The cashier records the customer's fapiao request from the receipt screen."""

    def test_fapiao_from_the_till(self):
        # the till of store A ships from store A's warehouse (the store rules on operation types)
        self.basic_config.write(
            {
                "payment_method_ids": [Command.set(self.cash_pm1.ids)],
                "picking_type_id": self.store_a.warehouse_id.pos_type_id.id,
            }
        )
        self.cash_pm1.name = "Cash"
        self.start_tour(f"/pos/ui?config_id={self.basic_config.id}", "chain_fapiao_till_tour", login="f_staff_a")
        request = self.env["chain.fapiao.request"].search([("source", "=", "till")])
        self.assertEqual(len(request), 1)
        self.assertRecordValues(
            request,
            [{"buyer_vat": VALID_VAT, "fapiao_type": "special", "state": "invoiced", "create_uid": self.staff_a.id}],
        )
        self.assertEqual(request.order_id.account_move.partner_id.vat, VALID_VAT)


@tagged("post_install", "-at_install")
class TestFapiaoUnitJs(HttpCase):
    """Hoot unit tests of the till's fapiao rules (``static/src/utils``), run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_fapiao")
        self.assertGreaterEqual(len(passed), 2, "every unit test of the addon ran and passed")
