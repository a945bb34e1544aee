"""Youzan customer (客户) push messages, as pure functions: no ORM, no network.

Youzan pushes a message when a buyer becomes a customer of the shop (``CUSTOMER_CREATED``)
and when a customer changes (``CUSTOMER_UPDATED``, e.g. a mobile number bound): a push body
signed like the trade messages (``Event-Sign``), ``type`` ``SCRM_CUSTOMER_EVENT``, ``status``
the event, ``version`` the update time in epoch milliseconds, ``msg`` the URL-encoded JSON of
the customer (``yz_open_id``, ``mobile``, ``name``, ``event_type``, ``update_time``). Both
become the member message of ``chain_member_channel`` (``member_updated``), which links the
customer's ``yz_open_id`` to the member with that mobile.

Only ``ChannelPayloadError`` escapes the parser. Tested without a database
(``tests/test_lib_youzan_customers.py``).
"""

from odoo.addons.chain_channel.lib.errors import ChannelPayloadError
from odoo.addons.chain_channel_youzan.lib.youzan_protocol import to_millis
from odoo.addons.chain_channel_youzan.lib.youzan_trades import decode_msg, message_time
from odoo.addons.chain_member_channel.lib.member_channel import MAX_OPEN_ID, MEMBER_EVENT

CUSTOMER_TYPE = "SCRM_CUSTOMER_EVENT"
CUSTOMER_EVENTS = frozenset({"CUSTOMER_CREATED", "CUSTOMER_UPDATED"})


def _text(value, limit):
    """``value`` as stripped text cut at ``limit``; an object or a list is refused.

    >>> _text(" 138 ", 20), _text(13800138000, 20), _text(None, 20)
    ('138', '13800138000', '')
    """
    if value is None or isinstance(value, bool):
        return ""
    if isinstance(value, dict | list):
        raise ChannelPayloadError("a customer field holds an object or a list", sample=repr(value)[:40])
    return str(value).strip()[:limit]


def is_customer_push(body):
    """Whether a push ``body`` (a dict) is a customer message.

    >>> is_customer_push({"type": "SCRM_CUSTOMER_EVENT"}), is_customer_push({"type": "trade_TradePaid"})
    (True, False)
    """
    return body.get("type") == CUSTOMER_TYPE


def parse_customer_push(body):
    """The normalized member messages of a customer push ``body`` (a dict): one
    ``member_updated`` message whose ``member`` is ``{open_id, mobile, name}``, keyed by the
    customer and the version (a redelivery is stored once); none for an event we do not act
    on (a customer deleted, tags changed...).

    >>> from urllib.parse import quote
    >>> msg = quote('{"yz_open_id": "yzLi", "mobile": "13900001111", "name": "Li"}')
    >>> [message] = parse_customer_push({"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_UPDATED",
    ...                                  "msg": msg, "version": 1763877600000})
    >>> message["key"], message["event"], message["member"]
    ('customer:yzLi:1763877600000', 'member_updated', {'open_id': 'yzLi', 'mobile': '13900001111', 'name': 'Li'})
    >>> parse_customer_push({"type": "SCRM_CUSTOMER_EVENT", "status": "CUSTOMER_DELETED", "msg": msg,
    ...                      "version": 1})
    []
    """
    occurred = message_time(body)
    customer = decode_msg(body.get("msg"))
    event = _text(customer.get("event_type") or body.get("status"), 40)
    if event not in CUSTOMER_EVENTS:
        return []
    open_id = _text(customer.get("yz_open_id"), MAX_OPEN_ID)
    member = {"open_id": open_id, "mobile": _text(customer.get("mobile"), 40), "name": _text(customer.get("name"), 200)}
    return [
        {
            "key": f"customer:{open_id}:{to_millis(occurred)}",
            "event": MEMBER_EVENT,
            "platform_order_id": None,
            "occurred_at": occurred,
            "member": member,
        }
    ]
