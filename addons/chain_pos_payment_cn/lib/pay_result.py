"""The small result type every provider call answers, and amounts in fen (pure Python).

A provider call never raises for what the provider or the network did: it answers a
:class:`PayResult` whose ``status`` is one of

* ``SUCCESS``: the provider says it is done (paid, reversed, refunded: the call's own verb);
* ``USER_PAYING``: the customer must still confirm (password) — ask again later;
* ``FAILED``: the provider says it did not and will not happen (``code``, ``message``);
* ``UNKNOWN``: nobody knows (timeout, dropped connection, system error, a response whose
  signature does not verify). An unknown payment is **never** a failure: only a later
  query (or a reverse) settles it.
"""

from collections import namedtuple
from decimal import ROUND_HALF_UP, Decimal

SUCCESS = "success"
USER_PAYING = "user_paying"
FAILED = "failed"
UNKNOWN = "unknown"

# code of a response refused by our verification (signature, amount, identity)
BAD_RESPONSE = "BAD_RESPONSE"
# code of a call that got no answer (timeout, dropped connection)
NETWORK = "NETWORK"


class Timeout(tuple):
    """``(connect, read)`` seconds for ``requests``, also comparable with a number (by its
    read timeout), as Odoo's test harness compares the timeouts of outgoing requests.

    >>> Timeout(5, 10) < 11, Timeout(5, 10) < 10, Timeout(5, 10)
    (True, False, (5, 10))
    """

    __slots__ = ()

    def __new__(cls, connect, read):
        return super().__new__(cls, (connect, read))

    def __lt__(self, other):
        return self[1] < other if isinstance(other, (int, float)) else tuple.__lt__(self, other)

    def __gt__(self, other):
        return self[1] > other if isinstance(other, (int, float)) else tuple.__gt__(self, other)


# the timeouts of every provider call: a read timeout is an unknown outcome, never a failure
TIMEOUT = Timeout(5, 10)


class PayResult(namedtuple("PayResult", "status code message provider_ref amount_fen data")):
    """``status`` (above), provider ``code`` and ``message``, ``provider_ref`` (WeChat's
    ``transaction_id``, Alipay's ``trade_no``, a refund's id), ``amount_fen`` the provider
    reported (or None), ``data`` the verified answer (a dict, never containing our keys)."""

    __slots__ = ()

    def __new__(cls, status, code="", message="", provider_ref="", amount_fen=None, data=None):
        return super().__new__(cls, status, code or "", message or "", provider_ref or "", amount_fen, data or {})

    @property
    def ok(self):
        return self.status == SUCCESS


def success(provider_ref="", amount_fen=None, data=None, code="SUCCESS", message=""):
    return PayResult(SUCCESS, code, message, provider_ref, amount_fen, data)


def user_paying(code="USERPAYING", message="", data=None):
    return PayResult(USER_PAYING, code, message, data=data)


def failed(code, message="", data=None):
    return PayResult(FAILED, code, message, data=data)


def unknown(code, message="", data=None):
    return PayResult(UNKNOWN, code, message, data=data)


def to_fen(amount):
    """Integer fen of a currency amount (float, str or Decimal), rounded half up.

    >>> to_fen(12.34), to_fen("0.1"), to_fen(0.015), to_fen(100)
    (1234, 10, 2, 10000)
    """
    return int((Decimal(str(amount)) * 100).quantize(Decimal("1"), rounding=ROUND_HALF_UP))


def fen_to_yuan(fen):
    """The wire form of ``fen`` in yuan with two decimals (Alipay).

    >>> fen_to_yuan(1234), fen_to_yuan(5), fen_to_yuan(100000)
    ('12.34', '0.05', '1000.00')
    """
    return f"{Decimal(int(fen)) / 100:.2f}"


def yuan_to_fen(text):
    """Integer fen of Alipay's ``"12.34"``; None when absent or not a number.

    >>> yuan_to_fen("12.34"), yuan_to_fen(""), yuan_to_fen("x")
    (1234, None, None)
    """
    try:
        return to_fen(Decimal(str(text))) if text not in (None, "") else None
    except ArithmeticError:
        return None


def mask_code(code):
    """A payment code as stored and shown: its last 4 digits only.

    >>> mask_code("134567890123456789")
    '**************6789'
    """
    code = str(code or "")
    return "*" * max(len(code) - 4, 0) + code[-4:]


def code_provider(code):
    """``"wechatpay"``, ``"alipay"`` or None for a scanned payment code.

    WeChat Pay: 18 digits starting 10-15; Alipay: 16-24 digits starting 25-30.

    >>> code_provider("134567890123456789"), code_provider("2812345678901234")
    ('wechatpay', 'alipay')
    >>> code_provider("164567890123456789"), code_provider("13456789012345678x"), code_provider("")
    (None, None, None)
    """
    code = str(code or "").strip()
    if not code.isdigit() or not code.isascii():
        return None
    head = int(code[:2])
    if len(code) == 18 and 10 <= head <= 15:
        return "wechatpay"
    if 16 <= len(code) <= 24 and 25 <= head <= 30:
        return "alipay"
    return None
