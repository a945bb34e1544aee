# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import base64

from odoo import Command, fields
from odoo.exceptions import AccessError
from odoo.tests import JsonRpcException, new_test_user, tagged

from .common import ChannelCommon

BUYER_PHONE = "13800000000"


class ChannelIsolationCase(ChannelCommon):
    """Issue 20: a channel order (and its lines, messages, buyer, chatter) is seen by the store
    that fulfils it, by channel managers and by headquarters; the other stores of the channel
    see nothing of it, and no store changes what the platform sold.

    The order of ``_body()`` ships from store B (the only stock). ``staff_a`` works in store A,
    which fulfils the same channel; ``staff_b`` and ``manager_b`` work in store B."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_b = new_test_user(
            cls.env,
            login="chn_staff_b",
            groups="chain_channel.group_channel_user",
            chain_store_ids=[Command.set(cls.store_b.ids)],
            chain_store_id=cls.store_b.id,
        )
        # a store's staff without the channel group (stock user: Odoo's sale_stock lets them
        # read and write sales orders)
        cls.plain_a = new_test_user(
            cls.env,
            login="chn_plain_a",
            groups="chain_store.group_chain_store_user",
            chain_store_ids=[Command.set(cls.store_a.ids)],
            chain_store_id=cls.store_a.id,
        )
        cls.manager_b = new_test_user(
            cls.env,
            login="chn_manager_b",
            groups="chain_store.group_chain_store_manager",
            chain_store_ids=[Command.set(cls.store_b.ids)],
            chain_store_id=cls.store_b.id,
        )
        cls.channel_manager = new_test_user(
            cls.env, login="chn_channel_manager", groups="chain_channel.group_channel_manager"
        )
        cls.hq = new_test_user(cls.env, login="chn_hq", groups="chain_store.group_chain_manager")
        cls.customer = cls.env["res.partner"].create({"name": "Walk-in customer (test)", "phone": "13900000000"})

    def setUp(self):
        super().setUp()
        self._post(self._body())
        self.order = self._orders()
        self.message = self._messages()
        self.buyer = self.order.partner_id
        self.assertEqual(self.order.warehouse_id, self.store_b.warehouse_id)

    def _store_b_document_records(self):
        """The chatter message, attachment and activity of store B's channel order."""
        message = self.order.message_post(body="Parcel handed to the courier")
        attachment = self.env["ir.attachment"].create(
            {"name": "waybill.txt", "datas": base64.b64encode(b"SF123"), "res_model": "sale.order",
             "res_id": self.order.id}
        )  # fmt: skip
        activity = self.order.activity_schedule(
            "mail.mail_activity_data_todo", date_deadline=fields.Date.today(), user_id=self.staff_b.id
        )
        return message, attachment, activity


@tagged("post_install", "-at_install")
class TestChannelOrderIsolation(ChannelIsolationCase):
    # ------------------------------------------------------------------ read

    def test_the_buyer_is_flagged(self):
        self.assertTrue(self.buyer.chain_channel_buyer)
        self.assertRecordValues(self.buyer, [{"name": "Li Na", "phone": BUYER_PHONE}])
        self.assertIn("1 Century Ave", self.buyer.street)

    def test_other_store_of_the_channel_reads_nothing_of_the_order(self):
        for user in (self.staff_a, self.plain_a):
            with self.subTest(user=user.login):
                env = self.env(user=user)
                self.assertFalse(env["sale.order"].search([("chain_channel_id", "!=", False)]))
                self.assertFalse(env["sale.order.line"].search([("order_id", "=", self.order.id)]))
                if user.has_group("chain_channel.group_channel_user"):
                    self.assertFalse(env["chain.channel.message"].search([]))
                self.assertFalse(env["res.partner"].search([("phone", "=", BUYER_PHONE)]))
                self.assertFalse(env["res.partner"].search([("id", "=", self.buyer.id)]))
                for records, field in (
                    (self.order, "partner_id"),
                    (self.order.order_line, "price_unit"),
                    (self.message, "raw_body"),  # refused by the rules, or by the ACL without the group
                    (self.buyer, "phone"),
                ):
                    with self.assertRaises(AccessError):
                        records.with_user(user).read([field])

    def test_other_store_reads_no_chatter_attachment_nor_activity_of_the_order(self):
        message, attachment, activity = self._store_b_document_records()
        env = self.env(user=self.staff_a)
        self.assertFalse(env["mail.message"].search([("model", "=", "sale.order"), ("res_id", "=", self.order.id)]))
        self.assertFalse(
            env["ir.attachment"].search([("res_model", "=", "sale.order"), ("res_id", "=", self.order.id)])
        )
        self.assertFalse(
            env["mail.activity"].search([("res_model", "=", "sale.order"), ("res_id", "=", self.order.id)])
        )
        for record, field in ((message, "body"), (attachment, "datas"), (activity, "summary")):
            with self.assertRaises(AccessError):
                record.with_user(self.staff_a).read([field])
        # the fulfilling store reads them
        env_b = self.env(user=self.staff_b)
        self.assertIn(
            message, env_b["mail.message"].search([("model", "=", "sale.order"), ("res_id", "=", self.order.id)])
        )
        self.assertEqual(
            env_b["ir.attachment"].search([("res_model", "=", "sale.order"), ("res_id", "=", self.order.id)]),
            attachment,
        )

    def test_fulfilling_store_and_managers_read_the_order_and_its_buyer(self):
        for user in (self.staff_b, self.manager_b, self.channel_manager, self.hq):
            with self.subTest(user=user.login):
                env = self.env(user=user)
                self.assertEqual(env["sale.order"].search([("chain_channel_id", "=", self.channel.id)]), self.order)
                self.assertEqual(
                    env["sale.order.line"].search([("order_id", "=", self.order.id)]), self.order.order_line
                )
                self.assertEqual(self.buyer.with_user(user).read(["name", "phone", "street"])[0]["phone"], BUYER_PHONE)
                self.assertEqual(self.order.picking_ids.with_user(user).partner_id, self.buyer)
        self.assertEqual(self.env["chain.channel.message"].with_user(self.staff_b).search([]), self.message)

    def test_a_store_user_who_is_also_a_salesperson_reads_the_orders_her_store_ships(self):
        """Odoo's "own orders" rule of salespeople (an addon like CRM gives store staff that group)
        does not hide the channel orders a store ships: the store scope is the global rule's."""
        self.staff_b.groups_id = [Command.link(self.env.ref("sales_team.group_sale_salesman").id)]
        env = self.env(user=self.staff_b)
        self.assertEqual(env["sale.order"].search([("chain_channel_id", "=", self.channel.id)]), self.order)
        self.assertEqual(env["sale.order.line"].search([("order_id", "=", self.order.id)]), self.order.order_line)
        self.staff_a.groups_id = [Command.link(self.env.ref("sales_team.group_sale_salesman").id)]
        self.assertFalse(self.env(user=self.staff_a)["sale.order"].search([("chain_channel_id", "=", self.channel.id)]))

    def test_ordinary_partners_stay_visible_to_store_users(self):
        seen = (
            self.env["res.partner"]
            .with_user(self.staff_a)
            .search([("id", "in", (self.customer | self.env.company.partner_id | self.staff_b.partner_id).ids)])
        )
        self.assertEqual(seen, self.customer | self.env.company.partner_id | self.staff_b.partner_id)
        self.assertEqual(self.customer.with_user(self.staff_a).read(["phone"])[0]["phone"], "13900000000")

    def test_a_known_customer_found_by_the_import_is_not_hidden(self):
        known = self.env["res.partner"].create({"name": "Wang Fang", "phone": "13700000000", "street": "2 Nanjing Rd"})
        self.env["sale.order"].create(
            {"partner_id": known.id, "order_line": [Command.create({"product_id": self.wipes.id})]}
        )
        address = {"name": "Wang Fang", "phone": "13700000000", "province": "Shanghai", "city": "Shanghai",
                   "street": "2 Nanjing Rd"}  # fmt: skip
        self._post(self._body(order_id="T2", address=address))
        self.assertEqual(self._orders("T2").partner_id, known)
        self.assertFalse(known.chain_channel_buyer)
        self.assertEqual(self.env["res.partner"].with_user(self.staff_a).search([("id", "=", known.id)]), known)

    # ------------------------------------------------------------------ write

    def test_other_store_cannot_write_the_order(self):
        for user in (self.staff_a, self.plain_a):
            with self.subTest(user=user.login):
                with self.assertRaises(AccessError):
                    self.order.with_user(user).write({"client_order_ref": "hijacked"})
                with self.assertRaises(AccessError):
                    self.order.order_line.with_user(user).write({"price_unit": 1.0})
                with self.assertRaises(AccessError):
                    self.order.with_user(user).message_post(body="hello")
        self.assertEqual(self.order.client_order_ref, "T1")

    def test_fulfilling_store_ships_but_does_not_change_what_was_sold(self):
        order = self.order.with_user(self.staff_b)
        for vals in ({"partner_id": self.customer.id}, {"client_order_ref": "X"}, {"note": "changed"},
                     {"chain_channel_id": False}):  # fmt: skip
            with self.subTest(vals=vals), self.assertRaises(AccessError):
                order.write(vals)
        with self.assertRaises(AccessError):
            order.order_line.write({"price_unit": 1.0, "product_uom_qty": 99})
        with self.assertRaises(AccessError):
            # without the context, Odoo first opens its cancellation wizard, which then does this
            order.with_context(disable_cancel_warning=True).action_cancel()
        with self.assertRaises(AccessError):
            self.env["sale.order.line"].with_user(self.manager_b).create(
                {"order_id": self.order.id, "product_id": self.wipes.id}
            )
        self.assertRecordValues(self.order, [{"state": "sale", "partner_id": self.buyer.id, "amount_untaxed": 178.0}])
        # its chatter and activities are the store's to use
        order.message_post(body="Parcel handed to the courier")
        order.activity_schedule("mail.mail_activity_data_todo", user_id=self.staff_b.id)
        # the managers of the channel do change it
        self.order.with_user(self.channel_manager).write({"note": "gift wrap"})
        self.order.with_user(self.hq).write({"client_order_ref": "T1-checked"})

    def test_fulfilling_store_validates_the_delivery(self):
        """Shipping goes through Odoo's own flow (the delivered quantities of the lines are
        computed, not written by the store user)."""
        picking = self.order.picking_ids.with_user(self.staff_b)
        self.assertEqual(picking.state, "assigned")
        picking.move_ids.picked = True
        self.assertIs(picking.button_validate(), True)
        self.assertEqual(picking.state, "done")
        self.assertEqual(self.order.order_line.qty_delivered, 2.0)

    def test_nobody_but_the_import_makes_or_unflags_channel_buyers(self):
        with self.assertRaises(AccessError):
            self.buyer.with_user(self.manager_b).write({"chain_channel_buyer": False})
        with self.assertRaises(AccessError):
            self.env["sale.order"].with_user(self.manager_b).create(
                {"partner_id": self.customer.id, "chain_channel_id": self.channel.id}
            )
        self.assertTrue(self.buyer.chain_channel_buyer)


@tagged("post_install", "-at_install")
class TestChannelOrderIsolationOverRpc(ChannelIsolationCase):
    """The same, as an external client: a web session of the store user and /web/dataset/call_kw."""

    def _call(self, model, method, *args, **kwargs):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )

    def test_rpc_store_user_of_another_store(self):
        self._store_b_document_records()
        self.authenticate(self.staff_a.login, self.staff_a.login)
        self.assertEqual(
            self._call("sale.order", "search_read", [("chain_channel_id", "!=", False)], fields=["name"]), []
        )
        self.assertEqual(
            self._call("sale.order.line", "search_read", [("order_id", "=", self.order.id)], fields=["price_unit"]), []
        )
        self.assertEqual(
            self._call("res.partner", "search_read", [("phone", "=", BUYER_PHONE)], fields=["name", "street"]), []
        )
        self.assertEqual(self._call("chain.channel.message", "search_read", [], fields=["raw_body"]), [])
        for model, res_field in (
            ("mail.message", "model"),
            ("ir.attachment", "res_model"),
            ("mail.activity", "res_model"),
        ):
            domain = [(res_field, "=", "sale.order"), ("res_id", "=", self.order.id)]
            self.assertEqual(self._call(model, "search_read", domain, fields=["id"]), [], model)
        for model, ids, field in (
            ("sale.order", self.order.ids, "partner_shipping_id"),
            ("res.partner", self.buyer.ids, "phone"),
            ("chain.channel.message", self.message.ids, "normalized"),
        ):
            with self.assertRaises(JsonRpcException, msg=model):
                self._call(model, "read", ids, [field])
        with self.assertRaises(JsonRpcException):
            self._call("sale.order", "write", self.order.ids, {"client_order_ref": "hijacked"})
        self.assertEqual(self.order.client_order_ref, "T1")

    def test_rpc_fulfilling_store_user(self):
        self.authenticate(self.staff_b.login, self.staff_b.login)
        rows = self._call("sale.order", "search_read", [("chain_channel_id", "!=", False)], fields=["partner_id"])
        self.assertEqual([row["id"] for row in rows], self.order.ids)
        buyer = self._call("res.partner", "read", self.buyer.ids, ["phone"])
        self.assertEqual(buyer[0]["phone"], BUYER_PHONE)
        with self.assertRaises(JsonRpcException):
            self._call("sale.order.line", "write", self.order.order_line.ids, {"price_unit": 1.0})
        with self.assertRaises(JsonRpcException):
            self._call("res.partner", "write", self.buyer.ids, {"chain_channel_buyer": False})
