"""The Youzan (有赞云) open-platform protocol, as pure functions: no ORM, no network.

What we follow (see ``readme/DESCRIPTION.md`` for sources and assumptions):

- Push messages (消息推送): ``POST`` of a JSON body to our URL with headers ``Event-Sign``,
  ``Event-Type`` and ``Client-Id``; ``Event-Sign = md5(client_id + raw body + client_secret)``
  in lower-case hex. The body carries ``id``, ``kdt_id``, ``type``, ``status``, ``msg`` (the
  URL-encoded JSON of the trade), ``version``, ``test``. Our answer must be
  ``{"code": 0, "msg": "success"}``, anything else makes Youzan deliver the message again.
- Token: ``POST /auth/token`` with ``authorize_type=silent``, ``client_id``, ``client_secret``,
  ``grant_id`` (the shop's ``kdt_id``); answer ``data.access_token`` and ``data.expires``
  (epoch milliseconds).
- APIs: ``POST /api/<name>/<version>?access_token=...`` with a JSON body; answers
  ``{"success": true, "code": 200, "data": {...}}`` or
  ``{"success": false, "code": <int>, "message": <str>}``.
- Platform times are Beijing time (UTC+8) as ``yyyy-MM-dd HH:mm:ss``; amounts are yuan strings.

Every parser raises only the core's ``ChannelPayloadError`` on malformed input, whatever the
input is: callers never see a ``KeyError`` or a ``ValueError``. The trades and messages (pushes,
pages of trades, stock update answers) are in ``youzan_trades``.
"""

import hashlib
import hmac
import json
from datetime import datetime, timedelta
from urllib.parse import urlencode

from odoo.addons.chain_channel.lib.errors import (
    ChannelAuthError as ChannelAuthError,
)
from odoo.addons.chain_channel.lib.errors import (
    ChannelError as ChannelError,
)
from odoo.addons.chain_channel.lib.errors import (
    ChannelPayloadError as ChannelPayloadError,
)
from odoo.addons.chain_channel.lib.errors import (
    ChannelRateLimited as ChannelRateLimited,
)
from odoo.addons.chain_channel.lib.errors import (
    ChannelTransientError as ChannelTransientError,
)

BEIJING = timedelta(hours=8)
TIME_FORMAT = "%Y-%m-%d %H:%M:%S"

TOKEN_PATH = "/auth/token"
API_TRADES_SOLD_GET = ("youzan.trades.sold.get", "4.0.0")
API_TRADE_GET = ("youzan.trade.get", "4.0.0")
API_SKUS_UPDATE = ("youzan.skus.update", "3.0.0")
API_SKUS_GET = ("youzan.skus.get", "3.0.0")

# Published default call rate (per app and API) we pace stock updates to, and the batch we send.
RATE_LIMIT_PER_SECOND = 10.0
MAX_PUSH_BATCH = 50
MAX_PAGE_SIZE = 100

# Error codes of the answers (``code`` when ``success`` is false).
TOKEN_ERROR_CODES = frozenset({4201, 4202, 4203})  # token missing / expired / invalid
RATE_LIMIT_CODES = frozenset({429, 4004})  # 调用频率超限 (assumed numbering, see readme)
SERVER_ERROR_CODES = frozenset({500, 502, 503, 504, 5000})
# Incremental quantity update type of the sku list (0 = absolute, 1 = incremental).
QTY_ABSOLUTE = 0
QTY_INCREMENTAL = 1

# Youzan message type -> normalized event.
EVENTS = {
    "trade_TradeCreate": "order_created",
    "trade_TradeBuyerPay": "order_paid",
    "trade_TradePaid": "order_paid",
    "trade_TradeClose": "order_cancelled",
    "trade_TradeSellerShip": "order_shipped",
    "trade_TradePartlySellerShip": "order_shipped",
    "trade_TradeSuccess": "order_shipped",
    "trade_TradeAddressModified": "address_changed",
    "trade_refund_BuyerCreated": "refund_requested",
    "trade_refund_BuyerModified": "refund_requested",
}
# Youzan trade status -> normalized status.
STATUSES = {
    "WAIT_BUYER_PAY": "created",
    "TRADE_PAID": "paid",
    "WAIT_CONFIRM": "paid",
    "WAIT_SELLER_SEND_GOODS": "paid",
    "WAIT_BUYER_CONFIRM_GOODS": "shipped",
    "TRADE_SUCCESS": "closed",
    "TRADE_CLOSED": "cancelled",
}
# Normalized status -> the event a pull reports for an order in that status.
STATUS_EVENTS = {
    "created": "order_created",
    "paid": "order_paid",
    "shipped": "order_shipped",
    "closed": "order_shipped",
    "cancelled": "order_cancelled",
    "refund_requested": "refund_requested",
}


# ----------------------------------------------------------------------
# Signatures and time
# ----------------------------------------------------------------------
def event_sign(client_id, raw_body, client_secret):
    """``Event-Sign`` of a push: lower-case hex md5 of client_id + raw body + client_secret.

    >>> event_sign("cid", b'{"a":1}', "secret")
    '4e265894b86c5d1eb607d103823c8c5a'
    """
    data = client_id.encode() + bytes(raw_body) + client_secret.encode()
    return hashlib.md5(data).hexdigest()


def verify_event_sign(client_id, client_secret, headers, raw_body):
    """Raise ``ChannelAuthError`` unless the push's ``Event-Sign`` and ``Client-Id`` are right.

    Header names are matched case-insensitively; the comparison is constant-time.
    """
    lower = {str(k).lower(): str(v) for k, v in (headers or {}).items()}
    if not client_id or not client_secret:
        raise ChannelAuthError("channel has no client id or secret")
    if not hmac.compare_digest(lower.get("client-id", "").encode(), client_id.encode()):
        raise ChannelAuthError("Client-Id does not match the channel", client_id=lower.get("client-id"))
    expected = event_sign(client_id, raw_body, client_secret)
    if not hmac.compare_digest(lower.get("event-sign", "").lower().encode(), expected.encode()):
        raise ChannelAuthError("bad Event-Sign")


def version_to_utc(version):
    """The naive UTC datetime of a message ``version`` (epoch seconds or milliseconds).

    >>> version_to_utc(1700000000123)
    datetime.datetime(2023, 11, 14, 22, 13, 20, 123000)
    >>> version_to_utc("1700000000")
    datetime.datetime(2023, 11, 14, 22, 13, 20)
    """
    try:
        number = int(str(version).strip())
    except (TypeError, ValueError):
        raise ChannelPayloadError("message version is not a timestamp", version=repr(version)[:80]) from None
    seconds = number / 1000 if number > 10**11 else number
    try:
        return datetime(1970, 1, 1) + timedelta(seconds=seconds)
    except OverflowError:
        raise ChannelPayloadError("message version is out of range", version=number) from None


def check_skew(occurred_at, now, max_skew):
    """Raise ``ChannelAuthError`` when ``occurred_at`` is more than ``max_skew`` seconds from ``now``."""
    if abs((now - occurred_at).total_seconds()) > max_skew:
        raise ChannelAuthError(
            "message timestamp outside the clock-skew limit",
            occurred_at=occurred_at.isoformat(),
            now=now.isoformat(),
            max_skew=max_skew,
        )


def beijing_to_utc(text):
    """Naive UTC datetime of a Youzan time string (Beijing time); ``None`` for empty.

    >>> beijing_to_utc("2026-11-23 08:00:00")
    datetime.datetime(2026, 11, 23, 0, 0)
    """
    if text in (None, ""):
        return None
    if not isinstance(text, str):
        raise ChannelPayloadError("Youzan time is not text", value=repr(text)[:40])
    try:
        return datetime.strptime(text, TIME_FORMAT) - BEIJING
    except (ValueError, OverflowError):  # OverflowError: the first hours of year 1 in UTC
        raise ChannelPayloadError("bad Youzan time", value=text[:40]) from None


def utc_to_beijing(moment):
    """Youzan time string (Beijing time) of a naive UTC datetime.

    >>> utc_to_beijing(datetime(2026, 11, 23, 0, 0))
    '2026-11-23 08:00:00'
    """
    return (moment + BEIJING).strftime(TIME_FORMAT)


def to_millis(moment):
    """Epoch milliseconds of a naive UTC datetime (the ``version`` Youzan gives a trade state)."""
    return round((moment - datetime(1970, 1, 1)).total_seconds() * 1000)


# ----------------------------------------------------------------------
# Requests and answers
# ----------------------------------------------------------------------
def token_request(client_id, client_secret, kdt_id):
    """``(path, json body)`` of the silent token request of a self-used app."""
    return TOKEN_PATH, {
        "authorize_type": "silent",
        "client_id": client_id,
        "client_secret": client_secret,
        "grant_id": str(kdt_id),
        "refresh": False,
    }


def api_path(api, access_token):
    """URL path of an API call: ``/api/<name>/<version>?access_token=...``."""
    name, version = api
    return f"/api/{name}/{version}?" + urlencode({"access_token": access_token})


def trades_sold_request(start, end, page_no, page_size):
    """Body of ``youzan.trades.sold.get`` for trades updated in [start, end) (naive UTC)."""
    return {
        "start_update": utc_to_beijing(start),
        "end_update": utc_to_beijing(end),
        "page_no": int(page_no),
        "page_size": max(1, min(int(page_size), MAX_PAGE_SIZE)),
    }


def skus_update_request(items, incremental=False):
    """Body of ``youzan.skus.update`` for stock items (the core's push items).

    Absolute quantities (``type`` 0) unless ``incremental`` and the item has a ``delta``.
    """
    skus = []
    for item in items:
        use_delta = incremental and item.get("delta") is not None
        sku = str(item["sku"])
        skus.append(
            {
                "item_id": str(item.get("item_id") or ""),
                "sku_id": sku,
                "quantity": int(item["delta"] if use_delta else item["qty"]),
                "type": QTY_INCREMENTAL if use_delta else QTY_ABSOLUTE,
            }
        )
    return {"sku_list": skus}


def parse_json(raw, what="answer"):
    """The JSON object of ``raw`` (bytes or str); ``ChannelPayloadError`` if it is not one."""
    try:
        data = json.loads(raw)
    except (TypeError, ValueError, RecursionError):
        raise ChannelPayloadError(f"{what} is not JSON", sample=repr(raw)[:120]) from None
    if not isinstance(data, dict):
        raise ChannelPayloadError(f"{what} is not a JSON object", sample=repr(raw)[:120])
    return data


def parse_api_response(http_status, raw, retry_after=None):
    """``data`` of an API answer, or the core's exception for its error.

    - HTTP 5xx or a server error code: ``ChannelTransientError``;
    - HTTP 429 or a rate-limit code: ``ChannelRateLimited`` (``retry_after`` from the header, else 1 s);
    - a token error code or HTTP 401/403: ``ChannelAuthError``;
    - any other ``success: false``: ``ChannelError`` (permanent, its code and message kept);
    - a body that is not the documented JSON: ``ChannelPayloadError``.
    """
    try:
        wait = float(retry_after) if retry_after not in (None, "") else 1.0
    except ValueError:
        wait = 1.0
    if http_status == 429:
        raise ChannelRateLimited("Youzan rate limit (HTTP 429)", retry_after=wait)
    if http_status >= 500:
        raise ChannelTransientError(f"Youzan server error HTTP {http_status}", status=http_status)
    if http_status in (401, 403):
        raise ChannelAuthError(f"Youzan refused the credentials (HTTP {http_status})", status=http_status)
    data = parse_json(raw)
    if data.get("success") is True or (data.get("success") is None and data.get("code") in (0, 200)):
        return data.get("data") if isinstance(data.get("data"), dict | list) else {}
    code = data.get("code")
    message = str(data.get("message") or data.get("msg") or "")[:300]
    if not isinstance(code, int):
        try:
            code = int(code)
        except (TypeError, ValueError):
            raise ChannelPayloadError(
                "Youzan answer has no success flag nor error code", sample=str(data)[:120]
            ) from None
    if code in RATE_LIMIT_CODES:
        raise ChannelRateLimited(f"Youzan rate limit ({code}): {message}", retry_after=wait, code=code)
    if code in TOKEN_ERROR_CODES:
        raise ChannelAuthError(f"Youzan token error ({code}): {message}", code=code)
    if code in SERVER_ERROR_CODES:
        raise ChannelTransientError(f"Youzan server error ({code}): {message}", code=code)
    raise ChannelError(f"Youzan error {code}: {message}", code=code)


def parse_token(data, now):
    """``(access_token, expires_at naive UTC)`` of the token API's ``data``."""
    if not isinstance(data, dict) or not isinstance(data.get("access_token"), str) or not data["access_token"]:
        raise ChannelPayloadError("token answer has no access_token")
    expires = data.get("expires")
    if isinstance(expires, int | float) and expires > 10**11:
        expires_at = version_to_utc(int(expires))
    elif isinstance(expires, int | float) and expires > 0:
        expires_at = now + timedelta(seconds=expires)
    else:
        expires_at = now + timedelta(days=7)
    return data["access_token"], expires_at
