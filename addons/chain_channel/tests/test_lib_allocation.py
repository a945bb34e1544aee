# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from hypothesis import example, given, settings
from hypothesis import strategies as st

from odoo.addons.chain_channel.lib import allocation


def test_offered_is_floor_of_share_minus_buffer():
    assert allocation.offered_qty(10, share=0.5, buffer=1) == 4
    assert allocation.offered_qty(9, share=0.5, buffer=0) == 4
    assert allocation.offered_qty(1, share=1.0, buffer=2) == 0
    assert allocation.offered_qty(-5) == 0


def test_min_only_when_stock_covers_and_max_caps():
    assert allocation.offered_qty(10, share=0.1, min_qty=3) == 3
    assert allocation.offered_qty(2, share=0.1, min_qty=3) == 2
    assert allocation.offered_qty(100, max_qty=20) == 20


def test_exclusive_pool_is_taken_first():
    split = allocation.split(10, [("pos", {"share": 0.3, "exclusive": True}), ("a", {}), ("b", {})])
    assert split["pos"] == 3
    assert split["a"] + split["b"] == 7


@settings(max_examples=300, derandomize=True, database=None)
@given(
    sellable=st.floats(-5, 1000, allow_nan=False),
    params=st.lists(
        st.fixed_dictionaries(
            {
                "share": st.floats(0, 1),
                "buffer": st.floats(0, 20),
                "min_qty": st.integers(0, 10),
                "max_qty": st.integers(0, 50),
                "exclusive": st.booleans(),
            }
        ),
        max_size=5,
    ),
)
def test_split_never_exceeds_sellable(sellable, params):
    split = allocation.split(sellable, list(enumerate(params)))
    assert sum(split.values()) <= max(0, sellable)
    assert all(isinstance(qty, int) and qty >= 0 for qty in split.values())
    assert set(split) == set(range(len(params)))


def test_backoff_doubles_and_caps():
    assert [allocation.backoff_seconds(n) for n in (1, 2, 3)] == [30, 60, 120]
    assert allocation.backoff_seconds(50) == 3600


def test_cap_limits_a_channel_to_its_own_stores():
    split = allocation.split(20, [("a", {"cap": 5}), ("b", {"share": 0.5})])
    assert split == {"a": 5, "b": 10}
    assert allocation.split(20, [("x", {"exclusive": True, "cap": 3})]) == {"x": 3}


def test_pool_is_the_union_of_the_stores_less_what_was_sold():
    # two channels on store 1 (8 + 8 wanted out of 10), one on store 2
    pool, split = allocation.pool_split(
        {1: 10, 2: 4},
        [("a", [1], 0, {"share": 0.8}), ("b", [1], 2, {"share": 0.8}), ("c", [2], 0, {})],
    )
    assert pool == 12  # 14 sellable, 2 sold and not reserved yet
    assert sum(split.values()) <= 12
    assert split["c"] <= 4
    assert split["b"] <= 8  # its store less its own pending sale


def test_exclusive_channel_takes_its_part_of_the_pool_first():
    pool, split = allocation.pool_split(
        {1: 10}, [("shop", [1], 0, {"share": 1.0}), ("vip", [1], 0, {"share": 0.3, "exclusive": True})]
    )
    assert (pool, split) == (10, {"vip": 3, "shop": 7})


@settings(max_examples=300, derandomize=True, database=None)
@given(
    stock=st.dictionaries(st.integers(1, 4), st.floats(-3, 500, allow_nan=False), max_size=4),
    channels=st.lists(
        st.tuples(
            st.lists(st.integers(1, 4), max_size=3),
            st.floats(0, 30, allow_nan=False),
            st.floats(0, 1),
            st.booleans(),
        ),
        min_size=1,
        max_size=4,
    ),
)
@example(stock={3: 0.9999999999999999}, channels=[([3], 0.0, 1.0, False)])  # a sum of floats one ulp under 1
def test_pool_split_never_exceeds_the_pool_nor_a_channels_stores(stock, channels):
    rows = [
        (index, stores, pending, {"share": share, "exclusive": exclusive})
        for index, (stores, pending, share, exclusive) in enumerate(channels)
    ]
    pool, split = allocation.pool_split(stock, rows)
    # quantities within 1e-9 of a unit are that unit (0.9999999999999999 is float noise of 1)
    assert sum(split.values()) <= pool + 1e-9
    for index, stores, pending, params in rows:
        own = sum(max(0.0, stock.get(store, 0.0)) for store in set(stores))
        assert isinstance(split[index], int) and 0 <= split[index] <= max(0.0, own - pending) + 1e-9
        assert split[index] <= allocation.offered_qty(own, share=params["share"])


def test_drift_within_tolerance_is_healed_beyond_it_alerted():
    drift = allocation.classify_drift({"a": 5, "b": 5, "c": 5, "d": 5}, {"a": 5, "b": 7, "c": 9}, tolerance=2)
    assert drift == {"ok": [("a", 5, 5)], "heal": [("b", 5, 7)], "alert": [("c", 5, 9), ("d", 5, None)]}
    assert allocation.classify_drift({"a": 1}, {"a": 2}, tolerance=0)["alert"] == [("a", 1, 2)]
