"""Channel buyers and members, as pure functions: no ORM, no network.

A channel's normalized order (see ``chain_channel.lib.generic``) names its buyer in
``order["buyer"]``: ``open_id`` (the platform's id of the buyer's account, e.g. Youzan's
``yz_open_id``), ``mobile`` (the mobile of the buyer's account) and ``phone`` (a phone the
buyer gave, used when there is no ``mobile``). A normalized member message (``event``
``member_updated``) carries ``member``: ``open_id``, ``mobile``, ``name``.

A generic channel's webhook body may also carry member messages
(``{"event": "member_updated", "member": {...}, "updated_at"?, "key"?}``), alone or among
the order messages of ``{"messages": [...]}``: ``split_member_messages`` takes them out
before the core's parser (which knows only order events) reads the rest.

Tested without a database (``tests/test_lib_member_channel.py``).
"""

import json

MAX_OPEN_ID = 200

# what a member message does (see ``member_update``)
LINK = "link"  # the mobile's member gets the identity
LINKED = "linked"  # the identity is the mobile's member's already (or no mobile to check)
CONFLICT = "conflict"  # the identity is one member's, the mobile another's
NO_MEMBER = "no_member"  # no member has the identity nor the mobile: nobody is enrolled
NO_OPEN_ID = "no_open_id"  # nothing to link

MEMBER_EVENT = "member_updated"


def _text(value, limit):
    """``value`` as stripped text cut at ``limit``; ``""`` for anything but text or a number.

    >>> _text(" ab ", 10), _text(12, 10), _text({"x": 1}, 10), _text(True, 10), _text(None, 10)
    ('ab', '12', '', '', '')
    """
    if isinstance(value, bool) or not isinstance(value, str | int):
        return ""
    return str(value).strip()[:limit]


def mobile_or_none(number, normalize):
    """``normalize(number)`` (the member's canonical mobile), or None when it is not a
    mainland mobile number (``normalize`` raises ``ValueError``) or there is none.

    >>> mobile_or_none("138 1234 5678", lambda n: "+86" + n.replace(" ", ""))
    '+8613812345678'
    >>> def refuse(number):
    ...     raise ValueError(number)
    >>> mobile_or_none("+1 415 555 0100", refuse) is None, mobile_or_none("", refuse) is None
    (True, True)
    """
    text = _text(number, 40)
    if not text:
        return None
    try:
        return normalize(text)
    except ValueError:
        return None


def buyer_keys(order, normalize):
    """``(open_id, mobile)`` of the buyer of a normalized ``order``: what attaches the order
    to a member, each None when absent. ``mobile`` is the buyer's ``mobile``, else ``phone``,
    normalized by ``normalize`` (a foreign or invalid number gives None: never a match).

    >>> norm = lambda n: "+86" + n
    >>> buyer_keys({"buyer": {"open_id": "yz1", "phone": "13800000000"}}, norm)
    ('yz1', '+8613800000000')
    >>> buyer_keys({"buyer": {"mobile": "13900000000", "phone": "13800000000"}}, norm)
    (None, '+8613900000000')
    >>> buyer_keys({"buyer": "Li Na"}, norm), buyer_keys(None, norm)
    ((None, None), (None, None))
    """
    buyer = order.get("buyer") if isinstance(order, dict) else None
    if not isinstance(buyer, dict):
        return None, None
    open_id = _text(buyer.get("open_id"), MAX_OPEN_ID) or None
    mobile = mobile_or_none(buyer.get("mobile"), normalize) or mobile_or_none(buyer.get("phone"), normalize)
    return open_id, mobile


def member_keys(member, normalize):
    """``(open_id, mobile, name)`` of a normalized member message's ``member``.

    >>> member_keys({"open_id": "yz1", "mobile": "13800000000"}, lambda n: "+86" + n)
    ('yz1', '+8613800000000', '')
    """
    member = member if isinstance(member, dict) else {}
    return (
        _text(member.get("open_id"), MAX_OPEN_ID) or None,
        mobile_or_none(member.get("mobile"), normalize),
        _text(member.get("name"), 200),
    )


def member_update(open_id, identity_member, mobile_member):
    """What a member message does, from the member holding its identity
    (``identity_member``) and the member holding its mobile (``mobile_member``), each an id
    or None. Never creates a member: enrolment needs the member's consent (PIPL).

    >>> member_update(None, None, 7)
    'no_open_id'
    >>> member_update("yz1", None, 7), member_update("yz1", 7, 7), member_update("yz1", 7, None)
    ('link', 'linked', 'linked')
    >>> member_update("yz1", 7, 8), member_update("yz1", None, None)
    ('conflict', 'no_member')
    """
    if not open_id:
        return NO_OPEN_ID
    if identity_member:
        if mobile_member and mobile_member != identity_member:
            return CONFLICT
        return LINKED
    return LINK if mobile_member else NO_MEMBER


def delivered_amount(amount, qty_delivered, qty):
    """The share of a line's ``amount`` (incl. tax) that was delivered: ``amount`` times
    ``qty_delivered / qty``, at most the whole amount; 0 for a line of no quantity.

    >>> delivered_amount(178.0, 2, 2), delivered_amount(178.0, 1, 2), delivered_amount(178.0, 3, 2)
    (178.0, 89.0, 178.0)
    >>> delivered_amount(10.0, 0, 0), delivered_amount(10.0, -1, 2)
    (0.0, 0.0)
    """
    if qty <= 0 or qty_delivered <= 0:
        return 0.0
    return amount * min(qty_delivered, qty) / qty


def member_message(raw):
    """The normalized form of a raw generic member message ``raw`` (a dict whose ``event``
    is ``member_updated``): its key (the sender's ``key``, else built from the buyer id and
    ``updated_at``: a redelivery is stored once), no platform order, its ``member`` dict.

    >>> message = member_message({"member": {"open_id": "wx1"}, "updated_at": "2026-11-23T10:00"})
    >>> message["key"], message["event"], message["platform_order_id"], message["member"]
    ('member:wx1:2026-11-23T10:00', 'member_updated', None, {'open_id': 'wx1'})
    >>> member_message({"key": "K1", "member": "x"})["key"], member_message({"member": "x"})["member"]
    ('K1', {})
    """
    member = raw.get("member") if isinstance(raw.get("member"), dict) else {}
    updated = _text(raw.get("updated_at"), 40)
    key = _text(raw.get("key"), 200) or f"member:{_text(member.get('open_id'), MAX_OPEN_ID)}:{updated}"
    return {
        "key": key,
        "event": MEMBER_EVENT,
        "platform_order_id": None,
        "occurred_at": updated or None,
        "member": member,
    }


def split_member_messages(raw_body):
    """``(member messages, rest)`` of a generic webhook body: the normalized member
    messages (``member_message``) and the body of the other messages (bytes, for the
    core's parser), None when there is no other message. A body that is not JSON, or
    has no member message, comes back whole: the core's parser judges it.

    >>> split_member_messages(b'{"event": "order_paid", "order_id": "T1"}')
    ([], b'{"event": "order_paid", "order_id": "T1"}')
    >>> members, rest = split_member_messages(b'{"event": "member_updated", "member": {"open_id": "a"}}')
    >>> [m["key"] for m in members], rest
    (['member:a:'], None)
    >>> body = {"messages": [{"event": "member_updated", "key": "K"}, {"event": "order_paid", "order_id": "T"}]}
    >>> members, rest = split_member_messages(json.dumps(body).encode())
    >>> [m["key"] for m in members], json.loads(rest)
    (['K'], {'messages': [{'event': 'order_paid', 'order_id': 'T'}]})
    >>> split_member_messages(b"not json")
    ([], b'not json')
    """
    try:
        body = json.loads(raw_body.decode("utf-8") if isinstance(raw_body, bytes) else raw_body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        return [], raw_body
    if isinstance(body, dict) and isinstance(body.get("messages"), list):
        raws = body["messages"]
        members = [raw for raw in raws if isinstance(raw, dict) and raw.get("event") == MEMBER_EVENT]
        if not members:
            return [], raw_body
        others = [raw for raw in raws if not (isinstance(raw, dict) and raw.get("event") == MEMBER_EVENT)]
        rest = json.dumps({**body, "messages": others}).encode() if others else None
        return [member_message(raw) for raw in members], rest
    if isinstance(body, dict) and body.get("event") == MEMBER_EVENT:
        return [member_message(body)], None
    return [], raw_body
