"""Stored value (储值) arithmetic, without the ORM: amounts are integer fen.

A member's stored value has two parts: the **principal** she paid and the
**bonus** the chain gave with her top-ups. The functions here pick the bonus a
top-up earns, split a payment between the two parts (pro rata or bonus last,
the company's rule) and say what bonus a refund forfeits; the models keep the
ledger and the accounts.
"""

PRO_RATA = "pro_rata"
BONUS_LAST = "last"


def to_fen(amount):
    """``amount`` (currency units, a float) as integer fen, rounded half away from zero.

    >>> to_fen(12.345), to_fen(0.1 + 0.2), to_fen(-5.005), to_fen(None)
    (1235, 30, -501, 0)
    """
    if not amount:
        return 0
    sign = -1 if amount < 0 else 1
    return sign * int(abs(amount) * 100 + 0.5 + 1e-7)


def to_amount(fen):
    """Integer ``fen`` as currency units.

    >>> to_amount(1235), to_amount(-30)
    (12.35, -0.3)
    """
    return round(fen / 100.0, 2)


def rule_bonus(amount_fen, min_fen, fixed_fen, percent):
    """The bonus (fen) one rule gives for a top-up of ``amount_fen``: nothing below ``min_fen``,
    else ``fixed_fen`` plus ``percent`` % of the top-up (rounded down to the fen).

    >>> rule_bonus(100000, 100000, 10000, 0.0), rule_bonus(99999, 100000, 10000, 0.0)
    (10000, 0)
    >>> rule_bonus(200000, 50000, 0, 5.0)
    10000
    """
    if amount_fen <= 0 or amount_fen < min_fen:
        return 0
    return max(0, fixed_fen) + max(0, int(amount_fen * percent / 100.0 + 1e-7))


def topup_bonus(amount_fen, rules, store_id, day):
    """The best bonus among ``rules`` for a top-up of ``amount_fen`` in store ``store_id`` on ``day``.

    ``rules``: iterables of ``(rule id, min_fen, fixed_fen, percent, date_from, date_to, store_ids)``
    (dates may be None, an empty ``store_ids`` means every store). Rules do not add
    up: the top-up gets the one giving the most. Returns ``(bonus_fen, rule id or None)``.

    >>> import datetime
    >>> d = datetime.date(2026, 12, 1)
    >>> rules = [(1, 100000, 10000, 0, None, None, ()), (2, 200000, 30000, 0, None, None, ())]
    >>> topup_bonus(100000, rules, 7, d), topup_bonus(250000, rules, 7, d), topup_bonus(5000, rules, 7, d)
    ((10000, 1), (30000, 2), (0, None))
    >>> topup_bonus(100000, [(3, 0, 500, 0, None, None, (8,))], 7, d)
    (0, None)
    >>> topup_bonus(100000, [(4, 0, 500, 0, datetime.date(2026, 12, 2), None, ())], 7, d)
    (0, None)
    """
    best = (0, None)
    for rule_id, min_fen, fixed_fen, percent, date_from, date_to, store_ids in rules:
        if store_ids and store_id not in store_ids:
            continue
        if (date_from and day < date_from) or (date_to and day > date_to):
            continue
        bonus = rule_bonus(amount_fen, min_fen, fixed_fen, percent)
        if bonus > best[0]:
            best = (bonus, rule_id)
    return best


def split_use(amount_fen, principal_fen, bonus_fen, mode=PRO_RATA):
    """How a payment of ``amount_fen`` from a balance of ``principal_fen`` + ``bonus_fen`` splits:
    ``(principal part, bonus part)``, or None when the balance is short.

    Pro rata: the bonus part is the bonus's share of the balance, rounded down to
    the fen (the principal takes the rest); paying the whole balance takes both
    whole. Bonus last: principal first, then bonus.

    >>> split_use(11000, 100000, 10000), split_use(110000, 100000, 10000)
    ((10000, 1000), (100000, 10000))
    >>> split_use(100, 1000, 3), split_use(50000, 100000, 10000, BONUS_LAST)
    ((100, 0), (50000, 0))
    >>> split_use(105000, 100000, 10000, BONUS_LAST), split_use(110001, 100000, 10000)
    ((100000, 5000), None)
    >>> split_use(0, 100, 100)
    """
    balance = principal_fen + bonus_fen
    if amount_fen <= 0 or amount_fen > balance:
        return None
    if mode == BONUS_LAST:
        principal = min(amount_fen, principal_fen)
        return principal, amount_fen - principal
    if amount_fen == balance:
        return principal_fen, bonus_fen
    bonus = amount_fen * bonus_fen // balance
    principal = amount_fen - bonus
    if principal > principal_fen:  # rounding at the very end of the principal
        principal, bonus = principal_fen, amount_fen - principal_fen
    return principal, bonus


def refund_forfeit(refund_fen, principal_fen, bonus_fen):
    """The bonus (fen) a refund of ``refund_fen`` of the principal forfeits: the bonus's share of
    the principal refunded (rounded up), all of it when the whole principal is refunded;
    None when more than the principal is asked.

    >>> refund_forfeit(100000, 100000, 10000), refund_forfeit(50000, 100000, 10000)
    (10000, 5000)
    >>> refund_forfeit(1, 3, 1), refund_forfeit(100001, 100000, 0), refund_forfeit(0, 1, 1)
    (1, None, None)
    """
    if refund_fen <= 0 or refund_fen > principal_fen:
        return None
    if refund_fen == principal_fen:
        return bonus_fen
    return min(bonus_fen, -(-refund_fen * bonus_fen // principal_fen))
