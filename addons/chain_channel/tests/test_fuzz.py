# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from odoo.tests import tagged

from ..lib.errors import ChannelPayloadError
from .common import ChannelCommon

TEXT = st.one_of(st.none(), st.text(max_size=6), st.integers(-3, 3), st.booleans())
NUMBER = st.one_of(st.none(), st.integers(-2, 5), st.floats(allow_nan=True, allow_infinity=True), st.text(max_size=3))
LINE = st.one_of(
    TEXT,
    st.fixed_dictionaries(
        {"sku": st.one_of(st.sampled_from(["SKU-D", "SKU-W", "X"]), TEXT), "qty": NUMBER, "price_unit": NUMBER}
    ),
)
ADDRESS = st.one_of(
    TEXT, st.fixed_dictionaries({"name": TEXT, "street": TEXT, "province": TEXT, "city": TEXT, "phone": TEXT})
)
ORDER = st.one_of(
    TEXT, st.fixed_dictionaries({"lines": st.one_of(TEXT, st.lists(LINE, max_size=3)), "address": ADDRESS})
)
MESSAGE = st.fixed_dictionaries(
    {
        "event": st.sampled_from(["order_created", "order_paid", "order_cancelled", "refund_requested", "bogus"]),
        "order_id": st.sampled_from(["F1", "F2", "F3", "", "F4"]),
        "updated_at": TEXT,
        "order": ORDER,
    }
)


@tagged("post_install", "-at_install")
class TestChannelFuzz(ChannelCommon):
    def test_fuzz_parse_and_process_never_crash(self):
        adapter = self.channel._adapter()
        Message = self.env["chain.channel.message"]
        seen = {"parsed": 0, "refused": 0}

        @settings(
            max_examples=1000, derandomize=True, deadline=None, database=None, suppress_health_check=list(HealthCheck)
        )
        @given(payload=st.one_of(MESSAGE, TEXT, st.fixed_dictionaries({"messages": st.lists(MESSAGE, max_size=2)})))
        def run(payload):
            raw = json.dumps(payload).encode()
            try:
                messages = adapter.parse_messages(self.channel, {}, raw)
            except ChannelPayloadError as error:
                self.assertTrue(error.reason)
                seen["refused"] += 1
                return
            seen["parsed"] += 1
            for message in messages:
                message["key"] = f"fuzz-{seen['parsed']}-{message['key']}"
            records = Message.with_context(queue_job__no_delay=True)._chain_ingest(self.channel, messages, raw)
            for record in records:
                self.assertIn(record.state, ("done", "attention"), record.reason)
                if record.state == "attention":
                    self.assertTrue(record.reason)

        run()
        self.assertEqual(seen["parsed"] + seen["refused"], 1000)
        self.assertGreater(seen["parsed"], 100)
        self.assertFalse(Message.search([("state", "in", ("failed", "received"))]))
