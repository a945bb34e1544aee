# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest
import itertools
from datetime import datetime, timedelta

import pytest

from odoo.addons.chain_channel.lib import windows
from odoo.addons.chain_channel.lib.windows import compare_orders, needs_alert, pull_range, reconcile_period, sample
from odoo.addons.chain_channel.lib.windows import split_windows as split

NOW = datetime(2026, 11, 23, 12, 0, 0)
DAY = timedelta(days=1)
LAG = timedelta(seconds=120)
MIN = timedelta(minutes=1)


def test_doctests():
    failures, tried = doctest.testmod(windows)
    assert (failures, tried > 0) == (0, True)


def test_first_pull_starts_a_look_back_ago_and_stops_a_lag_before_now():
    assert pull_range(None, NOW, DAY, LAG) == (NOW - DAY, NOW - LAG)


def test_next_pull_starts_at_the_cursor():
    cursor = NOW - 45 * MIN
    assert pull_range(cursor, NOW, DAY, LAG) == (cursor, NOW - LAG)


def test_nothing_to_pull_when_the_cursor_is_within_the_lag_or_ahead():
    assert pull_range(NOW - LAG, NOW, DAY, LAG) is None
    assert pull_range(NOW - MIN, NOW, DAY, LAG) is None
    assert pull_range(NOW + DAY, NOW, DAY, LAG) is None  # a clock set back: never read backwards


def test_negative_settings_are_refused():
    with pytest.raises(ValueError):
        pull_range(None, NOW, -DAY, LAG)
    with pytest.raises(ValueError):
        pull_range(None, NOW, DAY, -LAG)


def test_windows_are_contiguous_at_most_30_minutes_and_cover_the_range():
    start, end = NOW - DAY, NOW - LAG
    cut = split(start, end)
    assert len(cut) == 48  # 23 h 58 min: 47 full windows and one of 28 minutes
    assert cut[0][0] == start and cut[-1][1] == end
    assert all(a[1] == b[0] for a, b in itertools.pairwise(cut))
    assert all(timedelta(0) < e - s <= 30 * MIN for s, e in cut)
    assert cut[-1][1] - cut[-1][0] == 28 * MIN


def test_exact_multiple_and_short_and_empty_ranges():
    assert split(NOW, NOW + 60 * MIN) == [(NOW, NOW + 30 * MIN), (NOW + 30 * MIN, NOW + 60 * MIN)]
    assert split(NOW, NOW + timedelta(seconds=1)) == [(NOW, NOW + timedelta(seconds=1))]
    assert split(NOW, NOW) == []
    assert split(NOW, NOW - MIN) == []
    assert split(NOW, NOW + 10 * MIN, max_window=4 * MIN) == [
        (NOW, NOW + 4 * MIN),
        (NOW + 4 * MIN, NOW + 8 * MIN),
        (NOW + 8 * MIN, NOW + 10 * MIN),
    ]
    with pytest.raises(ValueError):
        split(NOW, NOW + MIN, max_window=timedelta(0))


def test_reconcile_period():
    assert reconcile_period(NOW, 2, LAG) == (NOW - LAG - 2 * DAY, NOW - LAG)
    with pytest.raises(ValueError):
        reconcile_period(NOW, 0, LAG)


def test_compare_orders_missing_and_extra():
    found = compare_orders(["T1", "T2", "T3", 4], {"T1", "4", "T9"}, {"T1", "T9", "T8"}, {"T8"})
    assert found == {"missing": ["T2", "T3"], "extra": ["T9"]}
    assert compare_orders(set(), set(), set()) == {"missing": [], "extra": []}


def test_alert_above_tolerance_or_on_any_extra():
    assert not needs_alert(0, 0, 5)
    assert not needs_alert(5, 0, 5)
    assert needs_alert(6, 0, 5)
    assert needs_alert(0, 1, 5)
    assert needs_alert(1, 0, 0)


def test_sample_lists_the_first_ids():
    ids = [f"T{i:02d}" for i in range(25)]
    assert sample(ids) == ", ".join(ids[:20]) + " (+5)"
    assert sample([]) == ""
