"""Tests of ``chain_stock_recall.lib.recall_trace``: no database, no ORM.

The module is loaded from its file so that these tests run under plain pytest,
without Odoo on the path.
"""

import doctest
import importlib.util
import pathlib
import unittest

_PATH = pathlib.Path(__file__).resolve().parent.parent / "lib" / "recall_trace.py"
_SPEC = importlib.util.spec_from_file_location("chain_stock_recall_lib_recall_trace", _PATH)
rt = importlib.util.module_from_spec(_SPEC)
_SPEC.loader.exec_module(rt)


def pos(order, partner, store, qty, lot=1):
    return {"pos_order_id": order, "partner_id": partner, "store_id": store, "lot_id": lot, "quantity": qty,
            "date": None}  # fmt: skip


def sale(order, partner, store, qty, lot=1):
    return {"sale_order_id": order, "picking_id": order + 100, "partner_id": partner, "store_id": store,
            "lot_id": lot, "quantity": qty, "date": None}  # fmt: skip


class TestSummarize(unittest.TestCase):
    def test_nothing_sold_is_fully_traced(self):
        summary = rt.summarize([], [], [])
        self.assertEqual(summary["stores"], {})
        self.assertEqual(summary["customers"], [])
        self.assertEqual((summary["sold_qty"], summary["traced_qty"], summary["traced_ratio"]), (0.0, 0.0, 100.0))

    def test_stock_per_store_and_outside_stores(self):
        stock = [
            {"store_id": 1, "quantity": 4.0, "in_quarantine": False},
            {"store_id": 1, "quantity": 2.0, "in_quarantine": True},
            {"store_id": None, "quantity": 50.0, "in_quarantine": False},  # distribution centre
        ]
        summary = rt.summarize(stock, [], [])
        self.assertEqual(summary["stock_qty"], 56.0)
        self.assertEqual(list(summary["stores"]), [1])
        self.assertEqual((summary["stores"][1]["on_hand_qty"], summary["stores"][1]["quarantined_qty"]), (6.0, 2.0))

    def test_buyers_anonymous_sales_and_completeness(self):
        summary = rt.summarize(
            [],
            [pos(10, 7, 1, 2.0), pos(11, None, 1, 1.0), pos(12, None, 1, 1.0, lot=2), pos(13, None, 2, 3.0)],
            [sale(20, 8, 1, 4.0), sale(21, None, None, 1.0)],
        )
        self.assertEqual(
            [(c["source"], c["partner_id"], c.get("pos_order_id"), c.get("sale_order_id"), c["quantity"])
             for c in summary["customers"]],
            [("pos", 7, 10, None, 2.0), ("sale", 8, None, 20, 4.0)],
        )  # fmt: skip
        self.assertEqual(summary["customers"][1]["picking_id"], 120)
        self.assertEqual(
            {store: (t["sold_qty"], t["anonymous_qty"], t["anonymous_order_count"])
             for store, t in summary["stores"].items()},
            {1: (8.0, 2.0, 2), 2: (3.0, 3.0, 1)},
        )  # fmt: skip
        self.assertEqual((summary["sold_qty"], summary["traced_qty"], summary["anonymous_qty"]), (12.0, 6.0, 6.0))
        self.assertEqual(summary["traced_ratio"], 50.0)

    def test_an_order_sold_in_two_lots_counts_once_per_store(self):
        summary = rt.summarize([], [pos(11, None, 1, 1.0, lot=1), pos(11, None, 1, 2.0, lot=2)], [])
        self.assertEqual(summary["stores"][1]["anonymous_order_count"], 1)
        self.assertEqual(summary["stores"][1]["anonymous_qty"], 3.0)

    def test_refunded_and_returned_sales_are_ignored(self):
        summary = rt.summarize([], [pos(10, 7, 1, 0.0), pos(11, None, 1, 0.0)], [sale(20, 8, 1, -1.0)])
        self.assertEqual(summary["customers"], [])
        self.assertEqual(summary["stores"], {})
        self.assertEqual(summary["sold_qty"], 0.0)

    def test_doctests(self):
        self.assertEqual(doctest.testmod(rt).failed, 0)
