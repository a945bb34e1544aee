from odoo import Command
from odoo.exceptions import AccessError
from odoo.tests import HttpCase, JsonRpcException, tagged

from .common import ChainReplenishCase


@tagged("post_install", "-at_install")
class TestAccess(ChainReplenishCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._sales(cls.store_a, cls.product, [2] * 28)
        cls._sales(cls.store_b, cls.wipes, [1] * 28)
        cls.suggestions = cls.env["chain.replenish.suggestion"]._chain_compute_suggestions(
            cls.store_a | cls.store_b, today=cls.today
        )
        cls.suggestion_a = cls.suggestions.filtered(lambda s: s.store_id == cls.store_a)
        cls.order_a = cls._requisition(cls.store_a, [(cls.product, 12)], user=cls.staff_a)

    def test_store_user_sees_own_suggestions_only(self):
        seen = self.env["chain.replenish.suggestion"].with_user(self.staff_b).search([])
        self.assertEqual(seen.store_id, self.store_b)
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).read(["qty"])
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).write({"qty": 6})
        self.assertEqual(self.env["chain.replenish.suggestion"].with_user(self.staff_a).search([]), self.suggestion_a)

    def test_store_user_cannot_create_suggestions_for_another_store(self):
        with self.assertRaises(AccessError):
            self.env["chain.replenish.suggestion"].with_user(self.staff_b).create(
                {"store_id": self.store_a.id, "product_id": self.product.id}
            )

    def test_store_user_cannot_submit_another_stores_suggestions(self):
        with self.assertRaises(AccessError):
            self.suggestion_a.with_user(self.staff_b).action_submit()
        self.assertEqual(self.suggestion_a.state, "draft")

    def test_store_user_sees_own_requisitions_only(self):
        Order = self.env["stock.request.order"]
        self.assertEqual(Order.with_user(self.staff_a).search([]), self.order_a)
        self.assertFalse(Order.with_user(self.staff_b).search([]))
        with self.assertRaises(AccessError):
            self.order_a.with_user(self.staff_b).read(["name"])
        with self.assertRaises(AccessError):
            self.order_a.stock_request_ids.with_user(self.staff_b).read(["product_uom_qty"])

    def test_store_user_cannot_create_a_requisition_for_another_store(self):
        with self.assertRaises(AccessError):
            self.env["stock.request.order"].with_user(self.staff_b).create(
                {
                    "warehouse_id": self.wh_a.id,
                    "location_id": self.wh_a.lot_stock_id.id,
                    "stock_request_ids": [
                        Command.create(
                            {"product_id": self.product.id, "product_uom_id": self.product.uom_id.id,
                             "product_uom_qty": 6, "warehouse_id": self.wh_a.id,
                             "location_id": self.wh_a.lot_stock_id.id}
                        )
                    ],
                }
            )  # fmt: skip

    def test_region_manager_sees_region_requisitions_and_hq_all(self):
        order_b = self._requisition(self.store_b, [(self.wipes, 3)])
        Order = self.env["stock.request.order"]
        self.assertEqual(Order.with_user(self.region_manager).search([]), self.order_a)
        self.assertEqual(Order.with_user(self.chain_manager).search([]), self.order_a | order_b)

    def test_store_user_sees_own_allocation_lines_only(self):
        self._stock_dc(self.product, 100)
        allocation = self.env["chain.replenish.allocation"].with_user(self.chain_manager).create({"dc_id": self.dc.id})
        allocation.action_load_requests()
        allocation.write(
            {"line_ids": [Command.create({"store_id": self.store_b.id, "product_id": self.wipes.id,
                                          "requested_qty": 5})]}
        )  # fmt: skip
        Line = self.env["chain.replenish.allocation.line"]
        self.assertEqual(Line.with_user(self.staff_a).search([]).store_id, self.store_a)
        self.assertEqual(Line.with_user(self.staff_b).search([]).store_id, self.store_b)
        with self.assertRaises(AccessError):
            allocation.line_ids.filtered(lambda line: line.store_id == self.store_a).with_user(self.staff_b).read(
                ["allocated_qty"]
            )
        other = self.env["chain.replenish.allocation"].create({"dc_id": self.dc.id})
        with self.assertRaises(AccessError):
            other.with_user(self.staff_b).read(["name"])


@tagged("post_install", "-at_install")
class TestAllocationRegionScope(ChainReplenishCase):
    """Issue 20: DC allocations (配货) are scoped like the stores they serve. ``region_manager``
    manages Shanghai (store A); store B is in Zhejiang. ``shared`` serves A and B, ``only_b`` B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._stock_dc(cls.product, 100)
        Allocation = cls.env["chain.replenish.allocation"]
        cls.shared = Allocation.create(
            {"dc_id": cls.dc.id, "origin": "push", "line_ids": [
                Command.create({"store_id": cls.store_a.id, "product_id": cls.product.id, "requested_qty": 6}),
                Command.create({"store_id": cls.store_b.id, "product_id": cls.product.id, "requested_qty": 30}),
            ]}
        )  # fmt: skip
        cls.only_b = Allocation.create(
            {"dc_id": cls.dc.id, "origin": "push", "line_ids": [
                Command.create({"store_id": cls.store_b.id, "product_id": cls.wipes.id, "requested_qty": 12}),
            ]}
        )  # fmt: skip
        cls.line_a = cls.shared.line_ids.filtered(lambda line: line.store_id == cls.store_a)
        cls.line_b = cls.shared.line_ids.filtered(lambda line: line.store_id == cls.store_b)
        cls.dc_staff = cls._user("t_dc_staff", "chain_store.group_chain_store_user", cls.dc)

    def test_region_manager_sees_the_lines_of_their_regions_only(self):
        env = self.env(user=self.region_manager)
        self.assertEqual(env["chain.replenish.allocation"].search([]), self.shared)
        self.assertEqual(env["chain.replenish.allocation.line"].search([]), self.line_a)
        form = self.shared.with_user(self.region_manager).web_read({"line_ids": {"fields": {"requested_qty": {}}}})
        self.assertEqual([line["id"] for line in form[0]["line_ids"]], self.line_a.ids)
        with self.assertRaises(AccessError):
            self.only_b.with_user(self.region_manager).read(["name"])
        with self.assertRaises(AccessError):
            self.line_b.with_user(self.region_manager).read(["requested_qty"])
        # the totals are those of the lines they see: no other region's figures
        self.shared.invalidate_recordset(["requested_qty", "allocated_qty"])
        self.assertEqual(self.shared.with_user(self.region_manager).read(["requested_qty"])[0]["requested_qty"], 6.0)
        self.shared.invalidate_recordset(["requested_qty", "allocated_qty"])
        self.assertEqual(self.shared.read(["requested_qty"])[0]["requested_qty"], 36.0)

    def test_region_manager_cannot_act_for_other_regions(self):
        shared = self.shared.with_user(self.region_manager)
        for action in (
            shared.action_allocate,
            shared.action_cancel,
            shared.unlink,
            lambda: shared.write({"note": "x"}),
        ):
            with self.assertRaises(AccessError):
                action()
        with self.assertRaises(AccessError):
            self.line_b.with_user(self.region_manager).write({"allocated_qty": 0})
        self.assertRecordValues(self.shared, [{"state": "draft", "note": False}])
        self.assertFalse(self.shared.line_ids.filtered("cut_reason"))

    def test_chain_manager_and_dc_see_everything(self):
        for user in (self.chain_manager, self.dc_staff):
            with self.subTest(user=user.login):
                env = self.env(user=user)
                self.assertEqual(env["chain.replenish.allocation"].search([]), self.shared | self.only_b)
                self.assertEqual(
                    env["chain.replenish.allocation.line"].search([]), self.shared.line_ids | self.only_b.line_ids
                )
        self.shared.with_user(self.chain_manager).action_allocate()

    def test_store_users_see_their_stores_lines_only(self):
        env = self.env(user=self.staff_a)
        self.assertEqual(env["chain.replenish.allocation"].search([]), self.shared)
        self.assertEqual(env["chain.replenish.allocation.line"].search([]), self.line_a)
        self.assertFalse(
            self.env(user=self.manager_a)["chain.replenish.allocation.line"].search(
                [("store_id", "=", self.store_b.id)]
            )
        )

    def test_store_user_reads_no_chatter_of_another_stores_documents(self):
        """Messages, attachments and activities of store B's allocation and requisition."""
        order_b = self._requisition(self.store_b, [(self.wipes, 3)])
        targets = []
        for record in (self.only_b, order_b):
            message = record.message_post(body="For store B only")
            attachment = self.env["ir.attachment"].create(
                {"name": "b.txt", "raw": b"B", "res_model": record._name, "res_id": record.id}
            )
            activity = record.activity_schedule("mail.mail_activity_data_todo", user_id=self.staff_b.id)
            targets.append((record, message, attachment, activity))
        for user in (self.staff_a, self.manager_a, self.region_manager):
            env = self.env(user=user)
            for record, message, attachment, activity in targets:
                with self.subTest(user=user.login, model=record._name):
                    domain = [("res_id", "=", record.id)]
                    self.assertFalse(env["mail.message"].search([("model", "=", record._name), *domain]))
                    self.assertFalse(env["ir.attachment"].search([("res_model", "=", record._name), *domain]))
                    self.assertFalse(env["mail.activity"].search([("res_model", "=", record._name), *domain]))
                    for rec, field in ((record, "display_name"), (message, "body"), (attachment, "datas"),
                                       (activity, "summary")):  # fmt: skip
                        with self.assertRaises(AccessError):
                            rec.with_user(user).read([field])


@tagged("post_install", "-at_install")
class TestAllocationAccessOverRpc(HttpCase, ChainReplenishCase):
    """A region manager and a store user as external clients (/web/dataset/call_kw)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Allocation = cls.env["chain.replenish.allocation"]
        cls.shared = Allocation.create(
            {"dc_id": cls.dc.id, "origin": "push", "line_ids": [
                Command.create({"store_id": cls.store_a.id, "product_id": cls.product.id, "requested_qty": 6}),
                Command.create({"store_id": cls.store_b.id, "product_id": cls.product.id, "requested_qty": 30}),
            ]}
        )  # fmt: skip
        cls.only_b = Allocation.create(
            {"dc_id": cls.dc.id, "origin": "push", "line_ids": [
                Command.create({"store_id": cls.store_b.id, "product_id": cls.wipes.id, "requested_qty": 12}),
            ]}
        )  # fmt: skip
        cls.only_b.message_post(body="For store B only")
        cls.env["ir.attachment"].create(
            {"name": "b.txt", "raw": b"B", "res_model": cls.only_b._name, "res_id": cls.only_b.id}
        )
        cls.only_b.activity_schedule("mail.mail_activity_data_todo", user_id=cls.staff_b.id)

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_rpc_region_manager(self):
        self.authenticate(self.region_manager.login, self.region_manager.login)
        rows = self._call("chain.replenish.allocation", "search_read", [], fields=["requested_qty"])
        self.assertEqual([(row["id"], row["requested_qty"]) for row in rows], [(self.shared.id, 6.0)])
        lines = self._call("chain.replenish.allocation.line", "search_read", [], fields=["store_id"])
        self.assertEqual({row["store_id"][0] for row in lines}, {self.store_a.id})
        groups = self._call(
            "chain.replenish.allocation.line", "read_group", [], fields=["requested_qty:sum"], groupby=["store_id"]
        )
        self.assertEqual([(g["store_id"][0], g["requested_qty"]) for g in groups], [(self.store_a.id, 6.0)])
        # the form of the shared allocation opens with their lines only
        form = self._call(
            "chain.replenish.allocation", "web_read", self.shared.ids,
            specification={"requested_qty": {}, "line_ids": {"fields": {"store_id": {}, "requested_qty": {}}}},
        )  # fmt: skip
        self.assertEqual(form[0]["requested_qty"], 6.0)
        self.assertEqual([line["store_id"] for line in form[0]["line_ids"]], [self.store_a.id])
        with self.assertRaises(JsonRpcException):
            self._call("chain.replenish.allocation", "read", self.only_b.ids, ["name"])
        with self.assertRaises(JsonRpcException):
            self._call("chain.replenish.allocation", "action_allocate", self.shared.ids)

    def test_rpc_store_user_reads_nothing_of_store_b(self):
        self.authenticate(self.staff_a.login, self.staff_a.login)
        self.assertEqual(
            self._call("chain.replenish.allocation.line", "search_read", [("store_id", "=", self.store_b.id)],
                       fields=["requested_qty"]),
            [],
        )  # fmt: skip
        for model, res_field in (
            ("mail.message", "model"),
            ("ir.attachment", "res_model"),
            ("mail.activity", "res_model"),
        ):
            domain = [(res_field, "=", "chain.replenish.allocation"), ("res_id", "=", self.only_b.id)]
            self.assertEqual(self._call(model, "search_read", domain, fields=["id"]), [], model)
