"""WeChat Pay API v2, 付款码支付 (micropay), as a plain client (no Odoo).

Protocol: XML bodies POSTed to ``<endpoint>/pay/micropay``, ``/pay/orderquery``,
``/secapi/pay/reverse``, ``/secapi/pay/refund``, ``/pay/refundquery``, ``/pay/downloadbill``;
``sign_type=HMAC-SHA256`` over the sorted non-empty ``k=v`` pairs joined by ``&`` plus
``&key=<API key>``, upper-case hex. Every answer's signature is verified before it is
believed; amounts are integer fen (``total_fee``). Service-provider mode adds ``sub_appid``
and ``sub_mch_id``. ``/secapi/`` calls carry the merchant's client certificate (mutual TLS).

Each call answers a :class:`~.pay_result.PayResult`; nothing raises for what the network or
WeChat did. The API key never appears in a result, an exception or a log line.
"""

import contextlib
import hashlib
import hmac
import os
import secrets
import tempfile

import requests
from lxml import etree

from . import pay_result as pr

TIMEOUT = pr.TIMEOUT
# micropay err_code -> status of the payment (others: FAILED)
PAY_ERRORS = {
    "USERPAYING": pr.USER_PAYING,
    "SYSTEMERROR": pr.UNKNOWN,
    "BANKERROR": pr.UNKNOWN,
    "ORDERPAID": pr.UNKNOWN,  # paid by an earlier try of the same out_trade_no: the query tells
    "OUT_TRADE_NO_USED": pr.UNKNOWN,
    "FREQUENCY_LIMITED": pr.UNKNOWN,
}
# orderquery trade_state -> status of the payment
TRADE_STATES = {
    "SUCCESS": pr.SUCCESS,
    "REFUND": pr.SUCCESS,  # paid, then (partly) refunded
    "USERPAYING": pr.USER_PAYING,
    "NOTPAY": pr.FAILED,
    "CLOSED": pr.FAILED,
    "REVOKED": pr.FAILED,
    "PAYERROR": pr.FAILED,
}
_PARSER = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_blank_text=True)


def sign(params, api_key):
    """HMAC-SHA256 signature of ``params`` (``sign`` and empty values left out).

    >>> sign({"b": "2", "a": "1", "sign": "x", "c": ""}, "k")
    '196937ABF201954EED0C61E7A226FB7DD5670AEF413E3F8E73373120F1DFE454'
    """
    text = "&".join(f"{k}={params[k]}" for k in sorted(params) if k != "sign" and params[k] not in (None, ""))
    text += f"&key={api_key}"
    return hmac.new(api_key.encode(), text.encode(), hashlib.sha256).hexdigest().upper()


def verify(params, api_key):
    """Whether ``params`` carry the right ``sign`` (compared in constant time)."""
    given = params.get("sign") or ""
    return bool(given) and hmac.compare_digest(given, sign(params, api_key))


def to_xml(params):
    """``<xml><k>v</k>...</xml>`` of a flat dict (bytes, UTF-8)."""
    root = etree.Element("xml")
    for key in sorted(params):
        if params[key] not in (None, ""):
            etree.SubElement(root, key).text = str(params[key])
    return etree.tostring(root, encoding="utf-8")


def from_xml(raw):
    """The flat dict of an ``<xml>`` answer; ``{}`` when it is not one (never raises).

    >>> from_xml(b"<xml><a><![CDATA[1]]></a><b>x</b></xml>")
    {'a': '1', 'b': 'x'}
    >>> from_xml(b"not xml")
    {}
    """
    try:
        root = etree.fromstring(raw, _PARSER)
    except (etree.XMLSyntaxError, ValueError):
        return {}
    if root is None or root.tag != "xml":
        return {}
    return {child.tag: (child.text or "") for child in root if isinstance(child.tag, str)}


class WechatPayClient:
    """One merchant account: ``appid``, ``mch_id``, ``api_key``; in service-provider mode
    ``sub_mch_id`` (and optionally ``sub_appid``); ``cert_pem``/``key_pem`` for ``/secapi/``."""

    def __init__(
        self,
        endpoint,
        appid,
        mch_id,
        api_key,
        sub_appid=None,
        sub_mch_id=None,
        cert_pem=None,
        key_pem=None,
        timeout=TIMEOUT,
        session=None,
    ):
        self.endpoint = endpoint.rstrip("/")
        self.appid = appid
        self.mch_id = mch_id
        self._api_key = api_key
        self.sub_appid = sub_appid
        self.sub_mch_id = sub_mch_id
        self._cert_pem = cert_pem
        self._key_pem = key_pem
        self.timeout = timeout
        self.session = session or requests

    def __repr__(self):  # never the key
        return f"<WechatPayClient mch_id={self.mch_id} sub_mch_id={self.sub_mch_id} endpoint={self.endpoint}>"

    # ------------------------------------------------------------------ transport
    def _base(self):
        params = {
            "appid": self.appid,
            "mch_id": self.mch_id,
            "nonce_str": secrets.token_hex(16),
            "sign_type": "HMAC-SHA256",
        }
        if self.sub_mch_id:
            params["sub_mch_id"] = self.sub_mch_id
            if self.sub_appid:
                params["sub_appid"] = self.sub_appid
        return params

    @contextlib.contextmanager
    def _cert(self, path):
        """The client certificate files for a ``/secapi/`` call over HTTPS (else None)."""
        if not path.startswith("/secapi/") or not self.endpoint.startswith("https") or not self._cert_pem:
            yield None
            return
        files = []
        try:
            for pem in (self._cert_pem, self._key_pem or self._cert_pem):
                handle, name = tempfile.mkstemp(suffix=".pem")
                with os.fdopen(handle, "w") as stream:
                    stream.write(pem)
                files.append(name)
            yield tuple(files)
        finally:
            for name in files:
                with contextlib.suppress(OSError):
                    os.unlink(name)

    def _post(self, path, params):
        """``(answer dict, None)`` or ``(None, PayResult)`` when there is no believable answer."""
        params = {**self._base(), **params}
        params["sign"] = sign(params, self._api_key)
        try:
            with self._cert(path) as cert:
                response = self.session.post(
                    self.endpoint + path,
                    data=to_xml(params),
                    timeout=self.timeout,
                    cert=cert,
                    headers={"Content-Type": "text/xml; charset=utf-8"},
                )
        except requests.RequestException as error:
            return None, pr.unknown(pr.NETWORK, type(error).__name__)
        if response.status_code != 200:
            return None, pr.unknown(pr.NETWORK, f"HTTP {response.status_code}")
        answer = from_xml(response.content)
        if not answer:
            return None, pr.unknown(pr.BAD_RESPONSE, "not an XML answer")
        if answer.get("return_code") != "SUCCESS":
            # refused before any processing (bad signature, bad parameters): nothing happened
            return None, pr.failed(answer.get("return_code") or "FAIL", answer.get("return_msg", ""))
        if not verify(answer, self._api_key):
            return None, pr.unknown(pr.BAD_RESPONSE, "the answer's signature does not verify")
        if answer.get("mch_id") and answer["mch_id"] != self.mch_id:
            return None, pr.unknown(pr.BAD_RESPONSE, "the answer is for another merchant")
        return answer, None

    # ------------------------------------------------------------------ calls
    def micropay(self, out_trade_no, amount_fen, auth_code, body, client_ip="127.0.0.1"):
        """Charge ``amount_fen`` on the customer's payment code ``auth_code``."""
        answer, error = self._post(
            "/pay/micropay",
            {
                "out_trade_no": out_trade_no,
                "total_fee": int(amount_fen),
                "fee_type": "CNY",
                "auth_code": auth_code,
                "body": body[:120],
                "spbill_create_ip": client_ip,
            },
        )
        if error:
            return error
        if answer.get("result_code") == "SUCCESS":
            return self._paid(answer, amount_fen)
        code = answer.get("err_code") or "FAIL"
        status = PAY_ERRORS.get(code, pr.FAILED)
        return pr.PayResult(status, code, answer.get("err_code_des", ""), data=_public(answer))

    def orderquery(self, out_trade_no, amount_fen):
        """The state of our trade: SUCCESS (paid), USER_PAYING, FAILED (not paid: NOTPAY,
        CLOSED, REVOKED, PAYERROR, ORDERNOTEXIST) or UNKNOWN."""
        answer, error = self._post("/pay/orderquery", {"out_trade_no": out_trade_no})
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        if answer.get("result_code") != "SUCCESS":
            code = answer.get("err_code") or "FAIL"
            if code == "ORDERNOTEXIST":
                return pr.failed(code, answer.get("err_code_des", ""))
            return pr.unknown(code, answer.get("err_code_des", ""))
        state = answer.get("trade_state", "")
        status = TRADE_STATES.get(state, pr.UNKNOWN)
        if status == pr.SUCCESS:
            return self._paid(answer, amount_fen)
        return pr.PayResult(status, state, answer.get("trade_state_desc", ""), data=_public(answer))

    def reverse(self, out_trade_no):
        """Cancel our trade whatever its state (refunds it if it was paid): SUCCESS when
        reversed, UNKNOWN when WeChat asks to try again (``recall=Y``, system error)."""
        answer, error = self._post("/secapi/pay/reverse", {"out_trade_no": out_trade_no})
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        if answer.get("result_code") == "SUCCESS" and answer.get("recall", "N") != "Y":
            return pr.success(code="REVERSED", data=_public(answer))
        code = answer.get("err_code") or "RECALL"
        if code in ("SYSTEMERROR", "USERPAYING", "RECALL", "FREQUENCY_LIMITED") or answer.get("recall") == "Y":
            return pr.unknown(code, answer.get("err_code_des", ""))
        return pr.failed(code, answer.get("err_code_des", ""))

    def refund(self, out_trade_no, out_refund_no, total_fen, refund_fen):
        """Refund ``refund_fen`` of our paid trade under the idempotent ``out_refund_no``."""
        answer, error = self._post(
            "/secapi/pay/refund",
            {
                "out_trade_no": out_trade_no,
                "out_refund_no": out_refund_no,
                "total_fee": int(total_fen),
                "refund_fee": int(refund_fen),
                "refund_fee_type": "CNY",
            },
        )
        if error:
            return error
        if answer.get("result_code") == "SUCCESS":
            return pr.success(answer.get("refund_id", ""), _int(answer.get("refund_fee")), _public(answer))
        code = answer.get("err_code") or "FAIL"
        if code in ("SYSTEMERROR", "BIZERR_NEED_RETRY", "FREQUENCY_LIMITED"):
            return pr.unknown(code, answer.get("err_code_des", ""))
        return pr.failed(code, answer.get("err_code_des", ""))

    def refundquery(self, out_refund_no):
        """The state of a refund: SUCCESS (done or processing), FAILED, UNKNOWN."""
        answer, error = self._post("/pay/refundquery", {"out_refund_no": out_refund_no})
        if error:
            return error if error.status != pr.FAILED else pr.unknown(error.code, error.message)
        if answer.get("result_code") != "SUCCESS":
            code = answer.get("err_code") or "FAIL"
            return pr.failed(code) if code == "REFUNDNOTEXIST" else pr.unknown(code)
        state = answer.get("refund_status_0", "")
        if state in ("SUCCESS", "PROCESSING"):
            return pr.success(answer.get("refund_id_0", ""), _int(answer.get("refund_fee_0")), _public(answer))
        return pr.failed(state or "FAIL", data=_public(answer))

    def downloadbill(self, bill_date, bill_type="ALL"):
        """The day's bill (``bill_date``: ``YYYYMMDD``) as text; ``(text, None)`` or
        ``(None, PayResult)``. The bill itself is not signed (WeChat's), errors are XML."""
        params = {**self._base(), "bill_date": bill_date, "bill_type": bill_type}
        params.pop("sub_appid", None)
        params["sign"] = sign(params, self._api_key)
        try:
            response = self.session.post(self.endpoint + "/pay/downloadbill", data=to_xml(params), timeout=self.timeout)
        except requests.RequestException as error:
            return None, pr.unknown(pr.NETWORK, type(error).__name__)
        text = response.content.decode("utf-8", "replace")
        if text.lstrip().startswith("<xml>"):
            answer = from_xml(response.content)
            return None, pr.failed(
                answer.get("error_code") or answer.get("return_code") or "FAIL", answer.get("return_msg", "")
            )
        return text, None

    def _paid(self, answer, amount_fen):
        fee = _int(answer.get("total_fee"))
        if fee != int(amount_fen):
            return pr.unknown(pr.BAD_RESPONSE, f"paid {fee} fen instead of {amount_fen}", _public(answer))
        return pr.success(answer.get("transaction_id", ""), fee, _public(answer))


def _int(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None


def _public(answer):
    """The answer without its signature and nonce (what we keep)."""
    return {k: v for k, v in answer.items() if k not in ("sign", "nonce_str")}
