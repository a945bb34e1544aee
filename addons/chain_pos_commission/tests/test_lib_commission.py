"""Tests of ``chain_pos_commission.lib.commission``: no database, no ORM."""

import doctest
import unittest

from odoo.addons.chain_pos_commission.lib import commission as lib


class TestCommissionLib(unittest.TestCase):
    def test_doctests(self):
        self.assertEqual(doctest.testmod(lib).failed, 0)

    def test_specificity_order(self):
        """product > brand > formula stage > category (deepest first) > all; then sequence."""
        product = lib.Product(7, 70, "Feihe", "3", {1, 2, 3})
        rules = [
            lib.Rule(1, 1, "all"),
            lib.Rule(2, 1, "category", categ_id=1, categ_depth=1),
            lib.Rule(3, 1, "category", categ_id=3, categ_depth=3),
            lib.Rule(4, 1, "formula_stage", formula_stage="3"),
            lib.Rule(5, 1, "brand", brand="feihe"),
            lib.Rule(6, 1, "product", product_tmpl_id=70),
        ]
        order = []
        while rules:
            winner = lib.resolve(rules, product)
            order.append(winner)
            rules = [r for r in rules if r.id != winner]
        self.assertEqual(order, [6, 5, 4, 3, 2, 1])

    def test_sequence_breaks_ties(self):
        product = lib.Product(7, 70, None, None, {1, 2})
        rules = [lib.Rule(1, 20, "category", categ_id=1, categ_depth=1),
                 lib.Rule(2, 5, "category", categ_id=2, categ_depth=1)]  # fmt: skip
        self.assertEqual(lib.resolve(rules, product), 2)

    def test_refund_earns_negative(self):
        self.assertEqual(lib.earn("sales", 4.0, 0, sales=-300), -12.0)
        self.assertEqual(lib.earn("fixed", 0, 2.0, qty=-3), -6.0)
