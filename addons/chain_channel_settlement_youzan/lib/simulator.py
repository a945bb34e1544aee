# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The Youzan simulator with its fund-flow API (``youzan.trade.settlement.flow.query``), for
tests, benchmarks and demos. It extends ``chain_channel_youzan``'s simulator without changing it:
the new API answers like the others (``access_token`` checked, rate limit, injected faults).
"""

import itertools
import time

from odoo.addons.chain_channel_youzan.lib.simulator import (
    BEIJING,
    FMT,
    RATE_LIMIT_CODE,
    TOKEN_INVALID_CODE,
    TokenBucket,
    YouzanSimulator,
)

from .youzan_settlement import API_SETTLEMENT_FLOW, MAX_PAGE_SIZE


class SettlementSimulator(YouzanSimulator):
    """A Youzan shop that also keeps the shop's fund flow (``flows``)."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.currency = "CNY"  # of the rows booked without one
        self.flows = []  # rows as the API returns them, plus "_at" (naive UTC)
        self._flow_no = itertools.count(1)

    def add_flow(self, tid, biz_type, amount, when=None, remark="", currency=None):
        """Book a fund-flow row: ``amount`` > 0 in, < 0 out; its ``flow_no``."""
        moment = when or self.now()
        flow_no = f"YZF{moment:%Y%m%d}{next(self._flow_no):08d}"
        with self.lock:
            self.flows.append(
                {
                    "flow_no": flow_no,
                    "tid": tid or "",
                    "biz_type": biz_type,
                    "in_amount": f"{amount:.2f}" if amount > 0 else "0.00",
                    "out_amount": f"{-amount:.2f}" if amount < 0 else "0.00",
                    "currency": currency or self.currency,
                    "created": (moment + BEIJING).strftime(FMT),
                    "remark": remark,
                    "_at": moment,
                }
            )
        return flow_no

    def settle(self, tid, amount, commission_rate=5.0, when=None):
        """The flow of one settled trade: its payment in, the platform commission out."""
        self.add_flow(tid, "订单入账", amount, when)
        self.add_flow(tid, "平台佣金", -round(amount * commission_rate / 100, 2), when)

    def _api(self, path, token, body):
        """The fund-flow API, checked as the base class checks its APIs (injected faults, token,
        rate limit per API, JSON body); any other API goes to the base class."""
        name = path.split("/")[0]
        if name != API_SETTLEMENT_FLOW[0]:
            return super()._api(path, token, body)
        with self.lock:
            fault = self.faults.pop(0) if self.faults else None
            valid = self.tokens.get(token, 0) > time.time()
            bucket = self.buckets.setdefault(name, TokenBucket(self.rate))
        if fault == "timeout":
            self._stopping.wait(self.fault_sleep)
            return None, None
        if fault == "5xx":
            return 503, {"success": False, "code": 503, "message": "service unavailable"}
        if fault == "token" or not valid:
            return 200, {"success": False, "code": TOKEN_INVALID_CODE, "message": "access_token invalid or expired"}
        if fault == "throttle" or not bucket.take():
            self.calls.append((name, RATE_LIMIT_CODE))
            return 200, {"success": False, "code": RATE_LIMIT_CODE, "message": "rate limit exceeded"}
        try:
            data = self._settlement_flow(body)
        except (KeyError, ValueError, TypeError, AttributeError) as error:
            return 200, {"success": False, "code": 4000, "message": f"invalid parameter: {error}"}
        self.calls.append((name, 200))
        return 200, {"success": True, "code": 200, "data": data}

    def _settlement_flow(self, body):
        start = body["start_time"]
        end = body["end_time"]
        page_no, page_size = int(body.get("page_no", 1)), int(body.get("page_size", 20))
        if page_no < 1 or not 1 <= page_size <= MAX_PAGE_SIZE:
            raise ValueError("page_no >= 1, 1 <= page_size <= 100")
        with self.lock:
            rows = sorted((f for f in self.flows if start <= f["created"] < end), key=lambda f: f["flow_no"])
            page = rows[(page_no - 1) * page_size : page_no * page_size]
            return {
                "total_results": len(rows),
                "list": [{k: v for k, v in row.items() if not k.startswith("_")} for row in page],
            }
