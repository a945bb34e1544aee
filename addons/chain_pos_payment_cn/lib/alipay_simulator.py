"""A local Alipay open-platform gateway (当面付, bar-code payments) for tests, benchmarks and demos.

``POST /gateway.do`` (form) with ``method`` ``alipay.trade.pay``, ``alipay.trade.query``,
``alipay.trade.cancel``, ``alipay.trade.refund``, ``alipay.trade.fastpay.refund.query``,
``alipay.data.dataservice.bill.downloadurl.query``; ``GET /bill/<date>`` serves the bill the
last one points to. Requests are verified with the app's public key (RSA2); answers are
signed with the simulator's own "Alipay" key. RSA keys are generated at start (or read from
``--keys``). Scenarios and ledger: see ``sim_common``.

Use::

    sim = AlipaySimulator(port=0).start()
    # an account with endpoint=sim.gateway, app_id=sim.app_id,
    # app_private_key=sim.app_private_key_pem, alipay_public_key=sim.alipay_public_key_pem
    sim.stop()

Run alone (the demo): ``python3 alipay_simulator.py --port 18392 [--keys FILE]``.
"""

import argparse
import importlib.util
import json
import pathlib
import sys
import time
from datetime import date, datetime, timedelta
from urllib.parse import parse_qs

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa


def _package(name):
    """Load this directory as package ``name`` (the simulator run alone, outside Odoo)."""
    here = pathlib.Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location(name, here / "__init__.py", submodule_search_locations=[str(here)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


try:
    from . import sim_common
    from .alipay import rsa_sign, rsa_verify, sign_content
    from .pay_result import fen_to_yuan, yuan_to_fen
except ImportError:  # run as a script: lib/ loaded as a package of its own
    _package("chain_pay_lib")
    from chain_pay_lib import sim_common
    from chain_pay_lib.alipay import rsa_sign, rsa_verify, sign_content
    from chain_pay_lib.pay_result import fen_to_yuan, yuan_to_fen

JSON = "application/json; charset=utf-8"
BEIJING = timedelta(hours=8)
PAY_ERRORS = {  # sim_common outcome -> (code, msg, sub_code, sub_msg)
    sim_common.PAYING: ("10003", "order success pay inprocess", "", ""),
    sim_common.NOTENOUGH: ("40004", "Business Failed", "ACQ.BUYER_BALANCE_NOT_ENOUGH", "买家余额不足"),
    sim_common.SYSTEMERROR: ("20000", "Service Currently Unavailable", "ACQ.SYSTEM_ERROR", "系统错误"),
    sim_common.CODE_INVALID: (
        "40004",
        "Business Failed",
        "ACQ.PAYMENT_AUTH_CODE_INVALID",
        "支付失败 获取顾客账户信息失败",
    ),
    sim_common.ALREADY_PAID: ("40004", "Business Failed", "ACQ.TRADE_HAS_SUCCESS", "交易已被支付"),
    sim_common.ALREADY_CLOSED: ("40004", "Business Failed", "ACQ.TRADE_HAS_CLOSE", "交易已经关闭"),
    sim_common.NUMBER_USED: ("40004", "Business Failed", "ACQ.TRADE_NO_USED", "交易号重复"),
}


def new_key_pair():
    """``(private PEM, public PEM)`` of a fresh 2048-bit RSA key."""
    key = rsa.generate_private_key(public_exponent=65537, key_size=2048)
    private = key.private_bytes(
        serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8, serialization.NoEncryption()
    ).decode()
    public = (
        key.public_key()
        .public_bytes(serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo)
        .decode()
    )
    return private, public


def new_keys():
    app_private, app_public = new_key_pair()
    alipay_private, alipay_public = new_key_pair()
    return {
        "app_private_key_pem": app_private,
        "app_public_key_pem": app_public,
        "alipay_private_key_pem": alipay_private,
        "alipay_public_key_pem": alipay_public,
    }


class AlipaySimulator(sim_common.BaseSimulator):
    """One Alipay app of one merchant; ``gateway`` is the URL an account points to."""

    name = "alipay"
    ref_prefix = "20"

    def __init__(self, port=0, app_id="2021000000000001", keys=None):
        super().__init__(port)
        self.app_id = app_id
        keys = keys or new_keys()
        self.app_private_key_pem = keys["app_private_key_pem"]
        self.app_public_key_pem = keys["app_public_key_pem"]
        self._alipay_private_key_pem = keys["alipay_private_key_pem"]
        self.alipay_public_key_pem = keys["alipay_public_key_pem"]
        self._tamper_key = None

    @property
    def gateway(self):
        return f"{self.url}/gateway.do"

    def handle(self, verb, path, body):
        if verb == "GET" and path.startswith("/bill/"):
            return self._bill_file(path[len("/bill/") :])
        if verb != "POST" or path.split("?")[0] != "/gateway.do":
            return 404, "text/plain", b"not found"
        params = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace"), keep_blank_values=True).items()}
        method = params.get("method", "")
        name = method.replace(".", "_") + "_response"
        if params.get("app_id") != self.app_id:
            return self._refuse(name, "isv.invalid-app-id", "无效的AppID参数")
        if params.get("sign_type") != "RSA2" or not rsa_verify(
            sign_content(params), params.get("sign"), self.app_public_key_pem
        ):
            self.calls.append((method, "BAD_SIGN"))
            return self._refuse(name, "isv.invalid-signature", "验签出错")
        try:
            biz = json.loads(params.get("biz_content") or "{}")
        except ValueError:
            return self._refuse(name, "isv.invalid-parameter", "biz_content 格式错误")
        if self._throttled():
            self.calls.append((method, "REQUEST_TOO_FAST"))
            return self._answer(
                name,
                {
                    "code": "40004",
                    "msg": "Business Failed",
                    "sub_code": "ACQ.REQUEST_TOO_FAST",
                    "sub_msg": "请求过于频繁",
                },
            )
        route = {
            "alipay.trade.pay": self._pay,
            "alipay.trade.query": self._query,
            "alipay.trade.cancel": self._cancel,
            "alipay.trade.refund": self._refund,
            "alipay.trade.fastpay.refund.query": self._refund_query,
            "alipay.data.dataservice.bill.downloadurl.query": self._bill_url,
        }.get(method)
        if route is None:
            return self._refuse(name, "isv.invalid-method", "不存在的方法名")
        return route(name, biz)

    # ------------------------------------------------------------------ answers
    def _refuse(self, name, sub_code, sub_msg):
        """A gateway refusal: not signed, as Alipay answers them."""
        body = {name: {"code": "40002", "msg": "Invalid Arguments", "sub_code": sub_code, "sub_msg": sub_msg}}
        return 200, JSON, json.dumps(body, ensure_ascii=False).encode()

    def _answer(self, name, fields):
        raw = json.dumps(fields, ensure_ascii=False, separators=(",", ":"))
        signature = rsa_sign(raw, self._alipay_private_key_pem)
        if self.tamper:  # signed, then altered on the way (a forged "paid")
            forged = {**fields, "code": "10000", "trade_status": "TRADE_SUCCESS", "buyer_logon_id": "forged"}
            raw = json.dumps(forged, ensure_ascii=False, separators=(",", ":"))
        text = '{"%s":%s,"sign":"%s"}' % (name, raw, signature)
        return 200, JSON, text.encode("utf-8")

    @staticmethod
    def _paid_fields(trade):
        return {
            "code": "10000",
            "msg": "Success",
            "trade_no": trade["provider_ref"],
            "out_trade_no": trade["out_trade_no"],
            "buyer_logon_id": "159****5620",
            "total_amount": fen_to_yuan(trade["amount_fen"]),
            "receipt_amount": fen_to_yuan(trade["amount_fen"]),
            "gmt_payment": ((trade["paid_at"] or datetime.utcnow()) + BEIJING).strftime("%Y-%m-%d %H:%M:%S"),
            "buyer_user_id": "2088102122524333",
        }

    def _pay(self, name, biz):
        amount = yuan_to_fen(biz.get("total_amount"))
        if not amount or amount <= 0 or not biz.get("out_trade_no") or biz.get("scene") != "bar_code":
            return self._answer(
                name,
                {"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.INVALID_PARAMETER", "sub_msg": "参数无效"},
            )
        outcome, trade = self.pay(biz["out_trade_no"], amount, biz.get("auth_code", ""), self.app_id)
        self.calls.append(("alipay.trade.pay", outcome))
        if outcome == sim_common.DROP:
            return None
        if outcome == sim_common.PAID:
            return self._answer(name, self._paid_fields(trade))
        code, msg, sub_code, sub_msg = PAY_ERRORS[outcome]
        fields = {"code": code, "msg": msg, "out_trade_no": biz["out_trade_no"]}
        if sub_code:
            fields.update(sub_code=sub_code, sub_msg=sub_msg)
        return self._answer(name, fields)

    def _query(self, name, biz):
        trade = self.query(biz.get("out_trade_no", ""))
        self.calls.append(("alipay.trade.query", trade["state"] if trade else "TRADE_NOT_EXIST"))
        if trade is None or trade["state"] == "NOTPAY":
            return self._answer(
                name,
                {"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.TRADE_NOT_EXIST", "sub_msg": "交易不存在"},
            )
        if trade["state"] == "SUCCESS":
            return self._answer(name, {**self._paid_fields(trade), "trade_status": "TRADE_SUCCESS"})
        status = "WAIT_BUYER_PAY" if trade["state"] == "USERPAYING" else "TRADE_CLOSED"
        return self._answer(
            name,
            {
                "code": "10000",
                "msg": "Success",
                "trade_no": trade["provider_ref"],
                "out_trade_no": trade["out_trade_no"],
                "trade_status": status,
                "total_amount": fen_to_yuan(trade["amount_fen"]),
            },
        )

    def _cancel(self, name, biz):
        before = self.trades.get(biz.get("out_trade_no", ""), {}).get("state")
        trade = self.reverse(biz.get("out_trade_no", ""))
        self.calls.append(("alipay.trade.cancel", trade["state"]))
        action = "refund" if before == "SUCCESS" else "close"
        return self._answer(
            name,
            {
                "code": "10000",
                "msg": "Success",
                "trade_no": trade["provider_ref"],
                "out_trade_no": trade["out_trade_no"],
                "retry_flag": "N",
                "action": action,
            },
        )

    def _refund(self, name, biz):
        amount = yuan_to_fen(biz.get("refund_amount"))
        if not amount or amount <= 0 or not biz.get("out_request_no"):
            return self._answer(
                name,
                {"code": "40004", "msg": "Business Failed", "sub_code": "ACQ.INVALID_PARAMETER", "sub_msg": "参数无效"},
            )
        outcome, refund = self.refund(biz.get("out_trade_no", ""), biz["out_request_no"], amount)
        self.calls.append(("alipay.trade.refund", outcome))
        if outcome != "SUCCESS":
            sub_code, sub_msg = {
                "NOTEXIST": ("ACQ.TRADE_NOT_EXIST", "交易不存在"),
                "NOT_PAID": ("ACQ.TRADE_STATUS_ERROR", "交易状态不合法"),
                "TOO_MUCH": ("ACQ.REFUND_AMT_NOT_EQUAL_TOTAL", "退款金额超限"),
                "NUMBER_USED": ("ACQ.REFUND_REQUEST_NO_USED", "退款请求号重复"),
            }[outcome]
            return self._answer(
                name, {"code": "40004", "msg": "Business Failed", "sub_code": sub_code, "sub_msg": sub_msg}
            )
        trade = self.trades[refund["out_trade_no"]]
        return self._answer(
            name,
            {
                "code": "10000",
                "msg": "Success",
                "trade_no": refund["provider_ref"],
                "out_trade_no": refund["out_trade_no"],
                "fund_change": "Y",
                "refund_fee": fen_to_yuan(trade["refunded_fen"]),
                "send_back_fee": fen_to_yuan(refund["amount_fen"]),
            },
        )

    def _refund_query(self, name, biz):
        with self.lock:
            refund = self.refunds.get(biz.get("out_request_no", ""))
        fields = {
            "code": "10000",
            "msg": "Success",
            "out_trade_no": biz.get("out_trade_no", ""),
            "out_request_no": biz.get("out_request_no", ""),
        }
        if refund:
            fields.update(
                trade_no=refund["provider_ref"],
                refund_amount=fen_to_yuan(refund["amount_fen"]),
                refund_status="REFUND_SUCCESS",
            )
        return self._answer(name, fields)

    def _bill_url(self, name, biz):
        try:
            datetime.strptime(biz.get("bill_date", ""), "%Y-%m-%d")
        except ValueError:
            return self._answer(
                name,
                {"code": "40004", "msg": "Business Failed", "sub_code": "isp.bill_not_exist", "sub_msg": "账单不存在"},
            )
        return self._answer(
            name, {"code": "10000", "msg": "Success", "bill_download_url": f"{self.url}/bill/{biz['bill_date']}"}
        )

    def _bill_file(self, day):
        try:
            bill_day = datetime.strptime(day, "%Y-%m-%d").date()
        except ValueError:
            return 404, "text/plain", b"not found"
        content = self.bill(bill_day)
        if content is None:
            return 404, "text/plain", b"no bill"
        if isinstance(content, str):
            content = content.encode("utf-8")
        kind = "application/zip" if content[:2] == b"PK" else "text/csv; charset=utf-8"
        return 200, kind, content


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18392)
    parser.add_argument("--keys", help="JSON file keeping the simulator's RSA keys across runs")
    args = parser.parse_args(argv)
    keys = sim_common.keys_file(args.keys, new_keys)
    sim = AlipaySimulator(port=args.port, keys=keys).start()
    sys.stdout.write(
        json.dumps(
            {
                "endpoint": sim.gateway,
                "app_id": sim.app_id,
                "app_private_key_pem": sim.app_private_key_pem,
                "alipay_public_key_pem": sim.alipay_public_key_pem,
                "today": date.today().isoformat(),
            }
        )
        + "\n"
    )
    sys.stdout.flush()
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        sim.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main())
