from odoo.tests import tagged
from odoo.tests.common import JsonRpcException

from .common import ChainMemberHttpCase


@tagged("post_install", "-at_install")
class TestMemberOverHttp(ChainMemberHttpCase):
    """What store staff get through the web client's JSON-RPC, as any client would call it."""

    def test_lookup_masked_and_details_refused(self):
        [found] = self._call("chain.member", "chain_find_member", "13900001111")
        self.assertEqual((found["mobile"], found["name"], found["full"]), ("139****1111", "李*", False))
        members = self._call("chain.member", "search_read", [], fields=["mobile"])
        self.assertEqual([m["id"] for m in members], [self.member_a.id])
        with self.assertRaises(JsonRpcException) as caught:
            self._call("chain.member", "read", [self.member_b.id], fields=["mobile"])
        self.assertIn("AccessError", str(caught.exception))

    def test_manual_adjustment_refused_to_store_staff(self):
        with self.assertRaises(JsonRpcException) as caught:
            self._call("chain.member", "action_adjust_points", [self.member_a.id], 500, "Gift")
        self.assertIn("AccessError", str(caught.exception))
        with self.assertRaises(JsonRpcException):
            self._call("chain.member", "write", [self.member_a.id], {"points_balance": 500})
        self.member_a.invalidate_recordset()
        self.assertEqual(self.member_a.points_balance, 0)
