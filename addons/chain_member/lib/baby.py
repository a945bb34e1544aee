"""Baby rules that need no ORM: age in months, formula stage, diaper size, follow-up windows.

Plain functions with docstring contracts, tested without a database
(``tests/test_lib_baby.py`` runs them and their doctests under plain pytest).
The models build their SQL from the same tables (:data:`STAGE_BANDS`,
:data:`DIAPER_BANDS`), so the daily job and the ORM never disagree.

Age is counted in **completed months**, the way the database adds months to a
date: a baby is ``n`` months old on the first day ``d`` with
``add_months(birth_date, n) <= d`` (a month added to 31 January is 28 or 29
February, as PostgreSQL's ``date + interval '1 month'``).
"""

import calendar
import datetime

#: Formula stages per GB 10765-2021 (stage 1, 0-6 months), GB 10766-2021 (stage 2, older
#: infants, 6-12 months) and GB 10767-2021 (stage 3, young children, 12-36 months):
#: ``(from month, until month excluded, stage)``.
STAGE_BANDS = ((0, 6, "1"), (6, 12, "2"), (12, 36, "3"))

#: Diaper sizes by age, the bands the big brands print on Chinese packs (sizes are by weight;
#: the age is the proxy we have): ``(from month, until month excluded, size)``.
DIAPER_BANDS = (
    (0, 1, "nb"),
    (1, 3, "s"),
    (3, 9, "m"),
    (9, 18, "l"),
    (18, 30, "xl"),
    (30, 48, "xxl"),
)

#: What the family of an expected baby shops for: stage 1 formula and newborn diapers.
UNBORN_STAGE = "1"
UNBORN_DIAPER = "nb"

#: Days before a stage change that its follow-up is due (the family buys the next stage then).
STAGE_LEAD_DAYS = 14
#: Days after a moment that a follow-up not yet created is still created (a job that did not run).
CATCH_UP_DAYS = 7
#: Birthdays followed up: the first to the sixth.
BIRTHDAY_YEARS = (1, 6)
#: A member buying formula every N days is followed up when N + this many days have passed.
REPLENISH_LATE_DAYS = 7
#: Formula purchases older than this are not counted (neither for the rhythm nor the usual brand).
PURCHASE_LOOKBACK_DAYS = 365
#: Fewest formula purchase days that make a rhythm (two intervals).
REPLENISH_MIN_PURCHASES = 3


def add_months(day, months):
    """``day`` moved by ``months`` (may be negative), clamped to the end of the month.

    >>> add_months(datetime.date(2026, 1, 31), 1)
    datetime.date(2026, 2, 28)
    >>> add_months(datetime.date(2026, 8, 31), -6)
    datetime.date(2026, 2, 28)
    """
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def age_months(birth_date, today):
    """Completed months of a baby born on ``birth_date`` on ``today``; ``None`` when not born yet.

    >>> age_months(datetime.date(2026, 1, 15), datetime.date(2026, 7, 14))
    5
    >>> age_months(datetime.date(2026, 1, 15), datetime.date(2026, 7, 15))
    6
    >>> age_months(datetime.date(2026, 1, 31), datetime.date(2026, 2, 28))
    1
    >>> age_months(None, datetime.date(2026, 2, 28)) is None
    True
    """
    if not birth_date or birth_date > today:
        return None
    months = (today.year - birth_date.year) * 12 + today.month - birth_date.month
    if add_months(birth_date, months) > today:
        months -= 1
    return months


def birth_date_bound(today, months):
    """The latest birth date of a baby at least ``months`` old on ``today``.

    ``age_months(b, today) >= months`` exactly when ``b <= birth_date_bound(today, months)``
    (what a search on the age turns into: a range of birth dates).

    >>> birth_date_bound(datetime.date(2026, 7, 15), 6)
    datetime.date(2026, 1, 15)
    >>> birth_date_bound(datetime.date(2026, 2, 28), 1)  # born 29-31 January: 1 month on 28 February
    datetime.date(2026, 1, 31)
    """
    candidate = add_months(today, -months)
    if today.day == calendar.monthrange(today.year, today.month)[1]:
        return candidate.replace(day=calendar.monthrange(candidate.year, candidate.month)[1])
    return candidate


def _band(bands, months):
    for start, end, code in bands:
        if start <= months < end:
            return code
    return None


def formula_stage(months):
    """The formula stage (``"1"``, ``"2"``, ``"3"``) for an age in completed months.

    ``None`` months (not born yet) gives stage 1, what the family buys ahead; past
    36 months there is no infant formula stage (``None``).

    >>> [formula_stage(m) for m in (None, 0, 5, 6, 11, 12, 35, 36)]
    ['1', '1', '1', '2', '2', '3', '3', None]
    """
    if months is None:
        return UNBORN_STAGE
    return _band(STAGE_BANDS, months)


def diaper_size(months):
    """The diaper size (``"nb"`` ... ``"xxl"``) for an age in completed months.

    ``None`` months (not born yet) gives newborn; past 48 months, ``None`` (out of diapers).

    >>> [diaper_size(m) for m in (None, 0, 1, 3, 9, 18, 30, 47, 48)]
    ['nb', 'nb', 's', 'm', 'l', 'xl', 'xxl', 'xxl', None]
    """
    if months is None:
        return UNBORN_DIAPER
    return _band(DIAPER_BANDS, months)


def stage_changes():
    """``[(month, next stage)]``: the ages at which a baby moves to the next formula stage.

    >>> stage_changes()
    [(6, '2'), (12, '3')]
    """
    return [(start, code) for start, _end, code in STAGE_BANDS if start > 0]


def moment_window(today, lead_days=0, catch_up_days=CATCH_UP_DAYS):
    """``(first, last)``: the moments whose follow-up is created on ``today``.

    A follow-up is due ``lead_days`` before its moment; a job that did not run
    is caught up for ``catch_up_days`` days. Run every day, a moment falls in
    the window on ``catch_up_days + 1`` consecutive days: the first of them
    creates the follow-up, the database refuses a second one.

    >>> moment_window(datetime.date(2026, 3, 1), lead_days=14)
    (datetime.date(2026, 3, 8), datetime.date(2026, 3, 15))
    >>> moment_window(datetime.date(2026, 3, 1))
    (datetime.date(2026, 2, 22), datetime.date(2026, 3, 1))
    """
    last = today + datetime.timedelta(days=lead_days)
    return last - datetime.timedelta(days=catch_up_days), last
