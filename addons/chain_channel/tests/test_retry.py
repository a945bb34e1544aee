# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""A message whose job meets another job's reservation is run again, never marked failed."""

import json
from unittest.mock import patch

from psycopg2 import errors

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import ChannelCommon

# what PostgreSQL answers a REPEATABLE READ transaction that updates a quant another job reserved
# since it began (see test_oversell.py)
COLLIDE = "DO $$ BEGIN RAISE EXCEPTION 'concurrent update' USING ERRCODE = 'serialization_failure'; END $$"


@tagged("post_install", "-at_install")
class TestChannelRetry(ChannelCommon):
    def _message(self, order_id):
        raw = self._body(order_id=order_id)
        (parsed,) = self.channel._adapter().parse_messages(self.channel, {}, raw)
        return self.env["chain.channel.message"].create(
            {
                "channel_id": self.channel.id,
                "key": parsed["key"],
                "event": parsed["event"],
                "platform_order_id": parsed["platform_order_id"],
                "normalized": json.dumps(parsed),
            }
        )

    def test_concurrency_error_is_raised_for_a_retry_and_loses_nothing(self):
        message = self._message("R1")
        Message = type(message)

        def collide(record):
            record.env.cr.execute(COLLIDE)

        with (
            patch.object(Message, "_chain_apply", collide),
            mute_logger("odoo.sql_db"),
            self.assertRaises(errors.SerializationFailure),
        ):
            message._chain_process()
        # the job is retried by queue_job: the message is still to do, no order half-made
        self.assertRecordValues(message, [{"state": "received", "attempts": 0, "sale_order_id": False}])
        self.assertFalse(self._orders("R1"))
        # the retry, in a transaction that sees the other job's reservation
        message._chain_process()
        order = self._orders("R1")
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sale")
        self.assertRecordValues(message, [{"state": "done", "attempts": 1, "sale_order_id": order.id}])

    def test_other_error_marks_the_message_failed_with_its_reason(self):
        message = self._message("R2")

        def broken(record):
            raise ValueError("broken adapter data")

        with (
            patch.object(type(message), "_chain_apply", broken),
            mute_logger("odoo.addons.chain_channel.models.chain_channel_message"),
        ):
            message._chain_process()
        self.assertEqual(message.state, "failed")
        self.assertIn("broken adapter data", message.reason)
        self.assertFalse(self._orders("R2"))
