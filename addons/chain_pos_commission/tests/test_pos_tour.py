from odoo import Command
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.chain_store.tests.common import ChainStoreCase, run_hoot_units


@tagged("post_install", "-at_install")
class TestPosGuideTour(HttpCase, ChainStoreCase):
    """The guide (导购) at the till, in a real browser: every new line is credited to the employee
    logged in (pos_hr), a tap on an employee of the store changes the guide of the selected line
    or of the whole order, and the synced lines carry them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.cashier = new_test_user(
            cls.env,
            login="t_guide_cashier",
            groups="point_of_sale.group_pos_user,chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        Employee = cls.env["hr.employee"]
        cls.wang, cls.li, cls.zhao, cls.gone = Employee.create(
            [
                {"name": "Guide Wang (test)", "user_id": cls.cashier.id, "chain_store_id": cls.store_a.id},
                {"name": "Guide Li (test)", "chain_store_id": cls.store_a.id},
                {"name": "Baby advisor Zhao (test)", "chain_store_id": cls.store_a.id},
                {"name": "Guide who left (test)", "chain_store_id": cls.store_a.id},
            ]
        )
        cls.gone.action_archive()
        cls.other = Employee.create({"name": "Guide of store B (test)", "chain_store_id": cls.store_b.id})
        cls.formula, cls.wipes = cls.env["product.product"].create(
            [
                {"name": "Formula stage 2 (guide test)", "lst_price": 300.0},
                {"name": "Baby wipes (guide test)", "lst_price": 20.0},
            ]
        )
        (cls.formula | cls.wipes).write({"available_in_pos": True, "taxes_id": [Command.clear()]})
        cls.config = cls._pos_config(cls.store_a)
        # only Wang logs in at this till: Li and Zhao are guides, never cashiers
        cls.config.write({"module_pos_hr": True, "basic_employee_ids": [Command.set(cls.wang.ids)]})

    def test_session_lists_the_store_guides(self):
        self.config.open_ui()
        session = self.config.current_session_id.with_user(self.cashier)
        guides = session._chain_guide_vals()
        self.assertEqual(
            [guide["name"] for guide in guides],
            ["Baby advisor Zhao (test)", "Guide Li (test)", "Guide Wang (test)"],
            "the active employees of store A only",
        )
        data = session.load_data(["pos.config", "pos.order", "pos.order.line", "hr.employee"])
        self.assertEqual(len(data["pos.session"]["data"][0]["_chain_guides"]), 3)
        self.assertEqual(data["pos.order.line"]["relations"]["chain_guide_id"]["type"], "integer")
        cashiers = {employee["id"] for employee in data["hr.employee"]["data"]}
        self.assertIn(self.wang.id, cashiers)
        self.assertFalse(cashiers & set((self.li | self.zhao).ids), "the guides do not become cashiers of the till")

    def test_guide_of_a_line_and_of_the_order(self):
        self.config.with_user(self.cashier).open_ui()
        self.start_tour(f"/pos/ui?config_id={self.config.id}", "chain_pos_commission_tour", login="t_guide_cashier")
        order = self.env["pos.order"].search([("session_id", "=", self.config.current_session_id.id)])
        self.assertEqual(order.state, "paid")
        self.assertEqual(order.employee_id, self.wang)
        self.assertRecordValues(
            order.lines.sorted(lambda line: line.product_id.id),
            [
                {"product_id": self.formula.id, "chain_guide_id": self.li.id},
                {"product_id": self.wipes.id, "chain_guide_id": self.zhao.id},
            ],
        )

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_pos_commission")
        self.assertEqual(len(passed), 4, passed)
