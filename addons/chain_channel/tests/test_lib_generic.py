# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import pytest

from odoo.addons.chain_channel.lib import generic
from odoo.addons.chain_channel.lib.errors import ChannelAuthError, ChannelPayloadError, ChannelRateLimited


def _headers(secret, ts, body):
    return {"X-Chain-Timestamp": str(ts), "X-Chain-Signature": generic.sign(secret, ts, body)}


def test_verify_accepts_signed_and_refuses_others():
    body = b'{"event": "order_paid"}'
    generic.verify("s", _headers("s", 1000, body), body, 1010, 300)
    with pytest.raises(ChannelAuthError, match="bad signature"):
        generic.verify("s", _headers("x", 1000, body), body, 1010, 300)
    with pytest.raises(ChannelAuthError, match="bad signature"):
        generic.verify("s", _headers("s", 1000, body), body + b" ", 1010, 300)
    with pytest.raises(ChannelAuthError, match="stale"):
        generic.verify("s", _headers("s", 1000, body), body, 2000, 300)
    with pytest.raises(ChannelAuthError, match="missing"):
        generic.verify("s", {}, body, 1000, 300)
    with pytest.raises(ChannelAuthError, match="no secret"):
        generic.verify("", _headers("", 1000, body), body, 1000, 300)


def test_parse_keys_and_batches():
    [message] = generic.parse(b'{"event": "order_paid", "order_id": "T1", "updated_at": "t"}')
    assert message["key"] == "T1:order_paid:t"
    messages = generic.parse(b'{"messages": [{"event": "order_created", "order_id": 1, "key": "k"}]}')
    assert messages[0]["key"] == "k" and messages[0]["platform_order_id"] == "1"


@pytest.mark.parametrize(
    "raw",
    [
        b"{",
        b"[]",
        b'{"messages": []}',
        b'{"event": "boom", "order_id": "1"}',
        b'{"event": "order_paid"}',
        b'{"event": "order_paid", "order_id": "1", "order": []}',
        b'{"event": {}, "order_id": "1"}',
    ],
)
def test_parse_refuses_unreadable(raw):
    with pytest.raises(ChannelPayloadError):
        generic.parse(raw)


def test_lines_and_address_are_checked():
    assert generic.order_lines({"lines": [{"sku": "A", "qty": 2, "price_unit": 3}]}) == [("A", 2.0, 3.0)]
    for bad in (
        {},
        {"lines": []},
        {"lines": [{"sku": "A", "qty": 0}]},
        {"lines": [{"qty": 1}]},
        {"lines": [{"sku": "A", "qty": True}]},
        {"lines": [{"sku": "A", "qty": 1, "price_unit": -1}]},
    ):
        with pytest.raises(ChannelPayloadError):
            generic.order_lines(bad)
    address = generic.address({"address": {"name": "Li", "street": "1 Rd", "district": "Pudong"}})
    assert address["street"] == "Pudong 1 Rd"
    with pytest.raises(ChannelPayloadError):
        generic.address({"address": {"name": "Li"}})


def test_rate_limited_is_transient_with_retry_after():
    error = ChannelRateLimited("slow down", retry_after="2.5")
    assert error.retry_after == 2.5 and error.reason == "slow down"
