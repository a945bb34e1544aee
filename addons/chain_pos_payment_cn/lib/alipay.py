"""Alipay open platform, 当面付 bar-code payments, as a plain client (no Odoo).

Protocol: a form POST to the gateway (``<endpoint>``, the real one is
``https://openapi.alipay.com/gateway.do``) with ``app_id``, ``method``, ``format=JSON``,
``charset=utf-8``, ``sign_type=RSA2``, ``timestamp``, ``version=1.0``, ``biz_content`` (JSON)
and ``sign``: SHA256withRSA (PKCS#1 v1.5) of the sorted non-empty ``k=v`` pairs joined by
``&``, base64. The answer ``{"<method>_response": {...}, "sign": "..."}`` is verified over
the **raw JSON text** of ``<method>_response`` with the Alipay public key before it is
believed. Amounts travel in yuan with two decimals and are integer fen on our side.

Methods: ``alipay.trade.pay`` (``scene=bar_code``), ``alipay.trade.query``,
``alipay.trade.cancel``, ``alipay.trade.refund`` (``out_request_no``),
``alipay.trade.fastpay.refund.query``, ``alipay.data.dataservice.bill.downloadurl.query``.
Each call answers a :class:`~.pay_result.PayResult`; the private key never leaves the client.
"""

import base64
import json
from datetime import datetime, timedelta

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import padding

from . import pay_result as pr

TIMEOUT = pr.TIMEOUT
BEIJING = timedelta(hours=8)
# sub_codes of alipay.trade.pay that leave the payment open: a query tells
PAY_UNKNOWN_SUB_CODES = {"ACQ.SYSTEM_ERROR", "ACQ.TRADE_HAS_SUCCESS", "ACQ.REQUEST_TOO_FAST", "aop.ACQ.SYSTEM_ERROR"}
# gateway codes of a call refused before processing: missing/invalid parameters, no rights
GATEWAY_REFUSALS = ("40001", "40002", "40006")
QUERY_STATES = {
    "TRADE_SUCCESS": pr.SUCCESS,
    "TRADE_FINISHED": pr.SUCCESS,
    "WAIT_BUYER_PAY": pr.USER_PAYING,
    "TRADE_CLOSED": pr.FAILED,
}


def sign_content(params):
    """The text Alipay signs: sorted non-empty ``k=v`` pairs, ``sign`` left out.

    >>> sign_content({"b": "2", "a": "1", "sign": "x", "c": ""})
    'a=1&b=2'
    """
    return "&".join(f"{k}={params[k]}" for k in sorted(params) if k != "sign" and params[k] not in (None, ""))


def rsa_sign(text, private_key_pem):
    """Base64 SHA256withRSA signature of ``text`` with a PEM private key."""
    key = serialization.load_pem_private_key(_pem(private_key_pem), password=None)
    return base64.b64encode(key.sign(text.encode(), padding.PKCS1v15(), hashes.SHA256())).decode()


def rsa_verify(text, signature, public_key_pem):
    """Whether ``signature`` (base64) is ``text``'s SHA256withRSA signature (never raises)."""
    try:
        key = serialization.load_pem_public_key(_pem(public_key_pem))
        key.verify(base64.b64decode(signature or ""), text.encode(), padding.PKCS1v15(), hashes.SHA256())
    except (InvalidSignature, ValueError, TypeError):
        return False
    return True


def _pem(text):
    """PEM bytes, accepting Alipay's bare base64 key text (as its console shows keys)."""
    text = (text or "").strip()
    if text.startswith("-----"):
        return text.encode()
    kind = "PRIVATE KEY" if len(text) > 600 else "PUBLIC KEY"
    body = "\n".join(text[i : i + 64] for i in range(0, len(text), 64))
    return f"-----BEGIN {kind}-----\n{body}\n-----END {kind}-----\n".encode()


def raw_member(text, key):
    """The exact JSON text of the value of top-level ``key`` in ``text`` (what Alipay signed);
    None when absent. The answer is scanned, not re-serialized: a re-dump would not verify.

    >>> raw_member('{"a_response":{"code":"10000","x":"}{"},"sign":"s"}', "a_response")
    '{"code":"10000","x":"}{"}'
    """
    decoder = json.JSONDecoder()
    try:
        document = json.loads(text)
    except ValueError:
        return None
    if not isinstance(document, dict) or key not in document:
        return None
    marker = json.dumps(key)
    position = 0
    while True:
        position = text.find(marker, position)
        if position < 0:
            return None
        cursor = position + len(marker)
        while cursor < len(text) and text[cursor] in " \t\r\n":
            cursor += 1
        if cursor < len(text) and text[cursor] == ":":
            cursor += 1
            while cursor < len(text) and text[cursor] in " \t\r\n":
                cursor += 1
            try:
                _value, end = decoder.raw_decode(text, cursor)
            except ValueError:
                return None
            return text[cursor:end]
        position = cursor


class AlipayClient:
    """One Alipay app: ``app_id``, our ``app_private_key_pem`` (RSA2), ``alipay_public_key_pem``;
    ``app_auth_token`` for a service provider acting for a merchant."""

    def __init__(
        self,
        endpoint,
        app_id,
        app_private_key_pem,
        alipay_public_key_pem,
        app_auth_token=None,
        seller_id=None,
        timeout=TIMEOUT,
        session=None,
    ):
        self.endpoint = endpoint
        self.app_id = app_id
        self._private_key = app_private_key_pem
        self.alipay_public_key_pem = alipay_public_key_pem
        self.app_auth_token = app_auth_token
        self.seller_id = seller_id
        self.timeout = timeout
        self.session = session or requests

    def __repr__(self):  # never the key
        return f"<AlipayClient app_id={self.app_id} endpoint={self.endpoint}>"

    def _call(self, method, biz):
        """``(response dict, None)`` or ``(None, PayResult)`` when there is no believable answer."""
        params = {
            "app_id": self.app_id,
            "method": method,
            "format": "JSON",
            "charset": "utf-8",
            "sign_type": "RSA2",
            "timestamp": (datetime.utcnow() + BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            "version": "1.0",
            "biz_content": json.dumps(biz, ensure_ascii=False, separators=(",", ":")),
        }
        if self.app_auth_token:
            params["app_auth_token"] = self.app_auth_token
        try:
            params["sign"] = rsa_sign(sign_content(params), self._private_key)
        except (ValueError, TypeError):
            return None, pr.failed("KEY", "the app private key cannot be read")
        try:
            response = self.session.post(self.endpoint, data=params, timeout=self.timeout)
        except requests.RequestException as error:
            return None, pr.unknown(pr.NETWORK, type(error).__name__)
        if response.status_code != 200:
            return None, pr.unknown(pr.NETWORK, f"HTTP {response.status_code}")
        text = response.content.decode("utf-8", "replace")
        name = method.replace(".", "_") + "_response"
        raw = raw_member(text, name)
        if raw is None:
            raw = raw_member(text, "error_response")
            if raw is not None:  # refused before processing (bad signature, bad app): nothing happened
                body = json.loads(raw)
                return None, pr.failed(body.get("sub_code") or body.get("code") or "FAIL", body.get("sub_msg", ""))
            return None, pr.unknown(pr.BAD_RESPONSE, "not an Alipay answer")
        signature = json.loads(text).get("sign")
        body = json.loads(raw)
        if not signature and isinstance(body, dict) and body.get("code") in GATEWAY_REFUSALS:
            # the gateway refused the call before processing (Alipay does not sign these)
            return None, pr.failed(body.get("sub_code") or body["code"], body.get("sub_msg", ""))
        if not rsa_verify(raw, signature, self.alipay_public_key_pem) or not isinstance(body, dict):
            return None, pr.unknown(pr.BAD_RESPONSE, "the answer's signature does not verify")
        return body, None

    # ------------------------------------------------------------------ calls
    def pay(self, out_trade_no, amount_fen, auth_code, subject):
        """``alipay.trade.pay``, ``scene=bar_code``: charge the customer's payment code."""
        biz = {
            "out_trade_no": out_trade_no,
            "scene": "bar_code",
            "auth_code": auth_code,
            "total_amount": pr.fen_to_yuan(amount_fen),
            "subject": subject[:128],
        }
        if self.seller_id:
            biz["seller_id"] = self.seller_id
        body, error = self._call("alipay.trade.pay", biz)
        if error:
            return error
        code = body.get("code")
        if code == "10000":
            return self._paid(body, amount_fen)
        if code == "10003":
            return pr.user_paying("WAIT_BUYER_PAY", body.get("msg", ""), _public(body))
        if code == "20000":
            return pr.unknown(body.get("sub_code") or code, body.get("sub_msg", ""))
        sub_code = body.get("sub_code") or code or "FAIL"
        if sub_code in PAY_UNKNOWN_SUB_CODES:
            return pr.unknown(sub_code, body.get("sub_msg", ""))
        return pr.failed(sub_code, body.get("sub_msg", ""), _public(body))

    def query(self, out_trade_no, amount_fen):
        """``alipay.trade.query``: SUCCESS (paid), USER_PAYING, FAILED (closed, not existing), UNKNOWN."""
        body, error = self._call("alipay.trade.query", {"out_trade_no": out_trade_no})
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        code = body.get("code")
        if code == "10000":
            state = body.get("trade_status", "")
            status = QUERY_STATES.get(state, pr.UNKNOWN)
            if status == pr.SUCCESS:
                return self._paid(body, amount_fen)
            return pr.PayResult(status, state, body.get("msg", ""), data=_public(body))
        sub_code = body.get("sub_code") or code or "FAIL"
        if sub_code == "ACQ.TRADE_NOT_EXIST":
            return pr.failed(sub_code, body.get("sub_msg", ""))
        return pr.unknown(sub_code, body.get("sub_msg", ""))

    def cancel(self, out_trade_no):
        """``alipay.trade.cancel``: close the trade or refund it if paid. SUCCESS when done,
        UNKNOWN when Alipay asks to try again (``retry_flag=Y``, system error)."""
        body, error = self._call("alipay.trade.cancel", {"out_trade_no": out_trade_no})
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        if body.get("code") == "10000" and body.get("retry_flag", "N") != "Y":
            return pr.success(
                body.get("trade_no", ""), code=(body.get("action") or "close").upper(), data=_public(body)
            )
        sub_code = body.get("sub_code") or body.get("code") or "FAIL"
        if body.get("retry_flag") == "Y" or body.get("code") == "20000" or sub_code in PAY_UNKNOWN_SUB_CODES:
            return pr.unknown(sub_code, body.get("sub_msg", ""))
        return pr.failed(sub_code, body.get("sub_msg", ""))

    def refund(self, out_trade_no, out_request_no, refund_fen):
        """``alipay.trade.refund`` of ``refund_fen`` under the idempotent ``out_request_no``."""
        body, error = self._call(
            "alipay.trade.refund",
            {
                "out_trade_no": out_trade_no,
                "out_request_no": out_request_no,
                "refund_amount": pr.fen_to_yuan(refund_fen),
            },
        )
        if error:
            return error
        if body.get("code") == "10000":
            return pr.success(body.get("trade_no", ""), pr.yuan_to_fen(body.get("refund_fee")), _public(body))
        sub_code = body.get("sub_code") or body.get("code") or "FAIL"
        if body.get("code") == "20000" or sub_code in ("ACQ.SYSTEM_ERROR", "ACQ.REQUEST_TOO_FAST"):
            return pr.unknown(sub_code, body.get("sub_msg", ""))
        return pr.failed(sub_code, body.get("sub_msg", ""))

    def refund_query(self, out_trade_no, out_request_no):
        """``alipay.trade.fastpay.refund.query``: SUCCESS when the refund exists, FAILED when not."""
        body, error = self._call(
            "alipay.trade.fastpay.refund.query", {"out_trade_no": out_trade_no, "out_request_no": out_request_no}
        )
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        if body.get("code") == "10000":
            if body.get("refund_amount"):
                return pr.success(body.get("trade_no", ""), pr.yuan_to_fen(body.get("refund_amount")), _public(body))
            return pr.failed("REFUND_NOT_EXIST")
        return pr.unknown(body.get("sub_code") or body.get("code") or "FAIL", body.get("sub_msg", ""))

    def bill_download_url(self, bill_date, bill_type="trade"):
        """``alipay.data.dataservice.bill.downloadurl.query`` for ``bill_date`` (``YYYY-MM-DD``):
        ``(url, None)`` or ``(None, PayResult)``."""
        body, error = self._call(
            "alipay.data.dataservice.bill.downloadurl.query", {"bill_type": bill_type, "bill_date": bill_date}
        )
        if error:
            return None, error
        if body.get("code") == "10000" and body.get("bill_download_url"):
            return body["bill_download_url"], None
        return None, pr.failed(body.get("sub_code") or body.get("code") or "FAIL", body.get("sub_msg", ""))

    def download_bill(self, bill_date, bill_type="trade"):
        """The day's bill file (bytes, Alipay's zip of CSV files): ``(content, None)`` or
        ``(None, PayResult)``."""
        url, error = self.bill_download_url(bill_date, bill_type)
        if error:
            return None, error
        try:
            response = self.session.get(url, timeout=self.timeout)
        except requests.RequestException as exc:
            return None, pr.unknown(pr.NETWORK, type(exc).__name__)
        if response.status_code != 200:
            return None, pr.unknown(pr.NETWORK, f"HTTP {response.status_code}")
        return response.content, None

    def _paid(self, body, amount_fen):
        paid = pr.yuan_to_fen(body.get("total_amount"))
        if paid is not None and paid != int(amount_fen):
            return pr.unknown(pr.BAD_RESPONSE, f"paid {paid} fen instead of {amount_fen}", _public(body))
        return pr.success(body.get("trade_no", ""), int(amount_fen), _public(body))


def _public(body):
    return {k: v for k, v in body.items() if k != "sign"}
