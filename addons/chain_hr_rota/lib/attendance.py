"""Attendance against the rota: one employee's day, classified. No ORM, no database.

A *day* is the store-local day a planned shift starts on (a night shift from 22:00 to 06:00
belongs to the day it starts); attendance without a plan belongs to the store-local day of its
check-in. The caller (``chain.hr.attendance.check._chain_compute``) gathers, for every employee
and day at once with SQL, the planned window and the attendance intervals, then calls
:func:`classify` on each and writes the results in bulk.

Rules (minutes are whole minutes, rounded down):

* planned, no attendance: ``absent``;
* attendance, nothing planned: ``unplanned`` (the worked minutes tell how much);
* late = first check-in - planned start, counted in full when it exceeds the late tolerance, else 0;
* early leave = planned end - last check-out, counted in full when it exceeds the early tolerance,
  else 0; not counted while the last attendance has no check-out (forgotten at the kiosk);
* overtime = last check-out - planned end, counted when it reaches the overtime minimum, else 0
  (arriving early is not overtime: the store opens at a fixed hour);
* status: ``late_early`` when both, else ``late``, ``early``, ``overtime``, or ``ok``.

A split shift is compared on its first start and its last end; leaving during the break is not a
late arrival, and a missed second segment shows as worked minutes below the planned ones.
"""

OK = "ok"
LATE = "late"
EARLY = "early"
LATE_EARLY = "late_early"
ABSENT = "absent"
UNPLANNED = "unplanned"
OVERTIME = "overtime"
STATUSES = (OK, LATE, EARLY, LATE_EARLY, ABSENT, UNPLANNED, OVERTIME)


def minutes_between(start, end):
    """Whole minutes from ``start`` to ``end`` (rounded down; negative when ``end`` comes first).

    >>> from datetime import datetime
    >>> minutes_between(datetime(2026, 1, 1, 9, 0), datetime(2026, 1, 1, 9, 7, 59))
    7
    >>> minutes_between(datetime(2026, 1, 1, 9, 7), datetime(2026, 1, 1, 9, 0))
    -7
    """
    seconds = (end - start).total_seconds()
    return int(seconds // 60) if seconds >= 0 else -int(-seconds // 60)


def worked_minutes(intervals):
    """Minutes of the closed intervals ``[(check_in, check_out), ...]`` (open ones count 0).

    >>> from datetime import datetime
    >>> worked_minutes([(datetime(2026, 1, 1, 9), datetime(2026, 1, 1, 12, 30)),
    ...                 (datetime(2026, 1, 1, 13), None)])
    210
    """
    return sum(max(0, minutes_between(ci, co)) for ci, co in intervals if co is not None)


def classify(planned_start, planned_end, intervals, late_tolerance=5, early_tolerance=5, overtime_min=30):
    """Classify one employee's day.

    ``planned_start``/``planned_end``: the day's planned window (naive UTC datetimes), both
    ``None`` when nothing is planned; ``intervals``: the day's attendances as
    ``(check_in, check_out_or_None)``; tolerances in minutes.

    Returns ``None`` when there is neither plan nor attendance, else a dict with ``status``,
    ``check_in`` (first), ``check_out`` (last, ``None`` while the last attendance is open),
    ``worked_minutes``, ``late_minutes``, ``early_minutes``, ``overtime_minutes``.

    >>> from datetime import datetime as dt
    >>> day = classify(dt(2026, 1, 5, 1), dt(2026, 1, 5, 9), [(dt(2026, 1, 5, 1, 12), dt(2026, 1, 5, 9, 45))])
    >>> day["status"], day["late_minutes"], day["early_minutes"], day["overtime_minutes"]
    ('late', 12, 0, 45)
    """
    intervals = sorted(intervals, key=lambda pair: pair[0])
    planned = planned_start is not None and planned_end is not None
    if not planned and not intervals:
        return None
    result = {
        "status": OK,
        "check_in": intervals[0][0] if intervals else None,
        "check_out": None,
        "worked_minutes": worked_minutes(intervals),
        "late_minutes": 0,
        "early_minutes": 0,
        "overtime_minutes": 0,
    }
    if intervals:
        last_open = any(co is None for _ci, co in intervals) and _latest_is_open(intervals)
        closed = [co for _ci, co in intervals if co is not None]
        result["check_out"] = None if last_open or not closed else max(closed)
    if not planned:
        result["status"] = UNPLANNED
        return result
    if not intervals:
        result["status"] = ABSENT
        return result
    late = minutes_between(planned_start, result["check_in"])
    if late > late_tolerance:
        result["late_minutes"] = late
    if result["check_out"] is not None:
        early = minutes_between(result["check_out"], planned_end)
        if early > early_tolerance:
            result["early_minutes"] = early
        overtime = minutes_between(planned_end, result["check_out"])
        if overtime > 0 and overtime >= overtime_min:
            result["overtime_minutes"] = overtime
    result["status"] = status_of(result["late_minutes"], result["early_minutes"], result["overtime_minutes"])
    return result


def _latest_is_open(intervals):
    """Whether the attendance checked in last has no check-out."""
    return max(intervals, key=lambda pair: pair[0])[1] is None


def status_of(late_minutes, early_minutes, overtime_minutes):
    """The status of a planned and attended day from its counted minutes.

    >>> status_of(10, 20, 0), status_of(10, 0, 40), status_of(0, 0, 40), status_of(0, 0, 0)
    ('late_early', 'late', 'overtime', 'ok')
    """
    if late_minutes and early_minutes:
        return LATE_EARLY
    if late_minutes:
        return LATE
    if early_minutes:
        return EARLY
    if overtime_minutes:
        return OVERTIME
    return OK
