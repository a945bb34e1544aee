import json
import math
import os
from datetime import timedelta
from unittest.mock import patch

from odoo import fields
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.chain_channel_youzan.lib.simulator import CUSTOMER_TYPE, open_id_of
from odoo.addons.chain_channel_youzan.tests.common import YouzanCommon

CONTROLLER_LOGGER = "odoo.addons.chain_channel.controllers.main"


@tagged("post_install", "-at_install")
class TestYouzanMembers(YouzanCommon):
    """The simulator's trades and customer messages, pushed over real HTTP to the webhook:
    Youzan orders attach to members by ``yz_open_id``, then by mobile; customer messages link
    a ``yz_open_id`` to the member with the customer's mobile, and never enrol anybody.

    Wang holds the Youzan identity ``yzWang`` (mobile 138 1234 5678), Li has none (mobile
    139 0000 1111); points: 1 per yuan."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._store_with_two_skus("YZ-M", "members test")
        cls.env.company.write({"chain_member_points_rate": 1.0, "chain_member_allow_negative_points": False})
        Member = cls.env["chain.member"]
        cls.wang = Member.create({"name": "王小红", "mobile": "138 1234 5678", "home_store_id": cls.store.id})
        cls.li = Member.create({"name": "李娜", "mobile": "139 0000 1111", "home_store_id": cls.store.id})
        cls.env["chain.member.identity"].create(
            {"member_id": cls.wang.id, "source": "youzan_open_id", "external_id": "yzWang"}
        )

    def setUp(self):
        super().setUp()
        # run the queued jobs at once, in the request (queue_job's documented switch)
        env_patch = patch.dict(os.environ, {"QUEUE_JOB__NO_DELAY": "1"})
        env_patch.start()
        self.addCleanup(env_patch.stop)

    def _url(self):
        return f"{self.base_url()}/chain_channel/{self.channel.id}/webhook"

    def _push_order(self, buyer):
        tid = self.sim.create_order([(36001, 1, 89.0), (36002, 2, 45.5)], buyer=buyer)
        [(status, _body)] = self.sim.push(self._url(), tid)
        self.assertEqual(status, 200)
        self.env.invalidate_all()  # written by the webhook's request
        return self.env["sale.order"].search(
            [("chain_channel_id", "=", self.channel.id), ("chain_platform_order_id", "=", tid)]
        )

    def _push_customer(self, open_id, mobile, status=200, **kwargs):
        answer, _body = self.sim.push_customer(self._url(), open_id, mobile, **kwargs)
        self.assertEqual(answer, status)
        self.env.invalidate_all()

    def _customer_messages(self, open_id):
        return self.env["chain.channel.message"].search(
            [("channel_id", "=", self.channel.id), ("key", "=like", f"customer:{open_id}:%")]
        )

    def _identities(self, member):
        return self.env["chain.member.identity"].search([("member_id", "=", member.id)])

    # ------------------------------------------------------------------ orders
    def test_order_attaches_to_the_member_of_its_yz_open_id(self):
        # another phone than Wang's: her Youzan account decides
        order = self._push_order({"yz_open_id": "yzWang", "buyer_phone": "13700000000", "buyer_name": "小红"})
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.partner_id, self.wang.partner_id)
        self.assertNotEqual(order.partner_shipping_id, self.wang.partner_id)  # the buyer's address stays

    def test_order_of_an_unknown_account_attaches_by_mobile(self):
        order = self._push_order({"yz_open_id": "yzSomebody", "buyer_phone": "13900001111"})
        self.assertEqual(order.partner_id, self.li.partner_id)

    def test_order_of_a_buyer_who_is_no_member(self):
        order = self._push_order(None)  # the simulator's default buyer, 138 0013 8000
        self.assertTrue(order)
        self.assertNotIn(order.partner_id, (self.wang | self.li).partner_id)
        self.assertFalse(self.env["chain.member"].search([("mobile", "like", "13800138000")]))

    def test_members_shipped_youzan_order_earns_points(self):
        order = self._push_order({"yz_open_id": "yzWang", "buyer_phone": "13700000000"})
        picking = order.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        picking.move_ids.picked = True
        picking._action_done()
        lines = self.env["chain.member.points.line"].search([("member_id", "=", self.wang.id)])
        self.assertEqual(sum(lines.mapped("points")), math.floor(order.amount_total + 1e-9))
        self.assertEqual(lines.sale_order_id, order)

    # ------------------------------------------------------------------ customer messages
    def test_customer_message_links_the_account_to_the_member_of_its_mobile(self):
        self._push_customer("yzLi", "13900001111", event="CUSTOMER_UPDATED", name="李娜")
        message = self._customer_messages("yzLi")
        self.assertRecordValues(message, [{"state": "done", "event": "member_updated"}])
        self.assertIn(self.li.code, message.reason)
        self.assertRecordValues(self._identities(self.li), [{"source": "youzan_open_id", "external_id": "yzLi"}])
        # her next order goes to her, whatever phone she gives
        order = self._push_order({"yz_open_id": "yzLi", "buyer_phone": "13700000000"})
        self.assertEqual(order.partner_id, self.li.partner_id)
        # Youzan delivers the same message again: stored once, nothing more linked
        headers, raw = self.sim.customer_message("yzLi", "13900001111", updated=self._moment_of(message))
        for _i in range(2):
            self.assertEqual(self.sim.deliver(self._url(), headers, raw)[0], 200)
        self.assertEqual(len(self._customer_messages("yzLi")), 1)
        self.assertEqual(len(self._identities(self.li)), 1)

    def _moment_of(self, message):
        millis = int(message.key.rsplit(":", 1)[1])
        return fields.Datetime.from_string("1970-01-01 00:00:00") + timedelta(milliseconds=millis)

    def test_account_of_one_member_with_the_mobile_of_another_needs_attention(self):
        self._push_customer("yzWang", "13900001111")
        message = self._customer_messages("yzWang")
        self.assertEqual(message.state, "attention")
        self.assertIn(self.wang.code, message.reason)
        self.assertIn(self.li.code, message.reason)
        # nothing moved
        self.assertEqual(self._identities(self.wang).external_id, "yzWang")
        self.assertFalse(self._identities(self.li))

    def test_customer_of_an_unknown_mobile_records_nothing(self):
        members = self.env["chain.member"].search_count([])
        identities = self.env["chain.member.identity"].search_count([])
        self._push_customer(open_id_of("13700000000"), "13700000000", event="CUSTOMER_CREATED")
        message = self._customer_messages(open_id_of("13700000000"))
        self.assertEqual(message.state, "done")
        self.assertEqual(self.env["chain.member"].search_count([]), members)
        self.assertEqual(self.env["chain.member.identity"].search_count([]), identities)

    def test_other_customer_events_are_acknowledged_and_dropped(self):
        self._push_customer("yzLi", "13900001111", event="CUSTOMER_DELETED")
        self.assertFalse(self._customer_messages("yzLi"))
        self.assertFalse(self._identities(self.li))

    @mute_logger(CONTROLLER_LOGGER)
    def test_forged_stale_or_unreadable_customer_messages_are_refused(self):
        self._push_customer("yzLi", "13900001111", status=401, sign=False)
        stale = fields.Datetime.now() - timedelta(hours=2)
        self._push_customer("yzLi", "13900001111", status=401, updated=stale)
        _headers, raw = self.sim.customer_message("yzLi", "13900001111")
        body = json.loads(raw)
        body["msg"] = "%7Bnot%20json"
        headers, raw = self.sim.signed(CUSTOMER_TYPE, body)
        self.assertEqual(self.sim.deliver(self._url(), headers, raw)[0], 400)
        self.assertFalse(self._customer_messages("yzLi"))
        self.assertFalse(self._identities(self.li))
