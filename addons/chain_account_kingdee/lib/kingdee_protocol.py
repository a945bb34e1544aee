"""Kingdee EAS vouchers without the ORM: numbers, summaries, entries, answers.

What travels to EAS (``WSWSVoucher.importVoucher``) is a flat array of
``WSWSVoucher`` beans, one per voucher entry, each repeating the voucher's
header (company, dates, period, voucher type and number) next to the entry's
own fields (sequence, account, direction, amounts, auxiliary item). The
functions here build that array from a day's summary and read EAS's answer.
"""

import re
from decimal import ROUND_HALF_UP, Decimal

CENT = Decimal("0.01")
DEBIT = 1  # ``entryDC`` of a debit entry (as in Kingdee's samples)
CREDIT = -1  # ``entryDC`` of a credit entry (unverified: some samples send 0)
OK_STATUS = "0000"
# EAS's answer when the voucher number is taken in that company, period and voucher type
DUPLICATE = re.compile(r"已存在|already exists|duplicate", re.IGNORECASE)
# EAS's fault when the SessionId header is unknown or timed out
SESSION_EXPIRED = re.compile(r"session|会话|未登录|not logged", re.IGNORECASE)


def cents(value):
    """``value`` as a Decimal rounded to the cent (half up).

    >>> cents(0.125), cents("2"), cents(-1.005)
    (Decimal('0.13'), Decimal('2.00'), Decimal('-1.01'))
    """
    return Decimal(str(value)).quantize(CENT, rounding=ROUND_HALF_UP)


def voucher_number(prefix, day, store_code=None):
    """The voucher number of ``day``: the same for every send, so a re-send is refused as a duplicate.

    EAS numbers vouchers per company, period and voucher type, so the company is not
    part of the number; a voucher per store would add the store's code.

    >>> from datetime import date
    >>> voucher_number("OD", date(2026, 12, 7))
    'OD20261207'
    >>> voucher_number("OD", date(2026, 12, 7), "S01")
    'OD20261207S01'
    """
    return f"{prefix or ''}{day:%Y%m%d}{store_code or ''}"


def allocate(account_totals, store_shares):
    """Split each account's day total between its stores, to the cent, without losing a cent.

    ``account_totals`` is ``{account: balance}`` (debit positive), ``store_shares``
    ``{(account, store): balance}`` (the part of the balance carried by each store's
    analytic distribution, unrounded). Each store part is rounded; what remains of
    the account's total (lines without a store, rounding) goes to ``store`` None.
    Returns ``[(account, store, amount)]`` without zero amounts, amounts as Decimal,
    and for each account the amounts add up to its rounded total.

    >>> allocate({"6001": -100.0}, {("6001", "A"): -33.333, ("6001", "B"): -33.333})
    [('6001', 'A', Decimal('-33.33')), ('6001', 'B', Decimal('-33.33')), ('6001', None, Decimal('-33.34'))]
    >>> allocate({"1001": 10.0}, {("1001", "A"): 10.0})
    [('1001', 'A', Decimal('10.00'))]
    """
    result = []
    for account, total in account_totals.items():
        rest = cents(total)
        for (share_account, store), amount in store_shares.items():
            if share_account != account:
                continue
            part = cents(amount)
            if part:
                result.append((account, store, part))
                rest -= part
        if rest:
            result.append((account, None, rest))
    return result


def voucher_entries(header, lines):
    """The ``WSWSVoucher`` beans of one voucher.

    ``header``: the voucher's fields repeated on every entry (``companyNumber``,
    ``bookedDate``, ``bizDate``, ``periodYear``, ``periodNumber``, ``voucherType``,
    ``voucherNumber``, ``voucherAbstract``, ``currencyNumber``, ``creator``...).
    ``lines``: ``[(kingdee_account, asst_type, asst_number, asst_name, amount)]``,
    amount debit positive; lines with the same account and auxiliary item are merged,
    zero lines dropped; debits come first, then credits, each by account.

    >>> entries = voucher_entries({"voucherNumber": "X"}, [
    ...     ("6001", None, None, None, Decimal("-10")), ("1001", None, None, None, Decimal("4")),
    ...     ("1001", None, None, None, Decimal("6")), ("2221", None, None, None, Decimal("0"))])
    >>> [(e["entrySeq"], e["accountNumber"], e["entryDC"], e["debitAmount"], e["creditAmount"]) for e in entries]
    [(1, '1001', 1, 10.0, 0.0), (2, '6001', -1, 0.0, 10.0)]
    """
    merged = {}
    for account, asst_type, asst_number, asst_name, amount in lines:
        key = (account, asst_type or "", asst_number or "")
        previous = merged.get(key, (asst_name, Decimal(0)))
        merged[key] = (asst_name or previous[0], previous[1] + cents(amount))
    ordered = sorted(
        ((key, name, amount) for key, (name, amount) in merged.items() if amount),
        key=lambda item: (item[2] < 0, item[0]),
    )
    entries = []
    for seq, ((account, asst_type, asst_number), asst_name, amount) in enumerate(ordered, start=1):
        entry = dict(header)
        entry.update(
            {
                "entrySeq": seq,
                "accountNumber": account,
                "entryDC": DEBIT if amount > 0 else CREDIT,
                "originalAmount": float(abs(amount)),
                "debitAmount": float(amount) if amount > 0 else 0.0,
                "creditAmount": float(-amount) if amount < 0 else 0.0,
                "localRate": 1.0,
            }
        )
        if asst_type and asst_number:
            entry.update({"asstSeq": 1, "asstActType1": asst_type, "asstActNumber1": asst_number})
            if asst_name:
                entry["asstActName1"] = asst_name
        entries.append(entry)
    return entries


def totals(entries):
    """``(debit, credit)`` of voucher entries, as cents.

    >>> totals([{"debitAmount": 1.1, "creditAmount": 0}, {"debitAmount": 0, "creditAmount": 1.1}])
    (Decimal('1.10'), Decimal('1.10'))
    """
    debit = sum((cents(e.get("debitAmount") or 0) for e in entries), Decimal(0))
    credit = sum((cents(e.get("creditAmount") or 0) for e in entries), Decimal(0))
    return debit, credit


def read_result(rows, number):
    """EAS's verdict on voucher ``number`` from ``importVoucher``'s ``String[][]`` answer.

    Each row is ``[voucherNumber, status, message]`` (``status`` ``0000`` when imported).
    Returns ``(outcome, message)``, outcome ``accepted``, ``duplicate`` (the voucher
    exists already: a previous send went through) or ``refused``.

    >>> read_result([["OD1", "0000", "ok"]], "OD1")
    ('accepted', 'ok')
    >>> read_result([["OD1", "9001", "凭证号[OD1]已存在"]], "OD1")
    ('duplicate', '凭证号[OD1]已存在')
    >>> read_result([["OD1", "9002", "科目[9999]不存在"]], "OD1")
    ('refused', '科目[9999]不存在')
    >>> read_result([], "OD1")
    ('refused', 'Kingdee EAS returned no result for voucher OD1.')
    """
    for row in rows or []:
        row = [str(cell) if cell is not None else "" for cell in row]
        if not row or row[0] != number:
            continue
        status = row[1] if len(row) > 1 else ""
        message = row[2] if len(row) > 2 else ""
        if status == OK_STATUS:
            return "accepted", message
        if DUPLICATE.search(message):
            return "duplicate", message
        return "refused", message or status
    return "refused", f"Kingdee EAS returned no result for voucher {number}."


def result_rows(answer):
    """``importVoucher``'s answer (``ArrayOfArrayOf_xsd_string``) as a list of lists of strings.

    zeep returns an array type either flattened (a list) or as an object with ``item``.

    >>> result_rows({"item": [{"item": ["OD1", "0000", "ok"]}]})
    [['OD1', '0000', 'ok']]
    >>> result_rows([["OD1", "0000", "ok"]])
    [['OD1', '0000', 'ok']]
    >>> result_rows(None)
    []
    """

    def items(value):
        if value is None:
            return []
        if isinstance(value, list | tuple):
            return list(value)
        return list(value["item"] or [])

    return [list(items(row)) for row in items(answer) if row is not None]
