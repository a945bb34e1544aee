"""Rota arithmetic that needs no ORM: shift intervals in a store's time zone, the rest and weekly-hours
flags, monthly overtime and the coverage of a day per hour.

Datetimes given to and returned by these functions are naive UTC (as Odoo stores them) unless said
otherwise; days are ``datetime.date`` of the store's calendar.
"""

import math
from collections import defaultdict
from datetime import datetime, time, timedelta

import pytz


def hour_to_time(hour):
    """``7.5`` -> ``(7, 30)``: hours and minutes of a float hour (``24`` -> ``(24, 0)``)."""
    minutes = round(hour * 60)
    return divmod(minutes, 60)


def shift_interval(day, start_hour, end_hour, tz):
    """The UTC interval ``(start, end)`` of a shift starting on ``day`` at ``start_hour`` and ending at
    ``end_hour`` in the time zone ``tz`` (a name or a pytz zone); an end at or before the start ends on
    the next day (a night shift 22:00-06:00 ends at 06:00 the day after).

    E.g. 7 Dec 2026, 22 -> 6 in Asia/Shanghai: 7 Dec 14:00 -> 7 Dec 22:00 UTC.
    """
    zone = pytz.timezone(tz) if isinstance(tz, str) else tz
    start_h, start_m = hour_to_time(start_hour)
    end_h, end_m = hour_to_time(end_hour)
    end_day = day + timedelta(days=1) if end_hour <= start_hour else day
    start_local = datetime.combine(day, time()) + timedelta(hours=start_h, minutes=start_m)
    end_local = datetime.combine(end_day, time()) + timedelta(hours=end_h, minutes=end_m)
    start = zone.localize(start_local).astimezone(pytz.utc).replace(tzinfo=None)
    end = zone.localize(end_local).astimezone(pytz.utc).replace(tzinfo=None)
    return start, end


def segment_hours(start_hour, end_hour):
    """Length in hours of a segment from ``start_hour`` to ``end_hour`` (over midnight when the end
    is at or before the start)."""
    length = end_hour - start_hour
    return length + 24 if length <= 0 else length


def template_hours(start_hour, end_hour, start_hour2=None, end_hour2=None, break_minutes=0):
    """Paid hours of a shift template: its segments less the unpaid break."""
    hours = segment_hours(start_hour, end_hour)
    if start_hour2 is not None and end_hour2 is not None and (start_hour2 or end_hour2):
        hours += segment_hours(start_hour2, end_hour2)
    return max(hours - (break_minutes or 0) / 60.0, 0.0)


def week_start(day):
    """The Monday of the week of ``day``."""
    return day - timedelta(days=day.weekday())


def shift_flags(shifts, min_rest_hours, week_hours):
    """Rest and weekly-hours flags of the shifts of one or more employees.

    ``shifts``: iterable of ``(key, employee, day, start, end, hours, group)``; ``group`` ties the
    segments of one split shift (no rest is required between them).
    Returns ``{key: {"rest": gap_hours or None, "week": week_total or None}}``: ``rest`` when the gap
    since the employee's previous shift is under ``min_rest_hours``; ``week`` when the employee's hours
    of the shift's week (Monday to Sunday, by the day the shift starts) exceed ``week_hours``.
    """
    flags = {}
    by_employee = defaultdict(list)
    for shift in shifts:
        by_employee[shift[1]].append(shift)
        flags[shift[0]] = {"rest": None, "week": None}
    for items in by_employee.values():
        items.sort(key=lambda s: (s[3], s[4]))
        weeks = defaultdict(float)
        for item in items:
            weeks[week_start(item[2])] += item[5]
        previous = None
        for item in items:
            if previous is not None and previous[6] != item[6]:
                gap = (item[3] - previous[4]).total_seconds() / 3600.0
                if 0 <= gap < min_rest_hours:
                    flags[item[0]]["rest"] = round(gap, 2)
            if previous is None or item[4] > previous[4]:
                previous = item
            total = weeks[week_start(item[2])]
            if total > week_hours + 1e-6:
                flags[item[0]]["week"] = round(total, 2)
    return flags


def month_overtime(shifts, week_hours):
    """Overtime hours per employee and month: in each week (Monday to Sunday), the hours past
    ``week_hours`` are overtime, counted in the month of the shift that passes the limit (in the
    order the shifts start).

    ``shifts``: iterable of ``(employee, day, start, hours)``.
    Returns ``{(employee, (year, month)): overtime_hours}`` (only months with overtime).
    """
    by_week = defaultdict(list)
    for employee, day, start, hours in shifts:
        by_week[(employee, week_start(day))].append((start, day, hours))
    overtime = defaultdict(float)
    for (employee, _monday), items in by_week.items():
        items.sort()
        total = 0.0
        for _start, day, hours in items:
            before = total
            total += hours
            extra = total - max(before, week_hours)
            if extra > 1e-9:
                overtime[(employee, (day.year, day.month))] += extra
    return {key: round(value, 2) for key, value in overtime.items()}


def local_hours(start, end, tz):
    """Split a UTC interval into ``{(day, hour): fraction}`` of the store's local clock hours it covers
    (a night shift 22:00-06:00 covers 22, 23 of its day and 0-5 of the next)."""
    zone = pytz.timezone(tz) if isinstance(tz, str) else tz
    local_start = pytz.utc.localize(start).astimezone(zone).replace(tzinfo=None)
    local_end = pytz.utc.localize(end).astimezone(zone).replace(tzinfo=None)
    result = {}
    cursor = local_start.replace(minute=0, second=0, microsecond=0)
    while cursor < local_end:
        following = cursor + timedelta(hours=1)
        covered = (min(following, local_end) - max(cursor, local_start)).total_seconds() / 3600.0
        if covered > 0:
            result[(cursor.date(), cursor.hour)] = covered
        cursor = following
    return result


def coverage(days, intervals, minimums, tz):
    """Coverage of ``days`` per hour.

    ``intervals``: UTC ``(start, end)`` of the planned shifts; ``minimums``: ``{(weekday, hour):
    min_headcount}`` of the hours with a coverage rule. A shift counts in each local hour by the
    fraction of it that it covers. Returns ``{day: {"hours": {hour: {"planned", "min", "under",
    "over"}}, "under": h, "over": h}}``: an hour with a rule is under-covered by ``min - planned``
    person-hours, over-covered by ``planned - min``; an hour without a rule is neither.
    """
    planned = defaultdict(float)
    for start, end in intervals:
        for key, fraction in local_hours(start, end, tz).items():
            planned[key] += fraction
    result = {}
    for day in days:
        hours = {}
        under = over = 0.0
        for hour in range(24):
            count = round(planned.get((day, hour), 0.0), 2)
            minimum = minimums.get((day.weekday(), hour))
            if minimum is None and not count:
                continue
            row = {"planned": count, "min": minimum, "under": 0.0, "over": 0.0}
            if minimum is not None:
                row["under"] = round(max(minimum - count, 0.0), 2)
                row["over"] = round(max(count - minimum, 0.0), 2)
                under += row["under"]
                over += row["over"]
            hours[hour] = row
        result[day] = {"hours": hours, "under": round(under, 2), "over": round(over, 2)}
    return result


def suggest_headcount(tickets, weeks, tickets_per_staff_hour):
    """Minimum headcount of an hour from its tickets: the average tickets of that weekday and hour
    over ``weeks`` weeks, one person per ``tickets_per_staff_hour`` tickets, rounded up (1 at least
    when there was any ticket)."""
    if not tickets:
        return 0
    average = tickets / float(weeks)
    return max(1, math.ceil(average / float(tickets_per_staff_hour or 1) - 1e-9))


def merge_hours(headcounts):
    """``{hour: headcount}`` of one weekday -> ``[(hour_from, hour_to, headcount)]``, consecutive
    hours of equal headcount merged (hours of headcount 0 dropped)."""
    ranges = []
    for hour in sorted(headcounts):
        count = headcounts[hour]
        if not count:
            continue
        if ranges and ranges[-1][1] == hour and ranges[-1][2] == count:
            ranges[-1] = (ranges[-1][0], hour + 1, count)
        else:
            ranges.append((hour, hour + 1, count))
    return ranges
