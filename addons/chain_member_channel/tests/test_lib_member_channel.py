import doctest
import json

from odoo.addons.chain_member.lib import member
from odoo.addons.chain_member_channel.lib import member_channel


def _norm(number):
    return member.normalize_mobile(number)


def test_doctests():
    assert doctest.testmod(member_channel).failed == 0


def test_buyer_keys_never_use_the_name():
    assert member_channel.buyer_keys({"buyer": {"name": "王小红"}}, _norm) == (None, None)
    assert member_channel.buyer_keys({"buyer": {"open_id": ["x"], "phone": "+1 415 555 0100"}}, _norm) == (None, None)
    assert member_channel.buyer_keys({"buyer": {"open_id": " wx1 ", "phone": "138-1234-5678"}}, _norm) == (
        "wx1",
        "+8613812345678",
    )


def test_member_update_outcomes():
    assert member_channel.member_update("wx", None, 3) == member_channel.LINK
    assert member_channel.member_update("wx", 3, None) == member_channel.LINKED
    assert member_channel.member_update("wx", 3, 4) == member_channel.CONFLICT
    assert member_channel.member_update("wx", None, None) == member_channel.NO_MEMBER
    assert member_channel.member_update("", 3, 3) == member_channel.NO_OPEN_ID


def test_split_keeps_the_order_messages_in_their_order():
    body = {
        "messages": [
            {"event": "order_paid", "order_id": "T1"},
            {"event": "member_updated", "member": {"open_id": "wx", "mobile": "13800000000"}, "updated_at": "U"},
            "garbage",
            {"event": "order_cancelled", "order_id": "T1"},
        ]
    }
    members, rest = member_channel.split_member_messages(json.dumps(body))
    assert [(m["key"], m["member"]["open_id"]) for m in members] == [("member:wx:U", "wx")]
    assert json.loads(rest)["messages"] == [body["messages"][0], "garbage", body["messages"][3]]


def test_delivered_amount_is_never_more_than_the_line():
    assert member_channel.delivered_amount(100.0, 5, 2) == 100.0
    assert member_channel.delivered_amount(100.0, 1, 4) == 25.0
