"""Fapiao numbers (发票号码), without the ORM.

* A fully digital e-invoice (数电票, 全电发票) has a 20-digit number: digits 1-2
  the year (last two digits), 3-4 the province-level tax bureau (行政区划代码),
  5 the issuing channel, 6-20 a sequence. The State Taxation Administration
  publishes no check digit for it, so only this structure is checked.
* A legacy (paper or older electronic) fapiao has a code (发票代码, 10 or 12
  digits) and a number (发票号码, 8 digits).
"""

# Province-level administrative codes (GB/T 2260, first two digits): 11-15, 21-23, 31-37, 41-46, 50-54, 61-65.
PROVINCES = frozenset([*range(11, 16), *range(21, 24), *range(31, 38), *range(41, 47), *range(50, 55), *range(61, 66)])
DIGITAL_KINDS = ("digital_normal", "digital_special")


def digital_number_error(number, year=None):
    """Why ``number`` is no 数电票 number, or ``None``.

    ``year`` (e.g. 2026), when given, is the year of issue: the number's year
    prefix must be that year (a fapiao numbered in January may carry the
    previous year's prefix when issued across new year: one year back is
    accepted). Reasons: ``length``, ``digits``, ``year``, ``province``.

    >>> digital_number_error("26312000000012345678", 2026) is None
    True
    >>> [digital_number_error(n, 2026) for n in ("2631200000001234567", "2631200000001234567X",
    ...  "19312000000012345678", "26992000000012345678")]
    ['length', 'digits', 'year', 'province']
    """
    number = (number or "").strip()
    if len(number) != 20:
        return "length"
    if not number.isdigit() or not number.isascii():
        return "digits"
    if year is not None and int(number[:2]) not in (year % 100, (year - 1) % 100):
        return "year"
    if int(number[2:4]) not in PROVINCES:
        return "province"
    return None


def legacy_number_error(code, number):
    """Why a legacy fapiao ``code`` + ``number`` are wrong, or ``None``.

    Reasons: ``code`` (not 10 or 12 digits), ``number`` (not 8 digits).

    >>> legacy_number_error("3100201130", "00123456") is None
    True
    >>> legacy_number_error("031002011301", "123"), legacy_number_error("31002", "00123456")
    ('number', 'code')
    """
    code, number = (code or "").strip(), (number or "").strip()
    if len(code) not in (10, 12) or not code.isdigit() or not code.isascii():
        return "code"
    if len(number) != 8 or not number.isdigit() or not number.isascii():
        return "number"
    return None
