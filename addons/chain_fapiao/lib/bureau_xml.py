# ruff: noqa: RUF001
"""The tax bureau's issued-invoice file (XML), parsed and matched without the ORM.

Two shapes are read, each row giving a number, a date, a buyer and amounts:

* the batch export of the electronic invoice service platform (电子发票服务平台,
  "发票查询统计 - 全量发票查询 - 导出"), elements named in Chinese::

      <发票列表><发票><发票号码>26312000000012345678</发票号码><开票日期>2026-05-03</开票日期>
      <购买方名称>…</购买方名称><购买方纳税人识别号>…</购买方纳税人识别号>
      <合计金额>100.00</合计金额><合计税额>13.00</合计税额><价税合计>113.00</价税合计>
      <发票票种>数电票(普通发票)</发票票种></发票></发票列表>

* one or more fully digital e-invoices in the bureau's own XML (``<EInvoice>``:
  ``TaxSupervisionInfo/InvoiceNumber``, ``IssueTime``, ``BuyerInformation/BuyerName``,
  ``BuyerIdNum``, ``BasicInformation/TotalAmWithoutTax``, ``TotalTaxAm``,
  ``TotalTax-includedAmount``).

No network access and no entity expansion are allowed while parsing.
"""

import datetime
from decimal import Decimal, InvalidOperation

from lxml import etree

FIELDS = {
    "number": ("发票号码", "数电票号码", "InvoiceNumber"),
    "date": ("开票日期", "IssueTime"),
    "buyer_name": ("购买方名称", "BuyerName"),
    "buyer_vat": ("购买方纳税人识别号", "购买方统一社会信用代码/纳税人识别号", "BuyerIdNum"),
    "untaxed": ("合计金额", "金额", "TotalAmWithoutTax"),
    "tax": ("合计税额", "税额", "TotalTaxAm"),
    "total": ("价税合计", "TotalTax-includedAmount"),
    "kind": ("发票票种", "票种", "InvoiceType"),
}
ROW_TAGS = ("发票", "EInvoice", "Invoice")


class BureauFileError(ValueError):
    """The file is no XML, or has no invoice row."""


def parse(data):
    """The rows of a bureau file (``bytes``): a list of dicts with the keys of ``FIELDS``.

    Amounts are ``Decimal``, the date a ``datetime.date`` (``None`` when absent or
    unreadable), text stripped; a row without a number is kept (its matching will
    say why it is refused). Raises ``BureauFileError`` on bad XML or no rows.

    >>> rows = parse('<发票列表><发票><发票号码>26312000000012345678</发票号码><开票日期>2026-05-03 10:00:00'
    ...     '</开票日期><价税合计>113.00</价税合计></发票></发票列表>'.encode())
    >>> rows[0]["number"], rows[0]["date"], rows[0]["total"], rows[0]["tax"]
    ('26312000000012345678', datetime.date(2026, 5, 3), Decimal('113.00'), None)
    """
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False, remove_comments=True)
    try:
        root = etree.fromstring(data, parser=parser)
    except (etree.XMLSyntaxError, ValueError) as exc:
        raise BureauFileError(str(exc)) from exc
    rows = [el for el in root.iter() if isinstance(el.tag, str) and _local(el.tag) in ROW_TAGS]
    if not rows:
        raise BureauFileError("no invoice")
    return [_row(el) for el in rows]


def _local(tag):
    return tag.rsplit("}", 1)[-1]


def _row(element):
    texts = {}
    for el in element.iter():
        if isinstance(el.tag, str) and el.text and el.text.strip():
            texts.setdefault(_local(el.tag), el.text.strip())
    row = {}
    for key, names in FIELDS.items():
        row[key] = next((texts[name] for name in names if name in texts), None)
    for key in ("untaxed", "tax", "total"):
        row[key] = _amount(row[key])
    row["date"] = _date(row["date"])
    return row


def _amount(text):
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", "").replace("¥", "").strip())
    except InvalidOperation:
        return None


def _date(text):
    if not text:
        return None
    text = text.strip().replace("年", "-").replace("月", "-").replace("日", "").replace("/", "-")
    try:
        return datetime.date.fromisoformat(text[:10])
    except ValueError:
        return None


def match(rows, candidates, known_numbers=()):
    """Pair file rows with register entries waiting for a number.

    ``candidates``: dicts ``{"id", "buyer_vat", "buyer_name", "total", "tax"}``
    (amounts ``Decimal``), the entries "to issue". ``known_numbers``: numbers
    already in the register (a row with one of them is skipped: importing a
    file twice changes nothing). A row matches the first candidate with the
    same total (and tax when both have one) and the same buyer tax id, or, when
    the row or candidate has no tax id, the same buyer name; each candidate is
    used once.

    Returns ``(matches, skipped, unmatched)``: ``[(row, id)]``, ``[row]``,
    ``[(row, reason)]`` with reason ``"no_number"``, ``"no_amount"`` or
    ``"no_candidate"``.

    >>> from decimal import Decimal as D
    >>> rows = [{"number": "1", "buyer_vat": "X", "buyer_name": "A", "total": D("113"), "tax": D("13")},
    ...         {"number": "2", "buyer_vat": None, "buyer_name": "B", "total": D("50"), "tax": None},
    ...         {"number": "3", "buyer_vat": "X", "buyer_name": "A", "total": D("9"), "tax": None},
    ...         {"number": "4", "buyer_vat": "X", "buyer_name": "A", "total": D("113"), "tax": D("13")}]
    >>> cands = [{"id": 7, "buyer_vat": "X", "buyer_name": "A Ltd", "total": D("113"), "tax": D("13")},
    ...          {"id": 8, "buyer_vat": False, "buyer_name": "B", "total": D("50"), "tax": D("0")}]
    >>> m, s, u = match(rows, cands, known_numbers={"4"})
    >>> [(r["number"], i) for r, i in m], [r["number"] for r in s], [(r["number"], why) for r, why in u]
    ([('1', 7), ('2', 8)], ['4'], [('3', 'no_candidate')])
    """
    known = set(known_numbers)
    free = list(candidates)
    matches, skipped, unmatched = [], [], []
    for row in rows:
        if not row.get("number"):
            unmatched.append((row, "no_number"))
            continue
        if row["number"] in known:
            skipped.append(row)
            continue
        if row.get("total") is None:
            unmatched.append((row, "no_amount"))
            continue
        found = next((c for c in free if _fits(row, c)), None)
        if found is None:
            unmatched.append((row, "no_candidate"))
            continue
        free.remove(found)
        known.add(row["number"])
        matches.append((row, found["id"]))
    return matches, skipped, unmatched


def _fits(row, candidate):
    if Decimal(candidate["total"]) != row["total"]:
        return False
    if row.get("tax") is not None and candidate.get("tax") is not None and Decimal(candidate["tax"]) != row["tax"]:
        return False
    row_vat, cand_vat = (row.get("buyer_vat") or "").upper(), (candidate.get("buyer_vat") or "").upper()
    if row_vat and cand_vat:
        return row_vat == cand_vat
    return _name(row.get("buyer_name")) == _name(candidate.get("buyer_name"))


def _name(name):
    return "".join((name or "").split()).replace("(", "（").replace(")", "）")
