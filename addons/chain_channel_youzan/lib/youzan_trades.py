"""The trades and messages of the Youzan protocol (``youzan_protocol``): pushes and pages of
trades to the core's normalized messages, stock update answers to per-item results. Pure
functions, no ORM, no network; only ``ChannelPayloadError`` escapes the parsers.

Split from ``youzan_protocol`` (signatures, time, API requests and answers) for size.
"""

import json
from urllib.parse import unquote_plus

from odoo.addons.chain_channel.lib.errors import ChannelPayloadError

from .youzan_protocol import EVENTS, STATUS_EVENTS, STATUSES, beijing_to_utc, parse_json, to_millis, version_to_utc


def _dict(value, what):
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ChannelPayloadError(f"{what} is not an object")
    return value


def _text(value):
    """Text of a field Youzan sends as a string or a number; an object or a list is refused."""
    if value is None:
        return ""
    if isinstance(value, dict | list):
        raise ChannelPayloadError("a text field holds an object or a list", sample=repr(value)[:40])
    return str(value)


def _money(value, what):
    if value in (None, ""):
        return 0.0
    if isinstance(value, bool):
        raise ChannelPayloadError(f"{what} is not an amount")
    try:
        amount = round(float(value), 2)
    except (TypeError, ValueError, OverflowError):
        raise ChannelPayloadError(f"{what} is not an amount", value=str(value)[:40]) from None
    if amount != amount or amount in (float("inf"), float("-inf")) or amount < 0:
        raise ChannelPayloadError(f"{what} is not an amount", value=str(value)[:40])
    return amount


def _qty(value):
    if isinstance(value, bool):
        raise ChannelPayloadError("line quantity is not a whole number")
    try:
        qty = int(str(value))
    except (TypeError, ValueError):
        raise ChannelPayloadError("line quantity is not a whole number", value=str(value)[:40]) from None
    if qty <= 0:
        raise ChannelPayloadError("line quantity is not positive", value=qty)
    return qty


def line_sku(line):
    """Platform SKU of a trade line: Youzan ``sku_id``, else ``outer_sku_id``, else the item id."""
    sku_id = _text(line.get("sku_id")).strip()
    if sku_id and sku_id != "0":
        return sku_id
    return _text(line.get("outer_sku_id")).strip() or _text(line.get("item_id")).strip()


def trade_to_order(full_order_info):
    """The core's normalized order of a Youzan ``full_order_info`` (trade.get 4.0 shape).

    The buyer is ``buyer_info``: ``buyer_name``, ``buyer_phone`` (else the receiver's phone)
    and ``yz_open_id`` as ``buyer["open_id"]`` (empty when Youzan sends none, e.g. a guest
    checkout)."""
    info = _dict(full_order_info, "full_order_info")
    order_info = _dict(info.get("order_info"), "order_info")
    tid = _text(order_info.get("tid")).strip()
    if not tid:
        raise ChannelPayloadError("trade has no tid")
    status = STATUSES.get(_text(order_info.get("status")))
    if status is None:
        raise ChannelPayloadError("unknown trade status", status=_text(order_info.get("status"))[:40])
    if _text(order_info.get("refund_state")) not in ("", "0", "NO_REFUND"):
        status = "refund_requested"
    created = beijing_to_utc(order_info.get("created"))
    updated = beijing_to_utc(order_info.get("update_time")) or created
    if created is None:
        raise ChannelPayloadError("trade has no creation time", tid=tid)
    buyer = _dict(info.get("buyer_info"), "buyer_info")
    address = _dict(info.get("address_info"), "address_info")
    pay = _dict(info.get("pay_info"), "pay_info")
    remark = _dict(info.get("remark_info"), "remark_info")
    raw_lines = info.get("orders")
    if not isinstance(raw_lines, list) or not raw_lines:
        raise ChannelPayloadError("trade has no lines", tid=tid)
    lines = []
    for index, raw in enumerate(raw_lines):
        line = _dict(raw, "trade line")
        sku = line_sku(line)
        if not sku:
            raise ChannelPayloadError("trade line has no SKU", tid=tid, line=index)
        qty = _qty(line.get("num"))
        total = line.get("payment", line.get("total_fee"))
        price_unit = (
            _money(total, "line amount") / qty if total not in (None, "") else _money(line.get("price"), "price")
        )
        lines.append(
            {
                "line_ref": _text(line.get("oid")) or f"{tid}-{index + 1}",
                "sku": sku,
                "item_id": _text(line.get("item_id")),
                "qty": qty,
                "price_unit": round(price_unit, 4),
            }
        )
    phone = _text(address.get("receiver_tel"))
    return {
        "platform_order_id": tid,
        "status": status,
        "created_at": created,
        "updated_at": updated,
        "buyer": {
            "name": _text(buyer.get("buyer_name") or address.get("receiver_name")),
            "phone": _text(buyer.get("buyer_phone")) or phone,
            # the buyer's Youzan account (``yz_open_id``, one per buyer and app): what a member's
            # Youzan identity holds (``chain_member_channel``)
            "open_id": _text(buyer.get("yz_open_id")).strip(),
        },
        "address": {
            "name": _text(address.get("receiver_name")),
            "phone": phone,
            "province": _text(address.get("delivery_province")),
            "city": _text(address.get("delivery_city")),
            "district": _text(address.get("delivery_district")),
            "street": _text(address.get("delivery_address")),
            "zip": _text(address.get("delivery_postal_code")),
        },
        "lines": lines,
        "amount_total": _money(pay.get("payment"), "payment"),
        "shipping_fee": _money(pay.get("post_fee"), "post_fee"),
        "note": _text(remark.get("buyer_message")),
    }


def message_key(tid, event, version):
    """Dedup key of an order version: the same for its push and its pull."""
    return f"{tid}:{event}:{version}"


def order_message(order, event=None):
    """A normalized message for a normalized order (what a pull reports for it)."""
    event = event or STATUS_EVENTS[order["status"]]
    return {
        "key": message_key(order["platform_order_id"], event, to_millis(order["updated_at"])),
        "event": event,
        "platform_order_id": order["platform_order_id"],
        "occurred_at": order["updated_at"],
        "order": order,
    }


def decode_msg(msg):
    """The trade object of a push ``msg``: URL-encoded JSON (plain JSON accepted too)."""
    if isinstance(msg, dict):
        return msg
    if not isinstance(msg, str) or not msg:
        raise ChannelPayloadError("message has no msg")
    text = msg if msg.lstrip().startswith("{") else unquote_plus(msg)
    return parse_json(text, "msg")


def message_time(body):
    """Naive UTC time of a push body: its ``version``, else the trade's update time."""
    if body.get("version") not in (None, ""):
        return version_to_utc(body["version"])
    raise ChannelPayloadError("message has no version")


def parse_push(raw_body):
    """Normalized messages of one Youzan push body (a list of zero or one message).

    Types we do not handle (item, member, test pings) give no message: they are acknowledged
    and dropped. The key is ``tid:event:version``, ``version`` being the trade's update time in
    epoch milliseconds, so a pull of the same order version (``order_message``) gives it too.
    """
    body = parse_json(raw_body, "push body")
    kind = _text(body.get("type"))
    event = EVENTS.get(kind)
    if event is None:
        return []
    trade = decode_msg(body.get("msg"))
    info = trade.get("full_order_info", trade)
    order = trade_to_order(info)
    if event == "refund_requested":
        order["status"] = "refund_requested"
    return [
        {
            "key": message_key(order["platform_order_id"], event, to_millis(order["updated_at"])),
            "event": event,
            "platform_order_id": order["platform_order_id"],
            "occurred_at": order["updated_at"],
            "order": order,
        }
    ]


def parse_trades_page(data, page_no, page_size):
    """``(messages, has_next)`` of a ``youzan.trades.sold.get`` answer's ``data``."""
    data = _dict(data, "trades answer")
    entries = data.get("full_order_info_list") or []
    if not isinstance(entries, list):
        raise ChannelPayloadError("full_order_info_list is not a list")
    total = data.get("total_results", 0)
    if isinstance(total, bool) or not isinstance(total, int):
        raise ChannelPayloadError("total_results is not a number")
    messages = []
    for entry in entries:
        try:
            messages.append(order_message(trade_to_order(_dict(entry, "trade").get("full_order_info"))))
        except ChannelPayloadError as error:  # one bad trade must not stop the page (nor the pull)
            messages.append(unreadable_message(entry, error))
    return messages, page_no * page_size < total


def unreadable_message(entry, error):
    """The core's message for a trade of a page that cannot be read: its tid and update time
    as far as they can be read, and ``unreadable`` (the reason): the core keeps it in attention.

    >>> unreadable_message({"full_order_info": {"order_info": {"tid": "E1", "update_time": "x"}}},
    ...                    ChannelPayloadError("trade has no lines"))["key"]
    'unreadable:E1:x'
    """
    info = entry.get("full_order_info") if isinstance(entry, dict) else None
    order_info = info.get("order_info") if isinstance(info, dict) else None
    order_info = order_info if isinstance(order_info, dict) else {}
    tid, updated = order_info.get("tid"), order_info.get("update_time")
    tid = str(tid)[:64] if isinstance(tid, str | int) and not isinstance(tid, bool) else ""
    updated = str(updated)[:40] if isinstance(updated, str | int) and not isinstance(updated, bool) else ""
    return {
        "key": f"unreadable:{tid}:{updated}",
        "event": None,
        "platform_order_id": tid or None,
        "occurred_at": None,
        "order": None,
        "unreadable": error.reason,
    }


def parse_skus_update(data, items):
    """The core's per-item results of a ``youzan.skus.update`` answer's ``data``."""
    data = _dict(data, "skus answer")
    rows = data.get("results")
    if not isinstance(rows, list):
        raise ChannelPayloadError("skus answer has no results")
    by_sku = {}
    for row in rows:
        row = _dict(row, "sku result")
        by_sku[str(row.get("sku_id"))] = row
    results = []
    for item in items:
        row = by_sku.get(str(item["sku"]))
        if row is None:
            results.append({"sku": item["sku"], "ok": False, "error": "no result for this SKU", "platform_qty": None})
            continue
        ok = row.get("is_success") is True
        qty = row.get("quantity")
        results.append(
            {
                "sku": item["sku"],
                "ok": ok,
                "error": None if ok else str(row.get("message") or "") or "refused",
                "platform_qty": qty if isinstance(qty, int) and not isinstance(qty, bool) else None,
            }
        )
    return results


def ack_body(ok):
    """What Youzan expects back from a push: ``code`` 0 and ``success`` when taken."""
    body = {"code": 0, "msg": "success"} if ok else {"code": 1, "msg": "failed"}
    return json.dumps(body, separators=(",", ":")).encode()
