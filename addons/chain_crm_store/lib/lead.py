"""Lead rules that need no ORM: the due date, the baby already expected.

Plain functions with docstring contracts, tested without a database
(``tests/test_lib_lead.py``).
"""

import datetime  # noqa: F401 (the doctests use it)

MAX_DUE_DAYS = 300
"""A due date further away than this is a typing mistake (a pregnancy lasts about 280 days)."""

SAME_BABY_DAYS = 30
"""Two due dates within this many days are the same expected baby."""


def due_date_problem(due_date, today):
    """What is wrong with ``due_date`` seen on ``today``: ``"past"``, ``"far"`` or ``None``.

    An empty date is fine (not known yet); today itself is fine (the baby is due).

    >>> today = datetime.date(2026, 12, 7)
    >>> due_date_problem(None, today) is None
    True
    >>> due_date_problem(datetime.date(2026, 12, 6), today)
    'past'
    >>> due_date_problem(today, today) is None
    True
    >>> due_date_problem(datetime.date(2027, 10, 3), today) is None
    True
    >>> due_date_problem(datetime.date(2027, 10, 4), today)
    'far'
    """
    if not due_date:
        return None
    if due_date < today:
        return "past"
    if (due_date - today).days > MAX_DUE_DAYS:
        return "far"
    return None


def expected_baby_matches(due_date, babies):
    """The first of ``babies`` that is the baby due on ``due_date``, else ``None``.

    ``babies`` are ``(baby_id, birth_date, due_date)`` tuples; a baby matches
    when not born yet and due within :data:`SAME_BABY_DAYS` days of ``due_date``
    (the nearest one wins). With no ``due_date``, an unborn baby without a due
    date matches.

    >>> d = datetime.date
    >>> expected_baby_matches(d(2027, 3, 1), [(1, None, d(2027, 3, 25)), (2, None, d(2027, 3, 3))])
    2
    >>> expected_baby_matches(d(2027, 3, 1), [(1, None, d(2027, 4, 5))]) is None
    True
    >>> expected_baby_matches(d(2027, 3, 1), [(1, d(2026, 1, 1), None)]) is None
    True
    """
    candidates = []
    for baby_id, birth_date, baby_due in babies:
        if birth_date:
            continue
        if due_date is None or baby_due is None:
            if due_date is None and baby_due is None:
                candidates.append((0, baby_id))
            continue
        gap = abs((baby_due - due_date).days)
        if gap <= SAME_BABY_DAYS:
            candidates.append((gap, baby_id))
    return min(candidates)[1] if candidates else None
