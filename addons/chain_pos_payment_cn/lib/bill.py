# ruff: noqa: RUF001, RUF002, RUF003 - the providers' bills are written with full-width （）：，
"""The providers' daily bills (对账单), read and compared with our payments. Pure Python, no ORM.

Two readers turn a bill into the same rows::

    {"provider_ref": "4200000123...",   # WeChat 微信订单号 / 微信退款单号, Alipay 支付宝交易号
     "out_trade_no": "CN...",           # our out_trade_no
     "kind": "pay" | "refund",
     "out_refund_no": "" | "R...",      # our out_refund_no (WeChat) / out_request_no (Alipay)
     "amount_fen": 1234,                # always positive, integer fen
     "time": datetime(...),             # naive, China time (the bills' clock)
     "sub_mch_id": "" | "1900000109"}   # WeChat service-provider mode: the sub-merchant

- :func:`parse_wechat_bill`: the text WeChat Pay v2 ``/pay/downloadbill`` answers for
  ``bill_type=ALL``: a header line, one line per order or refund whose fields each start with a
  backquote, then ``总交易单数,...`` and the totals line.
- :func:`parse_alipay_bill`: the zip served at the URL that
  ``alipay.data.dataservice.bill.downloadurl.query`` answers (``bill_type=trade``); its
  ``..._业务明细.csv`` member (GBK) lists the trades and refunds between the
  ``#---业务明细列表---`` and ``#---业务明细列表结束---`` lines, followed by the totals comments.

Both check the bill's own totals (count of rows, sum of amounts): a bill that does not add up
is refused with :class:`BillError`, as is anything that is not a bill. Then :func:`reconcile`
compares the rows with ours.
"""

import csv
import io
import re
import zipfile
from datetime import datetime
from decimal import Decimal, InvalidOperation

KINDS = ("pay", "refund")
# reconcile() results, in the order a reader wants them
MATCHED, MISSING, EXTRA, AMOUNT = "matched", "missing", "extra", "amount"
RESULTS = (MISSING, EXTRA, AMOUNT, MATCHED)

WECHAT_TOTALS_HEAD = "总交易单数"
WECHAT_REQUIRED = ("交易时间", "微信订单号", "商户订单号", "交易状态", "商户退款单号", "微信退款单号")
ALIPAY_DETAIL_START = "业务明细列表"
ALIPAY_DETAIL_END = "业务明细列表结束"
ALIPAY_REQUIRED = ("支付宝交易号", "商户订单号", "业务类型", "完成时间", "订单金额（元）")
ALIPAY_TRADE, ALIPAY_REFUND = "交易", "退款"
TIME_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y/%m/%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y/%m/%d %H:%M")


class BillError(ValueError):
    """The bill cannot be read: not the provider's format, or its totals do not add up."""


def yuan_to_fen(text, what="amount"):
    """``"12.34"`` (yuan, as the bills write it) → ``1234``; signs kept; anything else raises.

    >>> yuan_to_fen("0.01"), yuan_to_fen("-3.5"), yuan_to_fen("12")
    (1, -350, 1200)
    """
    text = (text or "").strip().replace(",", "")
    try:
        value = Decimal(text) * 100
    except InvalidOperation:
        raise BillError(f"{what} is not an amount: {text[:20]!r}") from None
    if not value.is_finite() or value != value.to_integral_value():
        raise BillError(f"{what} is not an amount in fen: {text[:20]!r}")
    return int(value)


def parse_time(text, what="time"):
    """A bill's ``2026-12-06 10:00:00`` → naive datetime (China time)."""
    text = (text or "").strip()
    for fmt in TIME_FORMATS:
        try:
            return datetime.strptime(text, fmt)
        except ValueError:
            continue
    raise BillError(f"{what} is not a date and time: {text[:25]!r}")


def _bill_row(kind, provider_ref, out_trade_no, out_refund_no, amount_fen, time, sub_mch_id=""):
    if not out_trade_no:
        raise BillError(f"a {kind} row of the bill has no out_trade_no")
    if kind == "refund" and not out_refund_no:
        raise BillError(f"refund row of {out_trade_no} has no out_refund_no")
    return {
        "provider_ref": provider_ref,
        "out_trade_no": out_trade_no,
        "kind": kind,
        "out_refund_no": out_refund_no if kind == "refund" else "",
        "amount_fen": abs(amount_fen),
        "time": time,
        "sub_mch_id": sub_mch_id,
    }


# ---------------------------------------------------------------------------------- WeChat Pay
def _wechat_fields(line):
    """One line of a WeChat bill → its fields without the leading backquote of each."""
    return [field.strip().removeprefix("`").strip() for field in next(csv.reader([line]))]


def parse_wechat_bill(data):
    """Rows of a WeChat Pay ``downloadbill`` answer (``bill_type=ALL``), as the module says.

    ``data`` is the answer's body (``bytes`` in UTF-8, or ``str``). Rows whose state is neither
    ``SUCCESS`` (a payment) nor ``REFUND`` (a refund) (e.g. ``REVOKED``: a reversed order, no money)
    are counted in the totals but not returned. An XML answer (``<xml><return_code>FAIL...``),
    a missing column, a row of the wrong width, a bad amount or totals that do not match the
    rows raise :class:`BillError`.

    >>> bill = ("交易时间,公众账号ID,商户号,特约商户号,设备号,微信订单号,商户订单号,用户标识,交易类型,交易状态,"
    ...     "付款银行,货币种类,应结订单金额,代金券金额,微信退款单号,商户退款单号,退款金额,充值券退款金额,退款类型,"
    ...     "退款状态,商品名称,商户数据包,手续费,费率,订单金额,申请退款金额,费率备注\\n"
    ...     "`2026-12-06 10:00:00,`wx1,`100,`0,`,`4200001,`CN1,`o1,`MICROPAY,`SUCCESS,`OTHERS,`CNY,`12.30,"
    ...     "`0.00,`0,`0,`0.00,`0.00,`,`,`pos,`,`0.07,`0.60%,`12.30,`0.00,`\\n"
    ...     "总交易单数,应结订单总金额,退款总金额,充值券退款总金额,手续费总金额,订单总金额,申请退款总金额\\n"
    ...     "`1,`12.30,`0.00,`0.00,`0.07,`12.30,`0.00\\n")
    >>> [(r["out_trade_no"], r["kind"], r["amount_fen"], r["sub_mch_id"]) for r in parse_wechat_bill(bill)]
    [('CN1', 'pay', 1230, '')]
    """
    text = _decode(data, ("utf-8-sig",))
    if text.lstrip().startswith("<xml"):
        raise BillError("WeChat Pay answered an error instead of a bill: " + _xml_message(text))
    lines = [line for line in text.splitlines() if line.strip()]
    if not lines:
        raise BillError("the WeChat Pay bill is empty")
    header = _wechat_fields(lines[0])
    missing = [name for name in WECHAT_REQUIRED if name not in header]
    if missing:
        raise BillError("not a WeChat Pay bill: no column " + ", ".join(missing))
    try:
        totals_at = next(i for i, line in enumerate(lines) if _wechat_fields(line)[0] == WECHAT_TOTALS_HEAD)
    except StopIteration:
        raise BillError("the WeChat Pay bill has no totals line (cut short?)") from None
    if totals_at + 1 >= len(lines):
        raise BillError("the WeChat Pay bill has no totals line (cut short?)")
    totals = dict(zip(_wechat_fields(lines[totals_at]), _wechat_fields(lines[totals_at + 1]), strict=False))
    col = {name: i for i, name in enumerate(header)}
    sub_col = col.get("特约商户号", col.get("子商户号"))
    amount_col = col.get("订单金额", col.get("应结订单金额", col.get("总金额")))
    refund_col = col.get("申请退款金额", col.get("退款金额"))
    if amount_col is None or refund_col is None:
        raise BillError("not a WeChat Pay bill: no amount column")
    rows, count, paid_fen, refunded_fen = [], 0, 0, 0
    for number, line in enumerate(lines[1:totals_at], start=2):
        fields = _wechat_fields(line)
        if len(fields) != len(header):
            raise BillError(f"line {number} of the WeChat Pay bill has {len(fields)} fields, not {len(header)}")
        count += 1
        state = fields[col["交易状态"]]
        sub_mch_id = fields[sub_col] if sub_col is not None else ""
        sub_mch_id = "" if sub_mch_id in ("0", "-") else sub_mch_id
        time = parse_time(fields[col["交易时间"]], f"line {number}: time")
        if state == "SUCCESS":
            amount = yuan_to_fen(fields[amount_col], f"line {number}: amount")
            paid_fen += amount
            rows.append(
                _bill_row("pay", fields[col["微信订单号"]], fields[col["商户订单号"]], "", amount, time, sub_mch_id)
            )
        elif state == "REFUND":
            amount = yuan_to_fen(fields[refund_col], f"line {number}: refund amount")
            refunded_fen += abs(amount)
            rows.append(
                _bill_row(
                    "refund",
                    fields[col["微信退款单号"]],
                    fields[col["商户订单号"]],
                    fields[col["商户退款单号"]],
                    amount,
                    time,
                    sub_mch_id,
                )
            )
    _check_total(totals.get(WECHAT_TOTALS_HEAD), count, "WeChat Pay bill: 总交易单数", amount=False)
    _check_total(totals.get("订单总金额", totals.get("应结订单总金额")), paid_fen, "WeChat Pay bill: 订单总金额")
    _check_total(totals.get("申请退款总金额", totals.get("退款总金额")), refunded_fen, "WeChat Pay bill: 退款总金额")
    return rows


def _xml_message(text):
    found = re.search(r"<return_msg>(?:<!\[CDATA\[)?(.*?)(?:\]\]>)?</return_msg>", text, re.S)
    return (found.group(1).strip() if found else text.strip())[:200]


def _check_total(declared, actual, what, amount=True):
    if declared is None:
        raise BillError(f"{what}: the total is missing")
    value = yuan_to_fen(declared, what) if amount else _integer(declared, what)
    if abs(value) != abs(actual):
        raise BillError(f"{what} says {declared.strip()}, the rows add up to {actual / 100 if amount else actual}")


def _integer(text, what):
    try:
        return int(Decimal(text.strip()))
    except (InvalidOperation, ValueError):
        raise BillError(f"{what} is not a number: {text[:20]!r}") from None


# ---------------------------------------------------------------------------------- Alipay
def alipay_detail_csv(zip_bytes):
    """The ``..._业务明细.csv`` member of an Alipay bill zip, decoded (GBK, as Alipay writes it)."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(zip_bytes))
        names = archive.namelist()
    except (zipfile.BadZipFile, ValueError) as error:
        raise BillError(f"the Alipay bill is not a zip file: {error}") from None
    detail = [n for n in names if _zip_name(n).endswith("业务明细.csv")]
    if len(detail) != 1:
        raise BillError("the Alipay bill zip holds no single 业务明细.csv: " + ", ".join(map(_zip_name, names)))
    try:
        return _decode(archive.read(detail[0]), ("gb18030",))
    except (zipfile.BadZipFile, OSError) as error:
        raise BillError(f"the Alipay bill zip cannot be read: {error}") from None


def _zip_name(name):
    """A member's name: Alipay's zips carry GBK names without the UTF-8 flag (read as cp437)."""
    try:
        return name.encode("cp437").decode("gb18030")
    except (UnicodeEncodeError, UnicodeDecodeError):
        return name


def parse_alipay_bill(data):
    """Rows of an Alipay trade bill, as the module says.

    ``data`` is the zip downloaded from ``bill_download_url`` (``bytes`` starting with ``PK``), or
    the text of its 业务明细 CSV. Rows of 业务类型 ``交易`` are payments, ``退款`` refunds (their
    ``退款批次号/请求号`` is our ``out_request_no``); the amount is ``订单金额（元）`` (what the
    customer's payment or refund was, before the provider's discounts). The ``#交易合计：N笔``
    and ``#退款合计：M笔`` comments must count the rows.

    >>> csv_text = "\\n".join([
    ...     "#支付宝业务明细查询", "#账号：[2088000000000001]",
    ...     "#-----------------------------------------业务明细列表----------------------------------------",
    ...     "支付宝交易号,商户订单号,业务类型,商品名称,创建时间,完成时间,门店编号,门店名称,操作员,终端号,对方账户,"
    ...     "订单金额（元）,商家实收（元）,支付宝红包（元）,集分宝（元）,支付宝优惠（元）,商家优惠（元）,"
    ...     "券核销金额（元）,券名称,商家红包消费金额（元）,卡消费金额（元）,退款批次号/请求号,服务费（元）,"
    ...     "分润（元）,备注",
    ...     "2026120622001\\t,CN1\\t,交易\\t,pos\\t,2026-12-06 10:00:00\\t,2026-12-06 10:00:05\\t,,,,,"
    ...     "buyer\\t,12.30\\t,12.30\\t,0.00,0.00,0.00,0.00,0.00,,0.00,0.00,\\t,-0.07,0.00,",
    ...     "#-----------------------------------------业务明细列表结束------------------------------------",
    ...     "#交易合计：1笔，商家实收共12.30元，商家优惠共0.00元",
    ...     "#退款合计：0笔，商家实收退款共0.00元，商家优惠退款共0.00元",
    ... ])
    >>> [(r["provider_ref"], r["out_trade_no"], r["kind"], r["amount_fen"]) for r in parse_alipay_bill(csv_text)]
    [('2026120622001', 'CN1', 'pay', 1230)]
    """
    if isinstance(data, bytes) and data[:2] == b"PK":
        text = alipay_detail_csv(data)
    else:
        text = _decode(data, ("utf-8-sig", "gb18030"))
    lines = text.splitlines()
    start = _marker(lines, ALIPAY_DETAIL_START)
    end = _marker(lines, ALIPAY_DETAIL_END)
    if start is None or end is None or end <= start + 1:
        raise BillError("not an Alipay trade bill: no 业务明细列表 section")
    records = list(csv.reader(lines[start + 1 : end]))
    header = [field.strip() for field in records[0]]
    missing = [name for name in ALIPAY_REQUIRED if name not in header]
    if missing:
        raise BillError("not an Alipay trade bill: no column " + ", ".join(missing))
    col = {name: i for i, name in enumerate(header)}
    refund_no_col = col.get("退款批次号/请求号")
    rows, counts = [], {"pay": 0, "refund": 0}
    for number, record in enumerate(records[1:], start=start + 3):
        if not any(field.strip() for field in record):
            continue
        fields = [field.strip() for field in record]
        if len(fields) < len(header):
            raise BillError(f"line {number} of the Alipay bill has {len(fields)} fields, not {len(header)}")
        kind = {ALIPAY_TRADE: "pay", ALIPAY_REFUND: "refund"}.get(fields[col["业务类型"]])
        if kind is None:
            continue
        counts[kind] += 1
        rows.append(
            _bill_row(
                kind,
                fields[col["支付宝交易号"]],
                fields[col["商户订单号"]],
                fields[refund_no_col] if refund_no_col is not None else "",
                yuan_to_fen(fields[col["订单金额（元）"]], f"line {number}: amount"),
                parse_time(fields[col["完成时间"]] or fields[col.get("创建时间", col["完成时间"])], f"line {number}"),
            )
        )
    footer = "\n".join(lines[end + 1 :])
    for kind, label in (("pay", "交易合计"), ("refund", "退款合计")):
        found = re.search(rf"#{label}[:：]\s*(\d+)\s*笔", footer)
        if not found:
            raise BillError(f"the Alipay bill has no {label} line (cut short?)")
        if int(found.group(1)) != counts[kind]:
            raise BillError(f"Alipay bill: {label} says {found.group(1)}, the rows count {counts[kind]}")
    return rows


def _marker(lines, word):
    """Index of the ``#-----<word>-----`` line (exactly that word between the dashes)."""
    for index, line in enumerate(lines):
        if line.startswith("#") and line.strip("#- \t\r") == word:
            return index
    return None


def _decode(data, encodings):
    if isinstance(data, str):
        return data.removeprefix("\ufeff")
    if not isinstance(data, bytes | bytearray):
        raise BillError("the bill is not text")
    for encoding in encodings:
        try:
            return bytes(data).decode(encoding)
        except UnicodeDecodeError:
            continue
    raise BillError("the bill is not text in " + " or ".join(encodings))


# ---------------------------------------------------------------------------------- reconciliation
def row_key(row):
    """What identifies a money movement in both books: ``(kind, out_trade_no, out_refund_no)``."""
    return (row["kind"], row["out_trade_no"], row.get("out_refund_no") or "")


def reconcile(ours, theirs):
    """Compare our movements of a day with the provider's bill rows, line by line.

    ``ours``: dicts with ``kind``, ``out_trade_no``, ``out_refund_no``, ``amount_fen`` and any
    other keys (e.g. record ids), kept. ``theirs``: the rows of a bill parser. Returns one dict
    per movement, ours first in their order then the bill's extras in theirs::

        {"result": "matched" | "missing" | "extra" | "amount",
         "ours": <our dict> | None, "theirs": <bill row> | None,
         "difference_fen": bill amount - our amount (0 when matched; ∓amount when one side lacks it)}

    A bill listing the same movement twice is refused (:class:`BillError`): it cannot be matched.

    >>> ours = [{"kind": "pay", "out_trade_no": "A", "out_refund_no": "", "amount_fen": 100},
    ...         {"kind": "pay", "out_trade_no": "B", "out_refund_no": "", "amount_fen": 200}]
    >>> theirs = [{"kind": "pay", "out_trade_no": "A", "out_refund_no": "", "amount_fen": 90},
    ...           {"kind": "pay", "out_trade_no": "C", "out_refund_no": "", "amount_fen": 50}]
    >>> [(line["result"], line["difference_fen"]) for line in reconcile(ours, theirs)]
    [('amount', -10), ('missing', -200), ('extra', 50)]
    """
    bill = {}
    for row in theirs:
        key = row_key(row)
        if key in bill:
            raise BillError("the bill lists {} {} {} twice".format(*key).rstrip())
        bill[key] = row
    lines, seen = [], set()
    for mine in ours:
        key = row_key(mine)
        if key in seen:
            continue
        seen.add(key)
        row = bill.get(key)
        if row is None:
            lines.append({"result": MISSING, "ours": mine, "theirs": None, "difference_fen": -mine["amount_fen"]})
            continue
        difference = row["amount_fen"] - mine["amount_fen"]
        result = AMOUNT if difference else MATCHED
        lines.append({"result": result, "ours": mine, "theirs": row, "difference_fen": difference})
    for key, row in bill.items():
        if key not in seen:
            lines.append({"result": EXTRA, "ours": None, "theirs": row, "difference_fen": row["amount_fen"]})
    return lines
