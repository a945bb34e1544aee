# ruff: noqa: RUF001, RUF003 - the providers' bills are written with full-width （）：，
"""The daily bills the local simulators serve, in each provider's published format. No ORM.

The simulators (``wechatpay_simulator``, ``alipay_simulator``) keep what they charged and
refunded; :func:`wechatpay_bill` and :func:`alipay_bill` (called by their ``bill(day)``) turn
that ledger into the day's bill: the movements (:func:`sim_movements`, :func:`bill_rows`)
written by :func:`wechat_bill` (the text of WeChat Pay v2 ``/pay/downloadbill``,
``bill_type=ALL``) or :func:`alipay_bill_zip` (the zip behind Alipay's ``bill_download_url``: a
GBK ``<pid>_<date>_业务明细.csv`` and its ``业务明细(汇总).csv``). ``lib/bill.py`` reads both back.

The simulator's ledger (``sim_common``): ``trades`` (``state`` ``SUCCESS`` = charged and kept,
billed at ``paid_at``), ``refunds`` (billed at ``at``), ``hide_from_bill`` (out_trade_nos left
out: a payment the provider "lost"), ``extra_bill_rows`` (rows a test adds: dicts of the
movement shape below, any key omitted taking a default; ``time`` naive UTC as the
simulator's clock; without it, the row is on the bill of whatever day is asked, at noon).
A test may also set ``bill_fault`` on the simulator: ``"garbage"`` (an HTML error page / not a
zip instead of the bill) or ``"truncated"`` (the file cut short, its totals lost). Its times are naive UTC.

A movement is a dict of ``lib/bill.py``'s row shape::

    {"provider_ref", "out_trade_no", "kind": "pay"|"refund", "out_refund_no", "amount_fen",
     "time": naive datetime in China time, "sub_mch_id"}
"""

import csv
import io
import zipfile
from datetime import UTC, datetime, timedelta, timezone

CHINA = timezone(timedelta(hours=8), "Asia/Shanghai")

WECHAT_HEADER = (
    "交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,付款银行,"
    "货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,退款状态,"
    "商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注"
)
WECHAT_TOTALS = "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额"
WECHAT_RATE = 6  # WeChat's fee, per thousand: 0.60%
ALIPAY_HEADER = [
    "支付宝交易号", "商户订单号", "业务类型", "商品名称", "创建时间", "完成时间", "门店编号", "门店名称", "操作员",
    "终端号", "对方账户", "订单金额（元）", "商家实收（元）", "支付宝红包（元）", "集分宝（元）", "支付宝优惠（元）",
    "商家优惠（元）", "券核销金额（元）", "券名称", "商家红包消费金额（元）", "卡消费金额（元）",
    "退款批次号/请求号", "服务费（元）", "分润（元）", "备注",
]  # fmt: skip
ALIPAY_DASHES = "#-----------------------------------------{}----------------------------------------"


def china_time(value):
    """A movement's time as naive China time: a naive datetime is taken as China time already,
    an aware one is converted, a number is a POSIX timestamp."""
    if isinstance(value, int | float):
        value = datetime.fromtimestamp(value, UTC)
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value.tzinfo is not None:
        value = value.astimezone(CHINA).replace(tzinfo=None)
    return value


def bill_rows(day, movements, extra_rows=(), hidden=()):
    """The rows of ``day``'s bill (a ``date``): ``movements`` of that day (China time) whose
    ``out_trade_no`` is not in ``hidden``, then ``extra_rows`` (seeded by tests) whatever their
    time, sorted by time."""
    hidden = set(hidden or ())
    rows = [
        dict(row, time=china_time(row["time"]))
        for row in movements
        if row["out_trade_no"] not in hidden and china_time(row["time"]).date() == day
    ]
    rows += [dict(row, time=china_time(row.get("time") or datetime.combine(day, datetime.min.time())))
             for row in extra_rows or ()]  # fmt: skip
    return sorted(rows, key=lambda row: (row["time"], row["kind"], row["out_trade_no"]))


def sim_movements(sim):
    """The movements of a simulator's ledger (every day), times aware (UTC)."""
    moves = []
    for trade in sim.trades.values():
        if trade["state"] == "SUCCESS" and trade.get("paid_at"):
            moves.append(
                {
                    "provider_ref": trade["provider_ref"], "out_trade_no": trade["out_trade_no"], "kind": "pay",
                    "out_refund_no": "", "amount_fen": trade["amount_fen"], "time": _utc(trade["paid_at"]),
                    "sub_mch_id": trade.get("merchant") or "",
                }
            )  # fmt: skip
    for refund in sim.refunds.values():
        trade = sim.trades.get(refund["out_trade_no"]) or {}
        moves.append(
            {
                "provider_ref": refund["refund_id"], "trade_ref": refund.get("provider_ref") or "",
                "out_trade_no": refund["out_trade_no"], "kind": "refund", "out_refund_no": refund["out_refund_no"],
                "amount_fen": refund["amount_fen"], "time": _utc(refund["at"]),
                "sub_mch_id": trade.get("merchant") or "",
            }
        )  # fmt: skip
    return moves


def sim_extra_rows(sim, day):
    """The simulator's ``extra_bill_rows`` completed with defaults (see the module)."""
    noon = datetime.combine(day, datetime.min.time()).replace(hour=12, tzinfo=CHINA)
    rows = []
    for number, row in enumerate(sim.extra_bill_rows, start=1):
        kind = row.get("kind") or "pay"
        rows.append(
            {
                "provider_ref": row.get("provider_ref") or f"{sim.ref_prefix}EXTRA{day:%Y%m%d}{number:06d}",
                "out_trade_no": row["out_trade_no"], "kind": kind, "out_refund_no": row.get("out_refund_no") or "",
                "amount_fen": int(row["amount_fen"]), "time": _utc(row["time"]) if row.get("time") else noon,
                "sub_mch_id": row.get("sub_mch_id") or "", "trade_ref": row.get("trade_ref") or "",
            }
        )  # fmt: skip
    return rows


def wechatpay_bill(sim, day):
    """The WeChat Pay simulator's bill of ``day`` (text), or None (WeChat's ``No Bill Exist``)."""
    rows = bill_rows(day, sim_movements(sim), sim_extra_rows(sim, day), sim.hide_from_bill)
    fault = getattr(sim, "bill_fault", None)
    if fault == "garbage":
        return "<html><body><h1>502 Bad Gateway</h1></body></html>"
    if not rows:
        return None
    text = wechat_bill(rows, appid=getattr(sim, "appid", ""), mch_id=getattr(sim, "mch_id", ""))
    if fault == "truncated":  # the connection dropped mid-file: no totals
        return text[: text.index(WECHAT_TOTALS)]
    return text


def alipay_bill(sim, day):
    """The Alipay simulator's bill zip of ``day`` (bytes; a day without movement has an empty list)."""
    rows = bill_rows(day, sim_movements(sim), sim_extra_rows(sim, day), sim.hide_from_bill)
    fault = getattr(sim, "bill_fault", None)
    if fault == "garbage":
        return b"PK\x03\x04 not a zip at all"
    data = alipay_bill_zip(day, rows, pid=getattr(sim, "pid", None) or "2088000000000000")
    if fault == "truncated":  # the download stopped mid-file
        return data[: len(data) // 2]
    return data


def _utc(value):
    """A simulator time (naive UTC) made aware; an aware one is kept."""
    if isinstance(value, datetime) and value.tzinfo is None:
        return value.replace(tzinfo=UTC)
    return value


def _yuan(fen):
    sign = "-" if fen < 0 else ""
    return f"{sign}{abs(fen) // 100}.{abs(fen) % 100:02d}"


def _fee(fen):
    """WeChat's fee at 0.60%, rounded to the fen, as the bill shows it."""
    return (abs(fen) * WECHAT_RATE + 500) // 1000


def wechat_bill(rows, appid="", mch_id=""):
    """The text WeChat Pay answers to ``downloadbill`` (``bill_type=ALL``) for ``rows`` (of
    :func:`bill_rows`). For a day without any row WeChat answers an error instead
    (:func:`wechat_no_bill`): the simulator chooses."""
    lines = [WECHAT_HEADER]
    paid = refunded = fees = 0
    for row in rows:
        amount, time = row["amount_fen"], row["time"].strftime("%Y-%m-%d %H:%M:%S")
        sub = row.get("sub_mch_id") or "0"
        if row["kind"] == "pay":
            paid += amount
            fees += _fee(amount)
            fields = [
                time, appid, mch_id, sub, "", row["provider_ref"], row["out_trade_no"], "oSimulatorUser", "MICROPAY",
                "SUCCESS", "OTHERS", "CNY", _yuan(amount), "0.00", "0", "0", "0.00", "0.00", "", "", "POS", "",
                _yuan(_fee(amount)), "0.60%", _yuan(amount), "0.00", "",
            ]  # fmt: skip
        else:
            refunded += amount
            fees -= _fee(amount)
            fields = [
                time, appid, mch_id, sub, "", row.get("trade_ref") or "", row["out_trade_no"], "oSimulatorUser",
                "MICROPAY", "REFUND", "OTHERS", "CNY", "0.00", "0.00", row["provider_ref"], row["out_refund_no"],
                _yuan(amount), "0.00", "ORIGINAL", "SUCCESS", "POS", "", _yuan(-_fee(amount)), "0.60%", "0.00",
                _yuan(amount), "",
            ]  # fmt: skip
        lines.append(",".join("`" + str(field) for field in fields))
    lines.append(WECHAT_TOTALS)
    totals = [len(rows), _yuan(paid), _yuan(refunded), "0.00", _yuan(fees), _yuan(paid), _yuan(refunded)]
    lines.append(",".join("`" + str(field) for field in totals))
    return "\r\n".join(lines) + "\r\n"


def wechat_no_bill():
    """WeChat's answer for a day without movements (``return_code`` FAIL, ``No Bill Exist``)."""
    return (
        "<xml><return_code><![CDATA[FAIL]]></return_code><return_msg><![CDATA[No Bill Exist]]></return_msg>"
        "<error_code><![CDATA[20002]]></error_code></xml>"
    )


def alipay_bill_csv(day, rows, pid="2088000000000000", exported=None):
    """The ``业务明细`` CSV (as text; GBK-encode it to serve it) of ``day`` for ``rows``."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    start = datetime.combine(day, datetime.min.time())
    out.write("#支付宝业务明细查询\r\n")
    out.write(f"#账号：[{pid}]\r\n")
    out.write(
        "#起始日期：[{}]   终止日期：[{}]\r\n".format(
            start.strftime("%Y年%m月%d日 00:00:00"), (start + timedelta(days=1)).strftime("%Y年%m月%d日 00:00:00")
        )
    )
    out.write(ALIPAY_DASHES.format("业务明细列表") + "\r\n")
    writer.writerow(ALIPAY_HEADER)
    totals = {"pay": [0, 0], "refund": [0, 0]}
    for row in rows:
        sign = 1 if row["kind"] == "pay" else -1
        amount = sign * row["amount_fen"]
        totals[row["kind"]][0] += 1
        totals[row["kind"]][1] += amount
        time = row["time"].strftime("%Y-%m-%d %H:%M:%S")
        fields = [
            row["provider_ref"], row["out_trade_no"], "交易" if sign > 0 else "退款", "POS", time, time, "", "", "",
            "", "sim***@example.com", _yuan(amount), _yuan(amount), "0.00", "0.00", "0.00", "0.00", "0.00", "",
            "0.00", "0.00", row.get("out_refund_no") or "", _yuan(-sign * _fee(amount)), "0.00", "",
        ]  # fmt: skip
        writer.writerow([f"{field}\t" if field else field for field in fields])
    out.write(ALIPAY_DASHES.format("业务明细列表结束") + "\r\n")
    out.write(f"#交易合计：{totals['pay'][0]}笔，商家实收共{_yuan(totals['pay'][1])}元，商家优惠共0.00元\r\n")
    out.write(
        f"#退款合计：{totals['refund'][0]}笔，商家实收退款共{_yuan(totals['refund'][1])}元，商家优惠退款共0.00元\r\n"
    )
    exported = exported or (start + timedelta(days=1, hours=9))
    out.write("#导出时间：[{}]\r\n".format(exported.strftime("%Y年%m月%d日 %H:%M:%S")))
    return out.getvalue()


def alipay_bill_zip(day, rows, pid="2088000000000000"):
    """The zip Alipay serves at ``bill_download_url``: the 业务明细 CSV and its summary, in GBK,
    named ``<pid>_<yyyymmdd>_业务明细.csv`` as Alipay names them."""
    stamp = day.strftime("%Y%m%d")
    detail = alipay_bill_csv(day, rows, pid)
    paid = [row["amount_fen"] for row in rows if row["kind"] == "pay"]
    refunded = [row["amount_fen"] for row in rows if row["kind"] == "refund"]
    summary = "\r\n".join(
        [
            "#支付宝业务汇总查询",
            f"#账号：[{pid}]",
            ALIPAY_DASHES.format("业务汇总列表"),
            "门店编号,门店名称,交易订单总笔数,退款订单总笔数,订单金额（元）,商家实收（元）",
            f",,{len(paid)},{len(refunded)},{_yuan(sum(paid) - sum(refunded))},{_yuan(sum(paid) - sum(refunded))}",
            ALIPAY_DASHES.format("业务汇总列表结束"),
        ]
    )
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in ((f"{pid}_{stamp}_业务明细.csv", detail), (f"{pid}_{stamp}_业务明细(汇总).csv", summary)):
            info = zipfile.ZipInfo(name, date_time=(day.year, day.month, day.day, 9, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, text.encode("gb18030"))
    return buffer.getvalue()


def parse_bill_date(text):
    """``20261206`` (WeChat) or ``2026-12-06`` (Alipay) → ``date``; ``ValueError`` otherwise."""
    text = (text or "").strip()
    for fmt in ("%Y%m%d", "%Y-%m-%d"):
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    raise ValueError(f"bad bill date {text!r}")
