"""The unified social credit code (统一社会信用代码, GB 32100-2015), without the ORM.

A company's tax id in China is its 18-character unified social credit code:
registration authority (1), kind (1), administrative area (6), organization
code (9), check character (1), written with the 31 characters below (no I, O,
Z, S, V). The check character is ``31 - (sum of value * weight mod 31)``, 31
being written 0.
"""

CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY"
WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)


def normalize(code):
    """The code without spaces, in capitals (``None`` and ``""`` give ``""``).

    >>> normalize(" 91350100m000100y43 ")
    '91350100M000100Y43'
    """
    return "".join((code or "").split()).upper()


def check_character(first17):
    """The check character of the 17 first characters of a code.

    >>> check_character("91350100M000100Y4")
    '3'
    """
    total = sum(CHARSET.index(char) * weight for char, weight in zip(first17, WEIGHTS, strict=True))
    return CHARSET[(31 - total % 31) % 31]


def uscc_error(code):
    """Why ``code`` is no valid unified social credit code, or ``None`` when it is.

    The reasons are stable keys the caller translates: ``length``, ``charset``,
    ``checksum``.

    >>> uscc_error("91350100M000100Y43") is None
    True
    >>> [uscc_error(c) for c in ("91350100M000100Y4", "91350100M000100Y4I", "91350100M000100Y42")]
    ['length', 'charset', 'checksum']
    """
    code = normalize(code)
    if len(code) != 18:
        return "length"
    if any(char not in CHARSET for char in code):
        return "charset"
    if check_character(code[:17]) != code[17]:
        return "checksum"
    return None
