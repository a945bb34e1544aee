"""A local WeChat Pay API v2 (付款码支付) for tests, benchmarks and demos.

Serves ``POST /pay/micropay``, ``/pay/orderquery``, ``/secapi/pay/reverse``,
``/secapi/pay/refund``, ``/pay/refundquery``, ``/pay/downloadbill`` with WeChat's XML and
HMAC-SHA256 signatures: a request whose signature, ``appid`` or ``mch_id`` is wrong is refused
as WeChat does (``return_code=FAIL``). Scenarios and ledger: see ``sim_common``.

Use::

    sim = WechatPaySimulator(port=0).start()
    # an account with endpoint=sim.url, appid=sim.appid, mch_id=sim.mch_id, api_key=sim.api_key
    sim.trades, sim.refunds, sim.charged()
    sim.stop()

Run alone (the demo): ``python3 wechatpay_simulator.py --port 18391 [--keys FILE]`` prints
the account's settings (``--keys`` keeps the key across runs).
"""

import argparse
import importlib.util
import json
import pathlib
import secrets
import sys
import time
from datetime import date, datetime


def _package(name):
    """Load this directory as package ``name`` (the simulator run alone, outside Odoo)."""
    here = pathlib.Path(__file__).resolve().parent
    spec = importlib.util.spec_from_file_location(name, here / "__init__.py", submodule_search_locations=[str(here)])
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)


try:
    from . import sim_common
    from .wechatpay import from_xml, sign, to_xml, verify
except ImportError:  # run as a script: lib/ loaded as a package of its own
    _package("chain_pay_lib")
    from chain_pay_lib import sim_common
    from chain_pay_lib.wechatpay import from_xml, sign, to_xml, verify

XML = "text/xml; charset=utf-8"
PAY_ERRORS = {  # sim_common outcome -> (err_code, err_code_des)
    sim_common.PAYING: ("USERPAYING", "需要用户输入支付密码"),
    sim_common.NOTENOUGH: ("NOTENOUGH", "余额不足"),
    sim_common.SYSTEMERROR: ("SYSTEMERROR", "系统超时"),
    sim_common.CODE_INVALID: ("AUTHCODEEXPIRE", "二维码已过期"),
    sim_common.ALREADY_PAID: ("ORDERPAID", "该订单已支付"),
    sim_common.ALREADY_CLOSED: ("ORDERREVERSED", "当前订单已经被撤销"),
    sim_common.NUMBER_USED: ("OUT_TRADE_NO_USED", "商户订单号重复"),
}
TRADE_STATE_DESC = {
    "SUCCESS": "支付成功",
    "USERPAYING": "用户支付中",
    "NOTPAY": "未支付",
    "REVERSED": "已撤销",
    "CLOSED": "已关闭",
}


class WechatPaySimulator(sim_common.BaseSimulator):
    """One WeChat Pay merchant (or service provider: any ``sub_mch_id`` is accepted)."""

    name = "wechatpay"
    ref_prefix = "42"

    def __init__(self, port=0, api_key=None, mch_id="1900000109", appid="wxd678efh567hg6787"):
        super().__init__(port)
        self.api_key = api_key or secrets.token_hex(16)
        self.mch_id = mch_id
        self.appid = appid

    def handle(self, verb, path, body):
        path = path.split("?")[0]
        if verb != "POST":
            return 404, "text/plain", b"not found"
        request = from_xml(body)
        if not request:
            return self._fail("XML格式错误")
        if not verify(request, self.api_key):
            self.calls.append((path, "BAD_SIGN"))
            return self._fail("签名错误")
        if request.get("mch_id") != self.mch_id or (path != "/pay/downloadbill" and request.get("appid") != self.appid):
            return self._fail("mch_id或appid不正确")
        if self._throttled():
            self.calls.append((path, "FREQUENCY_LIMITED"))
            return self._answer(
                request, {"result_code": "FAIL", "err_code": "FREQUENCY_LIMITED", "err_code_des": "请降低请求频率"}
            )
        route = {
            "/pay/micropay": self._micropay,
            "/pay/orderquery": self._orderquery,
            "/secapi/pay/reverse": self._reverse,
            "/secapi/pay/refund": self._refund,
            "/pay/refundquery": self._refundquery,
            "/pay/downloadbill": self._downloadbill,
        }.get(path)
        if route is None:
            return 404, "text/plain", b"not found"
        return route(request)

    # ------------------------------------------------------------------ answers
    def _fail(self, message):
        return 200, XML, to_xml({"return_code": "FAIL", "return_msg": message})

    def _answer(self, request, fields):
        params = {
            "return_code": "SUCCESS",
            "return_msg": "OK",
            "appid": self.appid,
            "mch_id": self.mch_id,
            "nonce_str": secrets.token_hex(8),
            **fields,
        }
        for key in ("sub_mch_id", "sub_appid"):
            if request.get(key):
                params[key] = request[key]
        params["sign"] = sign(params, self.api_key)
        if self.tamper:  # signed, then altered on the way
            params["result_code"] = "SUCCESS"
            params["total_fee"] = str(int(params.get("total_fee") or 0) + 1)
        return 200, XML, to_xml(params)

    @staticmethod
    def _paid_fields(trade):
        return {
            "result_code": "SUCCESS",
            "transaction_id": trade["provider_ref"],
            "out_trade_no": trade["out_trade_no"],
            "total_fee": str(trade["amount_fen"]),
            "fee_type": "CNY",
            "trade_type": "MICROPAY",
            "bank_type": "CMC",
            "openid": "oUpF8uMuAJO_M2pxb1Q9zNjWeS6o",
            "time_end": (trade["paid_at"] or datetime.utcnow()).strftime("%Y%m%d%H%M%S"),
        }

    def _micropay(self, request):
        try:
            amount = int(request.get("total_fee", ""))
        except ValueError:
            return self._answer(request, {"result_code": "FAIL", "err_code": "PARAM_ERROR", "err_code_des": "参数错误"})
        if amount <= 0 or not request.get("out_trade_no") or not request.get("auth_code"):
            return self._answer(request, {"result_code": "FAIL", "err_code": "PARAM_ERROR", "err_code_des": "参数错误"})
        outcome, trade = self.pay(
            request["out_trade_no"], amount, request["auth_code"], request.get("sub_mch_id") or self.mch_id
        )
        self.calls.append(("/pay/micropay", outcome))
        if outcome == sim_common.DROP:
            return None
        if outcome == sim_common.PAID:
            return self._answer(request, self._paid_fields(trade))
        code, text = PAY_ERRORS[outcome]
        return self._answer(request, {"result_code": "FAIL", "err_code": code, "err_code_des": text})

    def _orderquery(self, request):
        trade = self.query(request.get("out_trade_no", ""))
        self.calls.append(("/pay/orderquery", trade["state"] if trade else "ORDERNOTEXIST"))
        if trade is None:
            return self._answer(
                request, {"result_code": "FAIL", "err_code": "ORDERNOTEXIST", "err_code_des": "此交易订单号不存在"}
            )
        if trade["state"] == "SUCCESS":
            state = "REFUND" if trade["refunded_fen"] else "SUCCESS"
            return self._answer(
                request,
                {**self._paid_fields(trade), "trade_state": state, "trade_state_desc": TRADE_STATE_DESC["SUCCESS"]},
            )
        state = {"REVERSED": "REVOKED"}.get(trade["state"], trade["state"])
        return self._answer(
            request,
            {
                "result_code": "SUCCESS",
                "out_trade_no": trade["out_trade_no"],
                "trade_state": state,
                "trade_state_desc": TRADE_STATE_DESC.get(trade["state"], ""),
            },
        )

    def _reverse(self, request):
        trade = self.reverse(request.get("out_trade_no", ""))
        self.calls.append(("/secapi/pay/reverse", trade["state"]))
        return self._answer(request, {"result_code": "SUCCESS", "recall": "N"})

    def _refund(self, request):
        try:
            amount = int(request.get("refund_fee", ""))
        except ValueError:
            amount = 0
        if amount <= 0 or not request.get("out_refund_no"):
            return self._answer(request, {"result_code": "FAIL", "err_code": "PARAM_ERROR", "err_code_des": "参数错误"})
        outcome, refund = self.refund(request.get("out_trade_no", ""), request["out_refund_no"], amount)
        self.calls.append(("/secapi/pay/refund", outcome))
        if outcome != "SUCCESS":
            code, text = {
                "NOTEXIST": ("ORDERNOTEXIST", "订单不存在"),
                "NOT_PAID": ("TRADE_STATE_ERROR", "订单状态错误"),
                "TOO_MUCH": ("INVALID_REQUEST", "退款金额大于支付金额"),
                "NUMBER_USED": ("INVALID_REQUEST", "商户退款单号重复"),
            }[outcome]
            return self._answer(request, {"result_code": "FAIL", "err_code": code, "err_code_des": text})
        return self._answer(
            request,
            {
                "result_code": "SUCCESS",
                "transaction_id": refund["provider_ref"],
                "out_trade_no": refund["out_trade_no"],
                "out_refund_no": refund["out_refund_no"],
                "refund_id": refund["refund_id"],
                "refund_fee": str(refund["amount_fen"]),
            },
        )

    def _refundquery(self, request):
        with self.lock:
            refund = self.refunds.get(request.get("out_refund_no", ""))
        if refund is None:
            return self._answer(
                request, {"result_code": "FAIL", "err_code": "REFUNDNOTEXIST", "err_code_des": "退款订单查询失败"}
            )
        return self._answer(
            request,
            {
                "result_code": "SUCCESS",
                "out_trade_no": refund["out_trade_no"],
                "refund_count": "1",
                "out_refund_no_0": refund["out_refund_no"],
                "refund_id_0": refund["refund_id"],
                "refund_fee_0": str(refund["amount_fen"]),
                "refund_status_0": "SUCCESS",
            },
        )

    def _downloadbill(self, request):
        try:
            day = datetime.strptime(request.get("bill_date", ""), "%Y%m%d").date()
        except ValueError:
            return 200, XML, to_xml({"return_code": "FAIL", "return_msg": "invalid bill_date", "error_code": "20001"})
        content = self.bill(day)
        if content is None:
            return 200, XML, to_xml({"return_code": "FAIL", "return_msg": "No Bill Exist", "error_code": "20002"})
        if isinstance(content, str):
            content = content.encode("utf-8")
        return 200, "text/plain; charset=utf-8", content


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=18391)
    parser.add_argument("--keys", help="JSON file keeping the simulator's key across runs")
    args = parser.parse_args(argv)
    keys = sim_common.keys_file(args.keys, lambda: {"api_key": secrets.token_hex(16)})
    sim = WechatPaySimulator(port=args.port, api_key=keys["api_key"]).start()
    sys.stdout.write(
        json.dumps(
            {
                "endpoint": sim.url,
                "appid": sim.appid,
                "mch_id": sim.mch_id,
                "api_key": sim.api_key,
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
