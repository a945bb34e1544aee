# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Youzan's fund-flow (资金流水) API, as the simulator serves it: the request of a page and its
normalized lines. Pure, tested without a database.

The API (``youzan.trade.settlement.flow.query`` 1.0.0 here; Youzan's open platform publishes its
fund-flow queries under the shop's finance scope, whose exact name and fields the Chain simulator
models) takes a Beijing-time window and a page, and answers ``{"total_results": n, "list":
[{"flow_no", "tid", "biz_type", "in_amount", "out_amount", "currency", "created", "remark"}]}``.
"""

from odoo.addons.chain_channel.lib.errors import ChannelPayloadError
from odoo.addons.chain_channel_settlement.lib import settlement as lib
from odoo.addons.chain_channel_youzan.lib import youzan_protocol as yz

API_SETTLEMENT_FLOW = ("youzan.trade.settlement.flow.query", "1.0.0")
# Youzan's business types (业务类型) -> kind; the same labels as its downloadable file
TYPES = {
    "订单入账": "payment",
    "交易手续费": "service_fee",
    "技术服务费": "service_fee",
    "分销佣金": "commission",
    "平台佣金": "commission",
    "运费险": "freight_insurance",
    "平台补贴": "subsidy",
    "退款": "refund",
    "提现": "payout",
}
MAX_PAGE_SIZE = 100


def flow_request(start, end, page_no, page_size):
    """The body asking for the page ``page_no`` of the flow booked in ``[start, end)`` (naive UTC).

    >>> from datetime import datetime
    >>> flow_request(datetime(2026, 11, 30, 16), datetime(2026, 12, 1, 16), 1, 100)["start_time"]
    '2026-12-01 00:00:00'
    """
    return {
        "start_time": yz.utc_to_beijing(start),
        "end_time": yz.utc_to_beijing(end),
        "page_no": int(page_no),
        "page_size": min(int(page_size), MAX_PAGE_SIZE),
    }


def parse_flow_page(data, page_no, page_size):
    """``(lines, has_next)`` of an answer's ``data``: lines normalized as
    ``lib.settlement.normalize`` makes them. A malformed answer raises ``ChannelPayloadError``;
    a malformed row becomes an unreadable line (kept, never dropped).

    >>> data = {"total_results": 1, "list": [{"flow_no": "F1", "tid": "E1", "biz_type": "订单入账",
    ...         "in_amount": "99.00", "out_amount": "0", "created": "2026-12-01 10:00:00"}]}
    >>> lines, more = parse_flow_page(data, 1, 100)
    >>> (lines[0]["kind"], str(lines[0]["amount"]), lines[0]["date"].isoformat(), more)
    ('payment', '99.00', '2026-12-01', False)
    """
    if not isinstance(data, dict) or not isinstance(data.get("list"), list):
        raise ChannelPayloadError("settlement answer without a list")
    try:
        total = int(data.get("total_results") or 0)
    except (TypeError, ValueError):
        raise ChannelPayloadError("settlement answer with a bad total") from None
    lines = []
    for row in data["list"]:
        if not isinstance(row, dict) or not row.get("flow_no"):
            raise ChannelPayloadError("settlement row without flow_no")
        label = lib.clean(row.get("biz_type"))
        kind = TYPES.get(label, "other")
        income, expense = lib.parse_amount(row.get("in_amount")), lib.parse_amount(row.get("out_amount"))
        unreadable = income is None and expense is None
        amount = (income or 0) - abs(expense or 0)
        if not unreadable and kind in lib.SIGNS:
            amount = abs(amount) * lib.SIGNS[kind]
        created = lib.clean(row.get("created"))
        lines.append(
            {
                "key": "yz:" + lib.clean(row["flow_no"])[:100],
                "platform_order_id": lib.clean(row.get("tid"))[:64],
                "kind": kind,
                "label": label[:64],
                "amount": amount,
                "currency": (lib.clean(row.get("currency")) or "CNY")[:3].upper(),
                "date": lib.parse_date(created[:10]) if created else None,
                "reference": lib.clean(row.get("remark"))[:120],
                "unreadable": unreadable,
            }
        )
    return lines, page_no * page_size < total
