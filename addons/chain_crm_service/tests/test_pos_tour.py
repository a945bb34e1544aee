from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.chain_member.tests.common import ChainMemberCase
from odoo.addons.chain_store.tests.common import run_hoot_units


@tagged("post_install", "-at_install")
class TestPosComplaintTour(HttpCase, ChainMemberCase):
    """The cashier records a complaint (投诉) for the current customer from the till."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.item = cls.env["product.product"].create(
            {"name": "Stroller wheel (test)", "available_in_pos": True, "lst_price": 30.0,
             "taxes_id": [Command.clear()]}
        )  # fmt: skip
        cls.wang_fang = cls.env["chain.member"].create(
            {"name": "Wang Fang (test)", "mobile": "137 0000 0001", "home_store_id": cls.store_a.id}
        )
        cls.quality_categ = cls.env["helpdesk.ticket.category"].create(
            {"name": "Broken part test", "chain_kind": "quality"}
        )
        cls.cashier = new_test_user(
            cls.env,
            login="t_cashier_case",
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )

    def test_complaint_from_the_till(self):
        self.start_tour(
            f"/pos/ui?config_id={self.config_a.id}", "chain_crm_service_complaint_tour", login="t_cashier_case"
        )
        case = self.env["helpdesk.ticket"].search([("chain_source", "=", "pos")])
        self.assertEqual(len(case), 1)
        self.assertRecordValues(
            case,
            [
                {
                    "chain_store_id": self.store_a.id,
                    "chain_member_id": self.wang_fang.id,
                    "partner_id": self.wang_fang.partner_id.id,
                    "chain_product_id": self.item.id,
                    "category_id": self.quality_categ.id,
                    "create_uid": self.cashier.id,
                }
            ],
        )
        self.assertIn("The wheel broke on the first day", case.description)


@tagged("post_install", "-at_install")
class TestPosComplaintUnitJs(HttpCase):
    """Hoot unit tests of the till's complaint rules (``static/src/utils``), run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_crm_service")
        self.assertGreaterEqual(len(passed), 2, "every unit test of the addon ran and passed")
