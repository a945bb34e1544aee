from odoo.tests import tagged

from .common import ChainPosMemberCase


@tagged("post_install", "-at_install")
class TestMemberLookup(ChainPosMemberCase):
    """The till finds members on the server, by exact mobile, member code or QR code."""

    def test_lookup_own_store_member_in_full(self):
        session = self.session_a.with_user(self.cashier_a)
        for query in ("138 1234 5678", "+8613812345678", self.member_a.code):
            [found] = session.chain_member_lookup(query)
            self.assertEqual(
                {key: found[key] for key in ("id", "name", "mobile", "full", "points_balance", "partner_id", "qr")},
                {
                    "id": self.member_a.id,
                    "name": "王小红",
                    "mobile": "+8613812345678",
                    "full": True,
                    "points_balance": 1000,
                    "partner_id": self.member_a.partner_id.id,
                    "qr": False,
                },
            )
            self.assertEqual(found["card_points"], 1000, "the loyalty card shows the ledger balance")
        self.assertEqual(session.chain_member_lookup("138 1234"), [], "a partial number finds nothing")

    def test_other_store_member_masked(self):
        [found] = self.session_a.with_user(self.cashier_a).chain_member_lookup("13900001111")
        self.assertEqual((found["name"], found["mobile"], found["full"]), ("李*", "139****1111", False))
        self.assertEqual(found["followups"], [])
        self.assertTrue(all(not baby["name"] for baby in found["babies"]))

    def test_babies_and_followups_when_installed(self):
        if "chain.member.baby" not in self.env:
            self.skipTest("baby profiles not installed")
        Baby = self.env["chain.member.baby"]
        vals = {"member_id": self.member_a.id, "name": "Doudou"}
        if "birth_date" in Baby._fields:
            vals["birth_date"] = "2025-12-01"
        Baby.create(vals)
        [found] = self.session_a.with_user(self.cashier_a).chain_member_lookup(self.member_a.code)
        self.assertEqual([baby["name"] for baby in found["babies"]], ["Doudou"])
        self.assertIn("formula_stage", found["babies"][0])

    def test_pos_start_loads_no_member(self):
        data = self.session_a.with_user(self.cashier_a).load_data([])
        self.assertNotIn("chain.member", data)
        self.assertEqual(
            data["pos.session"]["data"][0]["_chain_member"],
            {"redeem_product_id": self.redeem_product.id, "points_per_unit": 100, "code_digits": 6},
        )
        program = self.env["loyalty.program"]._chain_member_program(self.env.company)
        self.assertIn(program.id, [row["id"] for row in data["loyalty.program"]["data"]])
        self.assertFalse(
            [card for card in data["loyalty.card"]["data"] if card["program_id"] == program.id],
            "members' cards are fetched one by one, never loaded at start-up",
        )
        self.assertIn(self.redeem_product.id, [row["id"] for row in data["product.product"]["data"]])
