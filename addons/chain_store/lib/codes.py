"""Codes used across the chain: warehouse short names and GTIN check digits.

Plain functions with no ORM so they can be tested without a database and
reused by the scale-data builder and the demo generator.
"""

import re

WAREHOUSE_CODE_SIZE = 5  # ``stock.warehouse.code`` is a Char(size=5)


def warehouse_code(store_code, taken=()):
    """Return a warehouse short name (at most 5 characters) for a store code.

    The result keeps the letters and digits of ``store_code`` in upper case.
    When the store code is longer than 5 characters, its head and its tail
    are kept (``"SH-PD-012"`` gives ``"SH012"``) so that numbered stores stay
    distinct.  When the result is already in ``taken`` (compared without
    case), the tail is replaced by a counter until a free code is found.

    >>> warehouse_code("sh01")
    'SH01'
    >>> warehouse_code("SH-PD-012")
    'SH012'
    >>> warehouse_code("SH01", taken={"SH01"})
    'SH011'

    :param str store_code: the store's code; must contain a letter or a digit
    :param taken: warehouse codes already used in the company
    :raises ValueError: when ``store_code`` has no letter or digit, or when
        no free code of 5 characters is left for it
    """
    clean = re.sub(r"[^0-9A-Za-z]", "", store_code or "").upper()
    if not clean:
        raise ValueError(f"store code {store_code!r} has no letter or digit")
    taken = {code.upper() for code in taken if code}
    size = WAREHOUSE_CODE_SIZE
    if len(clean) > size:
        digits = re.search(r"\d+$", clean)
        tail = digits.group(0)[-3:] if digits else ""
        clean = clean[: size - len(tail)] + tail
    if clean not in taken:
        return clean
    for counter in range(1, 10 ** (size - 1)):
        suffix = str(counter)
        head = clean if len(clean) + len(suffix) <= size else clean[: size - len(suffix)]
        if head + suffix not in taken:
            return head + suffix
    raise ValueError(f"no free warehouse code left for store code {store_code!r}")


def gtin_check_digit(digits):
    """Return the GS1 check digit of ``digits`` (a GTIN without its last digit).

    >>> gtin_check_digit("690123456789")
    '2'

    :param str digits: 7, 11, 12 or 13 digits (GTIN-8/12/13/14 body)
    :raises ValueError: when ``digits`` is not made of digits only
    """
    if not digits or not digits.isdigit():
        raise ValueError(f"{digits!r} is not a string of digits")
    total = 0
    for position, char in enumerate(reversed(digits)):
        total += int(char) * (3 if position % 2 == 0 else 1)
    return str((10 - total % 10) % 10)


def is_valid_gtin(code):
    """Tell whether ``code`` is a GTIN-8, 12, 13 or 14 with a right check digit.

    >>> is_valid_gtin("6901234567892")
    True
    >>> is_valid_gtin("6901234567891")
    False
    """
    if not code or not code.isdigit() or len(code) not in (8, 12, 13, 14):
        return False
    return gtin_check_digit(code[:-1]) == code[-1]


def make_gtin13(prefix, number):
    """Build a GTIN-13 from a company prefix and an item number.

    ``number`` is zero-padded to fill the 12 digits before the check digit.

    >>> make_gtin13("690123", 45678)
    '6901230456787'

    :raises ValueError: when prefix and number do not fit in 12 digits
    """
    body = f"{prefix}{int(number):0{12 - len(prefix)}d}"
    if len(body) != 12 or not body.isdigit():
        raise ValueError(f"prefix {prefix!r} and number {number!r} do not make 12 digits")
    return body + gtin_check_digit(body)
