# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Platform fund-flow statements (结算/资金流水) as plain rows, and the matching rules.

No ORM here: the models read files or API pages into the rows of ``normalize``, store them, and
ask ``classify`` whether a line can be posted.

A normalized line is a dict ``{key, platform_order_id, kind, amount, currency, date, reference,
label}``: ``amount`` is signed as the wallet sees it (money in +, money out -), ``kind`` one of
``KINDS`` or ``"other"`` (a type label the mapping does not know).
"""

import csv
import hashlib
import io
from datetime import date, datetime
from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

KINDS = ("payment", "commission", "service_fee", "freight_insurance", "subsidy", "refund", "payout")
# the direction of each kind in the wallet: a file that gives every amount positive gets it from here
SIGNS = {
    "payment": 1,
    "subsidy": 1,
    "commission": -1,
    "service_fee": -1,
    "freight_insurance": -1,
    "refund": -1,
    "payout": -1,
}
FEE_KINDS = ("commission", "service_fee", "freight_insurance", "subsidy", "refund")
CENT = Decimal("0.01")
DATE_FORMATS = ("%Y-%m-%d %H:%M:%S", "%Y-%m-%d %H:%M", "%Y-%m-%d", "%Y/%m/%d %H:%M:%S", "%Y/%m/%d", "%Y%m%d")

# reasons a line stays unmatched (the model's selection has their translated labels)
UNKNOWN_ORDER = "unknown_order"
NO_ORDER = "no_order"
CURRENCY = "currency"
AMOUNT = "amount"
FEE = "fee"
PAID = "paid"
UNKNOWN_TYPE = "unknown_type"
UNREADABLE = "unreadable"


class SettlementFileError(ValueError):
    """The file cannot be read at all (no header with the mapping's columns, bad encoding)."""


def parse_amount(value):
    """A ``Decimal`` of ``value`` (a number or a text such as ``"¥1,234.50"``, ``"(3.00)"``,
    ``"-12"``); ``None`` when empty or not a number.

    >>> parse_amount("¥1,234.50"), parse_amount("(3.00)"), parse_amount(""), parse_amount("abc")
    (Decimal('1234.50'), Decimal('-3.00'), None, None)
    >>> parse_amount(12.5)
    Decimal('12.50')
    """
    if value is None:
        return None
    if isinstance(value, (int, float, Decimal)):
        return Decimal(str(value)).quantize(CENT, ROUND_HALF_UP)
    text = str(value).strip().replace(",", "").replace("\u00a5", "").replace("\uffe5", "").replace(" ", "")
    negative = text.startswith("(") and text.endswith(")")
    text = text.strip("()")
    if not text:
        return None
    try:
        amount = Decimal(text).quantize(CENT, ROUND_HALF_UP)
    except InvalidOperation:
        return None
    return -amount if negative else amount


def parse_date(value):
    """A ``date`` of ``value`` (``date``/``datetime`` or a text in one of ``DATE_FORMATS``);
    ``None`` when empty or unreadable.

    >>> parse_date("2026/11/03"), parse_date("2026-11-03 10:20:30"), parse_date("x")
    (datetime.date(2026, 11, 3), datetime.date(2026, 11, 3), None)
    """
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    text = str(value or "").strip()
    for fmt in DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    return None


def clean(value):
    """The text of a cell: platforms' exports wrap ids as ``="123"`` or ``'123`` or ``123\\t``
    (so that Excel keeps the digits); all of that is removed.

    >>> clean('="E2026001"'), clean("'123 "), clean(None), clean(12.0)
    ('E2026001', '123', '', '12')
    """
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    text = str(value).strip().strip("\t")
    if text.startswith('="') and text.endswith('"'):
        text = text[2:-1]
    return text.lstrip("'`").strip()


def read_table(raw, filename=""):
    """Rows (lists of cells) of a CSV (UTF-8 or GB18030, as Chinese platforms export) or an
    Excel workbook (``.xlsx``, first sheet)."""
    if filename.lower().endswith((".xlsx", ".xlsm")) or raw[:2] == b"PK":
        try:
            import openpyxl  # optional at import time: the lib tests run without it
        except ImportError as error:  # pragma: no cover
            raise SettlementFileError("openpyxl is needed to read Excel files") from error
        try:
            book = openpyxl.load_workbook(io.BytesIO(raw), read_only=True, data_only=True)
        except Exception as error:  # openpyxl raises many kinds on a broken file
            raise SettlementFileError(f"not a readable Excel file: {error}") from error
        return [list(row) for row in book.worksheets[0].iter_rows(values_only=True)]
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            text = raw.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise SettlementFileError("the file is neither UTF-8 nor GB18030 text")
    return list(csv.reader(io.StringIO(text)))


def header_index(rows, mapping):
    """``(row number of the header, {column name: index})``: the first row holding the mapping's
    order and amount (or income) columns; platforms put title lines above it."""
    needed = {mapping["order"], mapping.get("amount") or mapping.get("income")}
    for number, row in enumerate(rows[:50]):
        names = {clean(cell): index for index, cell in enumerate(row) if clean(cell)}
        if needed <= set(names):
            return number, names
    raise SettlementFileError("no header row with the columns " + ", ".join(sorted(n for n in needed if n)))


def line_key(order_id, kind_label, amount, when, reference):
    """A stable key of a line that has no id of its own on the platform.

    >>> line_key("E1", "commission", Decimal("-1.00"), date(2026, 1, 2), "")[:12]
    'b300eb164a41'
    """
    text = "|".join([order_id, kind_label, str(amount), str(when or ""), reference])
    return hashlib.sha1(text.encode()).hexdigest()


def normalize(rows, mapping):
    """Normalized lines of the table ``rows`` read with ``mapping``: ``{"order", "amount" or
    "income"/"expense", "type", "key"?, "date"?, "currency"?, "reference"?, "types": {label: kind},
    "default_currency"}`` (column names). A row that cannot be read (no amount) is a line of
    kind ``"other"`` with ``unreadable`` set, so that nothing in the file is lost; an empty row
    is skipped.

    >>> m = {"order": "订单号", "amount": "金额", "type": "类型", "types": {"交易收入": "payment"},
    ...      "default_currency": "CNY"}
    >>> [(x["kind"], str(x["amount"])) for x in normalize([["订单号", "类型", "金额"], ["E1", "交易收入", "99"]], m)]
    [('payment', '99.00')]
    """
    start, names = header_index(rows, mapping)

    def cell(row, column):
        index = names.get(column) if column else None
        return row[index] if index is not None and index < len(row) else None

    types = {clean(label): kind for label, kind in (mapping.get("types") or {}).items()}
    lines = []
    for row in rows[start + 1 :]:
        if not any(clean(value) for value in row):
            continue
        order_id = clean(cell(row, mapping["order"]))
        label = clean(cell(row, mapping.get("type")))
        kind = types.get(label, "other")
        if mapping.get("amount"):
            amount = parse_amount(cell(row, mapping["amount"]))
        else:
            income, expense = (
                parse_amount(cell(row, mapping["income"])),
                parse_amount(cell(row, mapping.get("expense"))),
            )
            amount = None if income is None and expense is None else (income or 0) - abs(expense or 0)
        when = parse_date(cell(row, mapping.get("date")))
        reference = clean(cell(row, mapping.get("reference")))[:120]
        unreadable = amount is None
        if not unreadable and kind in SIGNS:
            amount = abs(amount) * SIGNS[kind]
        key = clean(cell(row, mapping.get("key"))) or line_key(order_id, label, amount, when, reference)
        lines.append(
            {
                "key": key[:120],
                "platform_order_id": order_id[:64],
                "kind": kind,
                "label": label[:64],
                "amount": amount or Decimal(0),
                "currency": (clean(cell(row, mapping.get("currency"))) or mapping.get("default_currency") or "")[
                    :3
                ].upper(),
                "date": when,
                "reference": reference,
                "unreadable": unreadable,
            }
        )
    return lines


def expected_fee(total, rate):
    """The fee of ``rate`` percent on ``total``, rounded half up to the cent, negative (it leaves
    the wallet).

    >>> expected_fee(Decimal("99.00"), 5)
    Decimal('-4.95')
    """
    return -(Decimal(str(total)) * Decimal(str(rate)) / 100).quantize(CENT, ROUND_HALF_UP)


def classify(line, invoice, commission_rate=0.0, tolerance=Decimal("0.01")):
    """Why ``line`` cannot be posted, or ``None`` when it can.

    ``line``: ``{kind, amount, currency, platform_order_id}``; ``invoice``: ``None`` or
    ``{currency, total, residual}`` of the order's open invoice; ``commission_rate``: percent
    the channel's contract charges (0: not checked).

    >>> inv = {"currency": "CNY", "total": Decimal("100"), "residual": Decimal("100")}
    >>> classify({"kind": "payment", "amount": Decimal("100"), "currency": "CNY", "platform_order_id": "E1"}, inv)
    >>> classify({"kind": "payment", "amount": Decimal("90"), "currency": "CNY", "platform_order_id": "E1"}, inv)
    'amount'
    >>> classify({"kind": "commission", "amount": Decimal("-6"), "currency": "CNY", "platform_order_id": "E1"}, inv, 5)
    'fee'
    >>> classify({"kind": "payment", "amount": Decimal("100"), "currency": "USD", "platform_order_id": "E1"}, inv)
    'currency'
    >>> classify({"kind": "payment", "amount": Decimal("100"), "currency": "CNY", "platform_order_id": "E9"}, None)
    'unknown_order'
    """
    kind, amount = line["kind"], Decimal(str(line["amount"]))
    if line.get("unreadable"):
        return UNREADABLE
    if kind not in KINDS:
        return UNKNOWN_TYPE
    if kind == "payout":
        return None
    if not line.get("platform_order_id"):
        return NO_ORDER if kind == "payment" else None
    if invoice is None:
        return UNKNOWN_ORDER
    if line.get("currency") and invoice["currency"] and line["currency"] != invoice["currency"]:
        return CURRENCY
    if kind == "payment":
        if Decimal(str(invoice["residual"])).copy_abs() < tolerance:
            return PAID
        if (amount - Decimal(str(invoice["residual"]))).copy_abs() >= tolerance:
            return AMOUNT
    if (
        kind == "commission"
        and commission_rate
        and (amount - expected_fee(invoice["total"], commission_rate)).copy_abs() >= tolerance
    ):
        return FEE
    return None
