from odoo.tests import HttpCase, tagged

from .common import ChainStoreCase


@tagged("post_install", "-at_install")
class TestStoreAccessOverHttp(HttpCase, ChainStoreCase):
    """A store manager who logs in to the web client gets only their store's stock."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_store_manager_web_session(self):
        self.manager_a.password = "manager-a-pass"
        self.authenticate(self.manager_a.login, "manager-a-pass")
        quants = self._call(
            "stock.quant", "web_search_read", [("location_id.usage", "=", "internal")],
            specification={"quantity": {}, "warehouse_id": {"fields": {"display_name": {}}}},
        )  # fmt: skip
        warehouses = {row["warehouse_id"]["id"] for row in quants["records"]}
        self.assertEqual(warehouses, {self.wh_a.id})
        self.assertEqual(sum(row["quantity"] for row in quants["records"]), 10)
        stores = self._call("chain.store", "search_read", [], fields=["code"])
        self.assertEqual([s["code"] for s in stores], ["TA01"])
        groups = self._call("chain.store.stock.report", "read_group", [], fields=["quantity:sum"], groupby=["store_id"])
        self.assertEqual([(g["store_id"][0], g["quantity"]) for g in groups], [(self.store_a.id, 10.0)])
