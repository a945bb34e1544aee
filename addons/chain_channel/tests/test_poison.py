# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A poison message (one that makes its batch fail) is set aside; its inbox goes on.

And hostile webhooks (NUL characters, unexpected JSON types, nesting, overlong ids) are answered
without a server error and recorded: refused at the door with a reason, or waiting in *Needs
attention* with one; never a partial order.
"""

import json

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChannelCommon


@tagged("post_install", "-at_install")
class TestChannelPoison(ChannelCommon):
    def _store(self, order_id, sku="SKU-D"):
        """A message stored as the webhook stores it, without its checks (as stored before them,
        or by an adapter that lets anything through): only its processing can find it bad."""
        raw = self._body(order_id=order_id, lines=[{"sku": sku, "qty": 1, "price_unit": 10.0}])
        (message,) = self.channel._adapter().parse_messages(self.channel, {}, raw)
        Message = self.env["chain.channel.message"]
        return Message.browse(Message._chain_insert(self.channel, message, raw.decode())[0])

    def test_a_poison_message_is_set_aside_the_rest_of_its_batch_and_later_batches_go_on(self):
        # PostgreSQL refuses a NUL in a text column: this SKU made the batch's SKU lookup fail, so
        # the job failed, the message stayed first in the inbox and every later batch failed too
        good = self._store("PG1") | self._store("PG2")
        poison = self._store("PX1", sku="SKU-D\x00X")
        good |= self._store("PG3")
        self.channel._chain_run_inbox()
        self.assertEqual(good.mapped("state"), ["done"] * 3)
        self.assertEqual(len(good.sale_order_id), 3)
        self.assertEqual(set(good.sale_order_id.mapped("state")), {"sale"})
        self.assertEqual(poison.state, "attention")
        self.assertTrue(poison.reason)
        self.assertFalse(poison.sale_order_id)
        self.assertFalse(self._orders("PX1"))
        # a later batch of the channel is processed
        later = self._store("PG4") | self._store("PG5")
        self.channel._chain_run_inbox()
        self.assertEqual(later.mapped("state"), ["done"] * 2)
        self.assertEqual(poison.state, "attention")

    def test_a_message_that_fails_its_batch_is_split_off_the_others_become_orders(self):
        # a SKU mapped (by mistake) to another company's product: the batch's create fails
        other = self.env["res.company"].create({"name": "Other company (poison test)"})
        product = self.env["product.product"].create(
            {"name": "Other company's diapers", "is_storable": True, "company_id": other.id}
        )
        self.channel.product_ids = [Command.create({"sku": "SKU-O", "product_id": product.id})]
        good = self._store("PB1") | self._store("PB2")
        poison = self._store("PB3", sku="SKU-O")
        good |= self._store("PB4")
        with mute_logger("odoo.addons.chain_channel.models.chain_channel_message"):
            self.channel._chain_run_inbox()
        self.assertEqual(good.mapped("state"), ["done"] * 3)
        self.assertEqual(set(good.sale_order_id.mapped("state")), {"sale"})
        self.assertIn(poison.state, ("attention", "failed"))  # both are listed in Needs Attention
        self.assertTrue(poison.reason)
        self.assertFalse(self._orders("PB3"))

    def test_a_message_failing_alone_needs_attention_with_its_reason(self):
        poison = self._store("PX2", sku="SKU-W\x00")
        self.channel._chain_run_inbox()
        self.assertEqual(poison.state, "attention")
        self.assertTrue(poison.reason)
        self.assertNotIn("\x00", poison.reason)
        self.assertFalse(self._orders("PX2"))

    def test_a_nul_in_a_sku_or_an_order_id_over_http_is_recorded_not_a_server_error(self):
        cases = {
            "NS1": self._body(order_id="NS1", lines=[{"sku": "SKU-D\x00", "qty": 1, "price_unit": 1.0}]),
            "N\x00S2": self._body(order_id="N\x00S2"),
            "NS3": self._body(order_id="NS3", address={"name": "Li\x00Na", "street": "1 Road", "province": "Shanghai"}),
        }
        for order_id, body in cases.items():
            response = self._post(body)
            self.assertLess(response.status_code, 500, order_id)
        messages = self._messages()
        self.assertEqual(len(messages), 3)
        self.assertEqual(set(messages.mapped("state")), {"attention"})
        self.assertTrue(all(messages.mapped("reason")))
        self.assertFalse(self.env["sale.order"].search([("chain_channel_id", "=", self.channel.id)]))
        # a retry (after a look at the raw body) leaves them waiting with their reason
        messages.action_retry()
        self.assertEqual(set(messages.mapped("state")), {"attention"})
        self.assertTrue(all(messages.mapped("reason")))
        # the inbox goes on: a good message after them becomes an order
        self.assertEqual(self._post(self._body(order_id="NS4")).status_code, 200)
        self.assertEqual(self._orders("NS4").state, "sale")

    def test_a_batch_body_with_a_poison_message_keeps_the_good_ones(self):
        good = json.loads(self._body(order_id="BB1"))
        bad = json.loads(self._body(order_id="BB2", lines=[{"sku": "SKU-W\x00", "qty": 1, "price_unit": 1.0}]))
        other = json.loads(self._body(order_id="BB3"))
        response = self._post(json.dumps({"messages": [good, bad, other]}).encode())
        self.assertEqual(response.status_code, 200)
        self.assertEqual(self._orders("BB1").state, "sale")
        self.assertEqual(self._orders("BB3").state, "sale")
        self.assertFalse(self._orders("BB2"))
        (waiting,) = self._messages().filtered(lambda m: m.state != "done")
        self.assertEqual((waiting.state, waiting.platform_order_id), ("attention", "BB2"))

    def test_unexpected_types_nesting_and_overlong_ids_are_never_a_server_error(self):
        deep = json.loads("[" * 900 + "]" * 900)
        bodies = [
            json.dumps({"event": {"a": 1}, "order_id": "TY1"}),
            json.dumps({"event": "order_paid", "order_id": ["TY2"], "order": {}}),
            json.dumps({"event": "order_paid", "order_id": "TY3", "order": {"lines": {"sku": "SKU-D"}}}),
            json.dumps({"event": "order_paid", "order_id": "TY4", "key": {"k": 1}}),
            json.dumps({"event": "order_paid", "order_id": "TY5", "updated_at": [1, 2]}),
            json.dumps({"messages": [{"event": "order_paid", "order_id": "TY6", "order": 7}]}),
            "[" * 5000 + "]" * 5000,
            json.dumps({"event": "order_paid", "order_id": "TY7", "order": {"deep": deep}}),
            json.dumps({"event": "order_paid", "order_id": "TY8", "key": "K" * 5000}),
            json.dumps({"event": "order_paid", "order_id": 10**40}),
            json.dumps(
                {
                    "event": "order_paid",
                    "order_id": "TY9",
                    "updated_at": "0001-01-01T00:00:00",
                    "order": {
                        "address": {"name": "A", "street": "B", "province": {"x": 1}},
                        "lines": [{"sku": "SKU-D", "qty": 1e308, "price_unit": -0.0}],
                    },
                }
            ),
        ]
        for body in bodies:
            response = self._post(body.encode())
            self.assertLess(response.status_code, 500, body[:80])
        messages = self._messages()
        self.assertFalse(messages.filtered(lambda m: m.state in ("received", "failed")))
        for message in messages.filtered(lambda m: m.state == "attention"):
            self.assertTrue(message.reason)
        orders = self.env["sale.order"].search([("chain_channel_id", "=", self.channel.id)])
        for order in orders:
            message = messages.filtered(lambda m, o=order: m.sale_order_id == o)
            self.assertEqual(len(order.order_line), len(json.loads(message.normalized)["order"]["lines"]))
