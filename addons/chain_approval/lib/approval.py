"""Approval arithmetic that needs no database: escalation deadlines, delegation windows and the
ladder of managers an overdue review climbs."""

from datetime import timedelta


def escalation_due(pending_since, limit_hours, now):
    """Whether a review pending since ``pending_since`` is overdue at ``now``.

    ``limit_hours`` of 0 (or less) means the review never escalates.

    >>> from datetime import datetime
    >>> escalation_due(datetime(2026, 1, 1, 8), 24, datetime(2026, 1, 2, 8))
    True
    >>> escalation_due(datetime(2026, 1, 1, 8), 24, datetime(2026, 1, 2, 7, 59))
    False
    >>> escalation_due(datetime(2026, 1, 1, 8), 0, datetime(2030, 1, 1))
    False
    """
    if not limit_hours or limit_hours <= 0 or not pending_since:
        return False
    return now >= pending_since + timedelta(hours=limit_hours)


def delegation_active(date_from, date_to, on_date):
    """Whether a delegation from ``date_from`` to ``date_to`` (both included) covers ``on_date``.

    >>> from datetime import date
    >>> delegation_active(date(2026, 1, 1), date(2026, 1, 7), date(2026, 1, 7))
    True
    >>> delegation_active(date(2026, 1, 1), date(2026, 1, 7), date(2026, 1, 8))
    False
    """
    return date_from <= on_date <= date_to


def substitutes_for(reviewers, delegations, on_date):
    """Reviewers plus the substitutes named by any of them for ``on_date``, in a stable order.

    ``reviewers`` is a sequence of user ids; ``delegations`` a sequence of
    ``(user_id, substitute_id, date_from, date_to)``. Substitutes do not chain: a substitute's
    own delegation is not followed, so nobody receives a review through two hops.

    >>> from datetime import date
    >>> d = date(2026, 3, 2)
    >>> substitutes_for([1, 2], [(2, 7, date(2026, 3, 1), date(2026, 3, 5)), (7, 9, d, d)], d)
    [1, 2, 7]
    >>> substitutes_for([1], [(1, 5, date(2026, 1, 1), date(2026, 1, 2))], d)
    [1]
    """
    result = list(dict.fromkeys(reviewers))
    for user_id, substitute_id, date_from, date_to in delegations:
        active = user_id in reviewers and delegation_active(date_from, date_to, on_date)
        if active and substitute_id not in result:
            result.append(substitute_id)
    return result


def next_level(ladder, current):
    """The next non-empty level above the highest level of ``ladder`` that holds a ``current``
    reviewer; the first non-empty level when none does; ``[]`` at the top.

    ``ladder`` lists levels from the bottom (store manager) up (chain managers), each a sequence
    of user ids.

    >>> next_level([[3], [5], [8, 9]], [3])
    [5]
    >>> next_level([[3], [], [8, 9]], [3])
    [8, 9]
    >>> next_level([[3], [5], [8, 9]], [8])
    []
    >>> next_level([[3], [5], [8]], [42])
    [3]
    """
    top = -1
    for index, level in enumerate(ladder):
        if set(level) & set(current):
            top = index
    for level in ladder[top + 1 :]:
        if level:
            return list(level)
    return []


def four_eyes(reviewers, requester, ladder):
    """The reviewers of a tier once ``requester`` is taken out: nobody approves their own request.

    When the requester was the tier's only reviewer, the tier goes up ``ladder`` (store manager,
    region manager, chain managers, from the bottom up): to the others of the highest level that
    holds the requester, else to the next level up that holds someone else; to the top level
    when the requester is on no level; ``[]`` when nobody else is left.

    >>> four_eyes([3, 4], 3, [[3], [5], [8]])
    [4]
    >>> four_eyes([4], 3, [[3], [5], [8]])
    [4]
    >>> four_eyes([3], 3, [[3], [5], [8]])
    [5]
    >>> four_eyes([3], 3, [[3], [], [8]])
    [8]
    >>> four_eyes([5], 5, [[3], [5], [5, 8]])
    [8]
    >>> four_eyes([7], 7, [[3], [5], [8, 9]])
    [8, 9]
    >>> four_eyes([8], 8, [[3], [5], [8]])
    []
    """
    others = [user for user in reviewers if user != requester]
    if others or requester not in reviewers:
        return others
    top = len(ladder) - 1  # not on the ladder: its top level
    for index, level in enumerate(ladder):
        if requester in level:
            top = index
    for level in ladder[top:]:
        level = [user for user in level if user != requester]
        if level:
            return level
    return []
