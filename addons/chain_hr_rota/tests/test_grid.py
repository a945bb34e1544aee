from datetime import timedelta

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import HttpCase, new_test_user, tagged

from odoo.addons.chain_store.tests.common import run_hoot_units

from .common import MONDAY, RotaCase, RpcMixin


class GridCase(RotaCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_b = new_test_user(cls.env, login="t_grid_manager_b", groups="chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.rota = cls._rota(cls.store_a, [(cls.chen, 0, cls.late)])
        cls.tuesday = (MONDAY + timedelta(days=1)).isoformat()

    def _lines(self, employee, day):
        return self.rota.line_ids.filtered(lambda line: line.employee_id == employee and line.date.isoformat() == day)


class TestRotaGrid(GridCase):
    def test_grid_data_as_the_store_manager(self):
        data = self.rota.with_user(self.manager_a).chain_grid_data()
        self.assertEqual([e["name"] for e in data["employees"]], ["Chen Jie", "Li Na", "Wang Fang"])
        self.assertEqual(data["days"], [(MONDAY + timedelta(days=d)).isoformat() for d in range(7)])
        self.assertEqual(
            data["cells"][f"{self.chen.id}|{MONDAY.isoformat()}"],
            [
                {
                    "line_id": self.rota.line_ids.id,
                    "template_id": self.late.id,
                    "label": "L 13:00-21:00",
                    "warning": False,
                }
            ],
        )
        self.assertTrue({"E", "L", "N", "S"} <= {t["code"] for t in data["templates"]})
        self.assertEqual(set(data["coverage"]), set(data["days"]))
        self.assertEqual((data["state"], data["can_edit"]), ("draft", True))

    def test_set_cell_creates_replaces_and_clears(self):
        grid = self.rota.with_user(self.manager_a)
        data = grid.chain_grid_set_cell(self.wang.id, self.tuesday, self.early.id)
        self.assertRecordValues(self._lines(self.wang, self.tuesday), [{"template_id": self.early.id, "segment": 1}])
        self.assertEqual([c["label"] for c in data["cells"][f"{self.wang.id}|{self.tuesday}"]], ["E 09:00-17:00"])
        grid.chain_grid_set_cell(self.wang.id, self.tuesday, self.split.id)
        self.assertEqual(self._lines(self.wang, self.tuesday).mapped("segment"), [1, 2], "a split shift: two lines")
        data = grid.chain_grid_set_cell(self.wang.id, self.tuesday, False)
        self.assertFalse(self._lines(self.wang, self.tuesday))
        self.assertNotIn(f"{self.wang.id}|{self.tuesday}", data["cells"])

    def test_night_shift_is_drawn_on_the_day_it_starts(self):
        data = self.rota.chain_grid_set_cell(self.li.id, self.tuesday, self.night.id)
        self.assertEqual([c["label"] for c in data["cells"][f"{self.li.id}|{self.tuesday}"]], ["N 22:00-06:00"])

    def test_bad_input_is_refused_and_changes_nothing(self):
        grid = self.rota.with_user(self.manager_a)
        with self.assertRaises(ValidationError):
            grid.chain_grid_set_cell(self.zhao.id, self.tuesday, self.early.id)
        with self.assertRaises(UserError):
            grid.chain_grid_set_cell(self.wang.id, (MONDAY + timedelta(days=7)).isoformat(), self.early.id)
        other_store_template = self.env["chain.hr.shift.template"].create(
            {
                "name": "B only",
                "code": "B",
                "kind": "other",
                "start_hour": 10,
                "end_hour": 18,
                "store_id": self.store_b.id,
            }
        )
        with self.assertRaises(UserError):
            grid.chain_grid_set_cell(self.wang.id, self.tuesday, other_store_template.id)
        self.assertEqual(self.rota.line_ids.employee_id, self.chen)
        self.rota.action_publish()
        self.assertFalse(grid.chain_grid_data()["can_edit"])
        with self.assertRaises(UserError):
            grid.chain_grid_set_cell(self.wang.id, self.tuesday, self.early.id)

    def test_manager_of_another_store_is_refused(self):
        grid = self.rota.with_user(self.manager_b)
        with self.assertRaises(AccessError):
            grid.chain_grid_data()
        with self.assertRaises(AccessError):
            grid.chain_grid_set_cell(self.wang.id, self.tuesday, self.early.id)
        self.assertFalse(self._lines(self.wang, self.tuesday))

    def test_store_user_reads_but_cannot_edit(self):
        self.rota.action_publish()
        with self.assertRaises(AccessError):
            self.rota.with_user(self.staff_a).chain_grid_set_cell(self.li.id, self.tuesday, self.early.id)


@tagged("post_install", "-at_install")
class TestRotaGridOverRpc(HttpCase, RpcMixin, GridCase):
    def test_manager_of_another_store_is_refused_over_rpc(self):
        self.authenticate("t_grid_manager_b", "t_grid_manager_b")
        self.assertRpcError(self._call("chain.hr.rota", "chain_grid_data", self.rota.ids))
        answer = self._call(
            "chain.hr.rota", "chain_grid_set_cell", self.rota.ids, self.wang.id, self.tuesday, self.early.id
        )
        self.assertRpcError(answer)
        self.assertFalse(self._lines(self.wang, self.tuesday))

    def test_grid_tour(self):
        """The store manager plans in the grid: the line is created, another is cleared."""
        self.env["chain.hr.coverage.rule"].create(
            {"store_id": self.store_a.id, "weekday": "1", "hour_from": 9, "hour_to": 12, "min_headcount": 2}
        )
        self.start_tour(
            f"/odoo/action-chain_hr_rota.chain_hr_rota_action/{self.rota.id}", "chain_hr_rota_grid_tour",
            login="t_manager_a",
        )  # fmt: skip
        self.assertRecordValues(self._lines(self.wang, self.tuesday), [{"template_id": self.early.id}])
        self.assertFalse(self._lines(self.chen, MONDAY.isoformat()))


@tagged("post_install", "-at_install")
class TestRotaGridUnitJs(HttpCase):
    """Hoot unit tests of the grid's pure helpers, run in the browser."""

    def test_hoot_units(self):
        passed = run_hoot_units(self, "chain_hr_rota")
        self.assertGreaterEqual(len(passed), 5, "every unit test of the grid ran and passed")
