# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The generic webhook protocol (pure functions, no Odoo).

A request carries ``X-Chain-Timestamp`` (Unix seconds) and ``X-Chain-Signature``: the hex
HMAC-SHA256, keyed by the channel's secret, of ``timestamp + "." + body``. The body is one
message or ``{"messages": [...]}``; a message is
``{"event", "order_id", "key"?, "updated_at"?, "order": {"buyer", "address", "lines"}}``.
"""

import hashlib
import hmac
import json

from .errors import ChannelAuthError, ChannelPayloadError

EVENTS = ("order_created", "order_paid", "order_cancelled", "refund_requested", "order_shipped", "address_changed")


def sign(secret, timestamp, raw_body):
    message = str(timestamp).encode() + b"." + raw_body
    return hmac.new((secret or "").encode(), message, hashlib.sha256).hexdigest()


def verify(secret, headers, raw_body, now_ts, max_skew):
    """Raise ``ChannelAuthError`` unless the signature and timestamp are right."""
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    timestamp, signature = lower.get("x-chain-timestamp", ""), lower.get("x-chain-signature", "")
    if not secret:
        raise ChannelAuthError("channel has no secret")
    if not timestamp or not signature:
        raise ChannelAuthError("missing signature headers")
    try:
        ts = int(timestamp)
    except ValueError:
        raise ChannelAuthError("bad timestamp") from None
    if not hmac.compare_digest(sign(secret, timestamp, raw_body), signature.strip().lower()):
        raise ChannelAuthError("bad signature")
    if abs(now_ts - ts) > max_skew:
        raise ChannelAuthError("stale timestamp", skew=now_ts - ts)


def _text(value, limit=200):
    if value is None:
        return ""
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise ChannelPayloadError("expected text")
    return str(value).strip()[:limit]


def parse(raw_body):
    """Normalized messages of a body; ``ChannelPayloadError`` when it is not readable."""
    try:
        body = json.loads(raw_body.decode("utf-8") if isinstance(raw_body, bytes) else raw_body)
    except (ValueError, UnicodeDecodeError, RecursionError):
        raise ChannelPayloadError("body is not JSON") from None
    raw_messages = body.get("messages") if isinstance(body, dict) and "messages" in body else [body]
    if not isinstance(raw_messages, list) or not raw_messages:
        raise ChannelPayloadError("no message in body")
    messages = []
    for raw in raw_messages:
        if not isinstance(raw, dict):
            raise ChannelPayloadError("message is not an object")
        event = _text(raw.get("event"), 40)
        if event not in EVENTS:
            raise ChannelPayloadError("unknown event", event=event)
        order_id = _text(raw.get("order_id"), 64)
        if not order_id:
            raise ChannelPayloadError("message has no order_id")
        updated = _text(raw.get("updated_at"), 40)
        key = _text(raw.get("key"), 200) or f"{order_id}:{event}:{updated}"
        order = raw.get("order")
        if order is None:
            order = {}
        if not isinstance(order, dict):
            raise ChannelPayloadError("order is not an object")
        messages.append(
            {"key": key, "event": event, "platform_order_id": order_id, "occurred_at": updated or None, "order": order}
        )
    return messages


def order_lines(order):
    """``[(sku, qty, price_unit)]`` of a normalized order; ``ChannelPayloadError`` if malformed."""
    lines = order.get("lines") if isinstance(order, dict) else None
    if not isinstance(lines, list) or not lines:
        raise ChannelPayloadError("order has no lines")
    result = []
    for line in lines:
        if not isinstance(line, dict):
            raise ChannelPayloadError("order line is not an object")
        sku = _text(line.get("sku"), 64)
        qty, price = line.get("qty"), line.get("price_unit", 0.0)
        if not sku:
            raise ChannelPayloadError("order line has no SKU")
        if isinstance(qty, bool) or not isinstance(qty, (int, float)) or not 0 < qty <= 100000:
            raise ChannelPayloadError("bad quantity", sku=sku)
        if isinstance(price, bool) or not isinstance(price, (int, float)) or not 0 <= price < 10**9:
            raise ChannelPayloadError("bad price", sku=sku)
        result.append((sku, float(qty), float(price)))
    return result


def address(order):
    """``{name, phone, street, city, state, zip}`` of an order; ``ChannelPayloadError`` if unusable."""
    raw = order.get("address") if isinstance(order, dict) else None
    if not isinstance(raw, dict):
        raise ChannelPayloadError("order has no address")
    buyer = order.get("buyer") if isinstance(order.get("buyer"), dict) else {}
    result = {
        "name": _text(raw.get("name")) or _text(buyer.get("name")),
        "phone": _text(raw.get("phone"), 40) or _text(buyer.get("phone"), 40),
        "street": " ".join(part for part in (_text(raw.get("district")), _text(raw.get("street"))) if part),
        "city": _text(raw.get("city")),
        "state": _text(raw.get("province")),
        "zip": _text(raw.get("zip"), 20),
    }
    if not result["name"] or not _text(raw.get("street")):
        raise ChannelPayloadError("address has no name or street")
    return result
