"""Tests of ``chain_stock_replenish.lib.allocation``: no database, no ORM."""

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "allocation.py"
_SPEC = importlib.util.spec_from_file_location("chain_stock_replenish_lib_allocation", _PATH)
al = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(al)

D = al.Demand
A = al.Allocation


class TestDoctests(unittest.TestCase):
    def test_docstring_examples(self):
        failures, tried = doctest.testmod(al)[:2]
        self.assertGreater(tried, 5)
        self.assertEqual(failures, 0)


class TestShareProportionally(unittest.TestCase):
    def test_sum_is_total_and_parts_never_exceed_weights(self):
        parts = al.share_proportionally(10, [7, 1, 1, 1, 9])
        self.assertEqual(sum(parts), 10)
        self.assertTrue(all(p <= w for p, w in zip(parts, [7, 1, 1, 1, 9], strict=True)))

    def test_ties_go_to_the_earliest(self):
        self.assertEqual(al.share_proportionally(1, [1, 1]), [1, 0])

    def test_zero_total_or_weights(self):
        self.assertEqual(al.share_proportionally(0, [3, 4]), [0, 0])
        self.assertEqual(al.share_proportionally(5, [0, 0]), [0, 0])


class TestAllocate(unittest.TestCase):
    def test_enough_stock_serves_everyone_exactly(self):
        result = al.allocate(50, [D("A", 7), D("B", 13)], pack_size=6)
        self.assertEqual(result, {"A": A(7.0, "full"), "B": A(13.0, "full")})

    def test_proportional_shortage(self):
        # 10 cases for 12 + 6 + 2 asked: 6, 3, 1
        result = al.allocate(60, [D(3, 12), D(1, 72), D(2, 36)], pack_size=6)
        self.assertEqual(result, {1: A(36.0, "proportional"), 2: A(18.0, "proportional"), 3: A(6.0, "proportional")})

    def test_never_more_than_asked_and_never_above_available(self):
        demands = [D(i, q) for i, q in enumerate([5, 17, 23, 1, 40, 8])]
        for available in range(0, 100, 7):
            for rule in al.RULES:
                result = al.allocate(available, demands, rule=rule, pack_size=4)
                self.assertLessEqual(sum(a.qty for a in result.values()), available)
                for demand in demands:
                    self.assertLessEqual(result[demand.key].qty, demand.requested)
                    self.assertEqual(result[demand.key].qty % 4 if result[demand.key].reason != "full" else 0, 0)

    def test_result_does_not_depend_on_input_order(self):
        demands = [D("B", 10), D("A", 10), D("C", 10)]
        self.assertEqual(al.allocate(2, demands), al.allocate(2, list(reversed(demands))))
        self.assertEqual(al.allocate(2, demands), {"A": A(1.0, "proportional"), "B": A(1.0, "proportional"),
                                                   "C": A(0.0, "proportional")})  # fmt: skip

    def test_priority_serves_highest_first_and_shares_within_a_level(self):
        demands = [D("A", 10, priority=1), D("B", 10, priority=9), D("C", 10, priority=9)]
        result = al.allocate(16, demands, rule="priority")
        self.assertEqual(result, {"A": A(0.0, "priority"), "B": A(8.0, "priority"), "C": A(8.0, "priority")})
        result = al.allocate(24, demands, rule="priority")
        self.assertEqual(result, {"A": A(4.0, "priority"), "B": A(10.0, "full"), "C": A(10.0, "full")})

    def test_min_first_serves_minimums_then_the_rest(self):
        demands = [D("A", 30, minimum=0), D("B", 10, minimum=8)]
        # proportional would give B 5 of 20; min_first gives B its 8 first, then shares the 12 left
        self.assertEqual(al.allocate(20, demands)["B"], A(5.0, "proportional"))
        result = al.allocate(20, demands, rule="min_first")
        self.assertEqual(result, {"A": A(11.0, "min_first"), "B": A(9.0, "min_first")})

    def test_min_first_when_minimums_exceed_stock(self):
        demands = [D("A", 30, minimum=20), D("B", 10, minimum=10)]
        result = al.allocate(15, demands, rule="min_first")
        self.assertEqual(result, {"A": A(10.0, "min_first"), "B": A(5.0, "min_first")})

    def test_no_stock(self):
        self.assertEqual(al.allocate(-3, [D(1, 5)]), {1: A(0.0, "no_stock")})

    def test_less_than_a_pack_asked_gets_nothing_in_a_shortage(self):
        result = al.allocate(6, [D("A", 4), D("B", 12)], pack_size=6)
        self.assertEqual(result, {"A": A(0.0, "proportional"), "B": A(6.0, "proportional")})

    def test_bad_input_raises(self):
        with self.assertRaises(ValueError):
            al.allocate(5, [D(1, 5)], rule="random")
        with self.assertRaises(ValueError):
            al.allocate(5, [D(1, 5), D(1, 3)])
        with self.assertRaises(ValueError):
            al.allocate(5, [D(1, -5)])
