"""Member rules that need no ORM: mobile numbers, masking, points expiry, FIFO, tiers.

Plain functions with docstring contracts, tested without a database
(``tests/test_lib_member.py`` runs them and their doctests under plain pytest).
"""

import calendar
import datetime
import math
import re


class InvalidMobile(ValueError):
    """A number that is not a mainland China mobile number; ``reason`` says why.

    ``reason`` is ``"empty"``, ``"foreign"`` (another country's prefix) or
    ``"invalid"`` (not 11 digits starting with 13-19); the caller translates it.
    """

    def __init__(self, reason, number):
        super().__init__(f"{reason}: {number!r}")
        self.reason = reason
        self.number = number


_SEPARATORS = re.compile(r"[\s\-\.\(\)\u3000]")
_MAINLAND = re.compile(r"1[3-9]\d{9}")


def normalize_mobile(number):
    """The canonical form ``+86XXXXXXXXXXX`` of a mainland mobile number.

    Spaces, hyphens, dots and brackets are ignored; the country code may be
    written ``+86``, ``0086`` or ``86`` (before 11 digits), or left out.
    Raises :class:`InvalidMobile` for anything else (another country's number,
    a landline, too short or too long).

    >>> normalize_mobile("138 1234 5678")
    '+8613812345678'
    >>> normalize_mobile("+86-138-1234-5678")
    '+8613812345678'
    >>> normalize_mobile("0086 13812345678")
    '+8613812345678'
    >>> try:
    ...     normalize_mobile("+1 415 555 0100")
    ... except InvalidMobile as error:
    ...     error.reason
    'foreign'
    """
    raw = number or ""
    digits = _SEPARATORS.sub("", raw)
    if not digits:
        raise InvalidMobile("empty", raw)
    if digits.startswith("+"):
        if not digits.startswith("+86"):
            raise InvalidMobile("foreign", raw)
        digits = digits[3:]
    elif digits.startswith("00"):
        if not digits.startswith("0086"):
            raise InvalidMobile("foreign", raw)
        digits = digits[4:]
    elif digits.startswith("86") and len(digits) == 13:
        digits = digits[2:]
    if not _MAINLAND.fullmatch(digits):
        raise InvalidMobile("invalid", raw)
    return f"+86{digits}"


def mask_mobile(mobile):
    """A mobile number as shown outside the member's stores: ``138****5678``.

    >>> mask_mobile("+8613812345678")
    '138****5678'
    >>> mask_mobile(False)
    ''
    """
    if not mobile:
        return ""
    digits = mobile[3:] if mobile.startswith("+86") else mobile
    return f"{digits[:3]}****{digits[-4:]}"


def mask_name(name):
    """A name as shown outside the member's stores: its first character, then ``*``.

    >>> mask_name("王小红")
    '王**'
    >>> mask_name("")
    ''
    """
    if not name:
        return ""
    return name[0] + "*" * max(len(name) - 1, 1)


def add_months(day, months):
    """``day`` plus ``months`` months, on the last day of the month when it is shorter.

    >>> add_months(datetime.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    """
    month0 = day.month - 1 + months
    year, month = day.year + month0 // 12, month0 % 12 + 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def points_expiry(award_date, rule, months=0):
    """The last day on which points awarded on ``award_date`` can be spent.

    ``rule`` is ``"end_of_next_year"`` (31 December of the following year) or
    ``"months"`` (``months`` months after the award).

    >>> points_expiry(datetime.date(2026, 3, 5), "end_of_next_year")
    datetime.date(2027, 12, 31)
    >>> points_expiry(datetime.date(2026, 3, 5), "months", 12)
    datetime.date(2027, 3, 5)
    """
    if rule == "months":
        return add_months(award_date, months)
    if rule == "end_of_next_year":
        return datetime.date(award_date.year + 1, 12, 31)
    raise ValueError(f"unknown expiry rule {rule!r}")


def fifo_take(available, amount):
    """Which rows give ``amount`` points, first in first out.

    ``available`` is ``[(key, remaining), ...]`` in the order the rows are to be
    consumed (the one that expires first, first). Returns ``(takes, shortfall)``:
    ``takes`` the ``[(key, points taken), ...]`` and ``shortfall`` what the rows
    could not give (0 when they were enough).

    >>> fifo_take([("a", 30), ("b", 50), ("c", 10)], 60)
    ([('a', 30), ('b', 30)], 0)
    >>> fifo_take([("a", 5)], 8)
    ([('a', 5)], 3)
    """
    if amount < 0:
        raise ValueError("amount must not be negative")
    takes, left = [], amount
    for key, remaining in available:
        if left <= 0:
            break
        take = min(remaining, left)
        if take > 0:
            takes.append((key, take))
            left -= take
    return takes, left


def target_tier(spend, current, tiers):
    """The tier a member holds after the nightly review of their rolling spend.

    ``tiers`` is ``[(key, threshold, keep_threshold), ...]`` from the lowest tier
    to the highest. The tier *earned* is the highest whose ``threshold`` the
    spend reaches (``None``: none). A member goes up to it at once; a member
    keeps ``current`` (保级) while the spend stays at or above its
    ``keep_threshold``, and goes down to the earned tier when it falls below.

    >>> tiers = [("silver", 1000, 800), ("gold", 5000, 3000)]
    >>> target_tier(6000, "silver", tiers), target_tier(3500, "gold", tiers), target_tier(2000, "gold", tiers)
    ('gold', 'gold', 'silver')
    >>> target_tier(100, None, tiers) is None
    True
    """
    earned, rank = None, {}
    for index, (key, threshold, _keep) in enumerate(tiers):
        rank[key] = index
        if spend >= threshold:
            earned = key
    if current not in rank or (earned is not None and rank[earned] >= rank[current]):
        return earned
    keep = tiers[rank[current]][2]
    return current if spend >= keep else earned


def weighted_amount(lines):
    """The amount that earns points: the sum of each line's amount times its points factor.

    ``lines`` is ``[(amount incl. tax, factor), ...]``; a factor of 0 excludes
    the line (e.g. infant formula at a lower rate: 0.5).

    >>> weighted_amount([(100.0, 1.0), (200.0, 0.5), (30.0, 0.0)])
    200.0
    """
    return sum(amount * factor for amount, factor in lines)


def points_earned(lines, rate, multiplier=1.0):
    """Points earned by a purchase: ``floor(sum(amount * factor) * rate * multiplier)``, never below 0.

    ``lines`` as for :func:`weighted_amount`; ``rate`` the company's points per
    currency unit, ``multiplier`` the member's tier multiplier. A tiny epsilon
    keeps ``199.99999`` (a float of ``200``) from losing a point.

    >>> points_earned([(100.0, 1.0), (199.5, 0.5)], 1.0, 1.5)
    299
    >>> points_earned([(50.0, 0.0)], 1.0, 2.0)
    0
    >>> points_earned([(-80.0, 1.0)], 1.0)
    0
    """
    return max(math.floor(weighted_amount(lines) * rate * multiplier + 1e-9), 0)


def points_to_reverse(award_points, refunded, original, reversed_before=0):
    """Points a refund takes back of an award: in proportion of the weighted amounts, at most what is left.

    ``refunded`` and ``original`` are the weighted amounts (:func:`weighted_amount`)
    of the refunded lines and of the whole original order (both positive);
    ``reversed_before`` the points earlier refunds of the same award took back.

    >>> points_to_reverse(199, 100.0, 199.5)
    99
    >>> points_to_reverse(100, 80.0, 100.0, reversed_before=50)
    50
    >>> points_to_reverse(100, 10.0, 0.0)
    0
    """
    if original <= 0 or award_points <= 0:
        return 0
    points = math.floor(award_points * refunded / original + 1e-9)
    return max(min(points, award_points - reversed_before), 0)


def tier_upgrade(spend, current, tiers):
    """The tier a purchase lifts a member to at once, or ``None`` when it lifts them nowhere.

    ``tiers`` as for :func:`target_tier`. Only upgrades: the tier earned by
    ``spend`` when it is above ``current`` (a ``current`` not among ``tiers``
    counts as no tier); going down waits for the nightly review.

    >>> tiers = [("silver", 1000, 800), ("gold", 5000, 3000)]
    >>> tier_upgrade(5200, "silver", tiers), tier_upgrade(1200, "gold", tiers), tier_upgrade(1200, None, tiers)
    ('gold', None, 'silver')
    >>> tier_upgrade(900, None, tiers) is None
    True
    """
    earned, rank = None, {}
    for index, (key, threshold, _keep) in enumerate(tiers):
        rank[key] = index
        if spend >= threshold:
            earned = key
    if earned is None or (current in rank and rank[earned] <= rank[current]):
        return None
    return earned


def store_digest(rows, top=20):
    """The rows of a nightly job gathered per store, for one message to each store.

    ``rows`` is ``[(store, member label, amount), ...]`` (one per member; the
    store may be ``None``: such members are left out, no store to tell).
    Returns ``{store: (members, total, [(label, amount), ...])}``, the list
    holding the ``top`` members with the largest amounts, largest first (ties
    in label order).

    >>> digest = store_digest([("A", "M1", 10), ("B", "M2", 5), ("A", "M3", 30), (None, "M4", 1)], top=1)
    >>> digest == {"A": (2, 40, [("M3", 30)]), "B": (1, 5, [("M2", 5)])}
    True
    """
    per_store = {}
    for store, label, amount in rows:
        if store is None or store is False:
            continue
        per_store.setdefault(store, []).append((label, amount))
    return {
        store: (
            len(members),
            sum(amount for _label, amount in members),
            sorted(members, key=lambda member: (-member[1], member[0]))[:top],
        )
        for store, members in per_store.items()
    }
