"""The statistics of ``scripts/bench`` (``scripts/benchlib.py``): no Odoo, no database."""

import doctest
import json
import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))
import benchlib
from benchlib import Target, document, format_line, median, p95, percentile, ratio, summarize


def test_median_odd_and_even_counts():
    assert median([5]) == 5
    assert median([3, 1, 2]) == 2
    assert median([4, 1, 3, 2]) == 2.5


def test_median_ignores_order():
    assert median([900, 10, 20]) == 20


def test_percentile_interpolates_like_numpy():
    values = list(range(1, 21))  # 1..20
    assert percentile(values, 0) == 1
    assert percentile(values, 100) == 20
    assert percentile(values, 95) == pytest.approx(19.05)
    assert p95([10, 20, 30, 40, 50]) == pytest.approx(48.0)


def test_p95_of_one_value_is_that_value():
    assert p95([7.5]) == 7.5


@pytest.mark.parametrize("values, pct", [([], 50), ([1, 2], -1), ([1, 2], 101)])
def test_percentile_refuses_bad_input(values, pct):
    with pytest.raises(ValueError):
        percentile(values, pct)


def test_ratio():
    assert ratio(30, 20) == 1.5
    assert ratio(5, 0) is None
    assert ratio(5, None) is None


def test_target_kinds():
    assert Target("ratio", 1.5).met(100, 1.5)
    assert not Target("ratio", 1.5).met(100, 1.51)
    assert not Target("ratio", 1.5).met(1, None)  # no baseline: a ratio target cannot pass
    assert Target("ms", 2000).met(1999.9, None)
    assert not Target("ms", 2000).met(2000, 0.1)  # "below 2 s" is strict
    assert Target("delta_ms", 1000).met(1900, 1.9, 1000)  # adds 900 ms
    assert not Target("delta_ms", 1000).met(2000, 2.0, 1000)
    assert not Target("delta_ms", 1000).met(10, None)  # no baseline: nothing to add to
    with pytest.raises(ValueError):
        Target("seconds", 2)
    with pytest.raises(ValueError):
        Target("ms", 0)


def test_summarize_ratio_target():
    result = summarize("case", [10, 30, 20], [10, 10, 12], Target("ratio", 1.5), note="as store user")
    assert result == {
        "name": "case",
        "ours": {"median_ms": 20, "p95_ms": 29.0, "runs_ms": [10, 30, 20]},
        "baseline": {"median_ms": 10, "p95_ms": 11.8, "runs_ms": [10, 10, 12]},
        "ratio": 2.0,
        "target": {"kind": "ratio", "limit": 1.5, "text": "<= 1.5x baseline"},
        "passed": False,
        "note": "as store user",
    }


def test_summarize_time_target_passes_whatever_the_baseline():
    result = summarize("slow_baseline", [150.0, 250.0], [9000.0], Target("ms", 2000))
    assert result["passed"] is True
    assert result["ratio"] == pytest.approx(200 / 9000, abs=1e-3)
    assert result["baseline"]["median_ms"] == 9000.0


def test_summarize_without_baseline():
    result = summarize("alone", [1.0, 2.0], [], Target("ms", 10))
    assert result["baseline"] is None
    assert result["ratio"] is None
    assert result["passed"] is True
    with pytest.raises(ValueError):
        summarize("nothing", [], [1.0], Target("ms", 10))


def test_format_line():
    line = format_line(summarize("iso", [10, 12], [8, 8], Target("ratio", 1.5)))
    assert line == (
        "iso  ours 11.0 ms (p95 11.9)  baseline 8.0 ms (p95 8.0)  ratio 1.38  target <= 1.5x baseline  PASS"
    )
    missed = format_line(summarize("big", [2500], [], Target("ms", 2000)))
    assert missed.endswith("baseline -  ratio -  target < 2000 ms  MISS")


def test_document_counts_and_is_json():
    results = [
        summarize("a", [1], [1], Target("ratio", 1.5)),
        summarize("b", [3000], [1], Target("ms", 2000)),
    ]
    doc = document(results, dataset={"stores": 100}, meta={"repeat": 1})
    assert doc["summary"] == {"total": 2, "passed": 1, "missed": 1}
    assert doc["dataset"] == {"stores": 100}
    assert [r["name"] for r in doc["results"]] == ["a", "b"]
    assert json.loads(json.dumps(doc)) == doc


def test_doctests():
    failures, _tests = doctest.testmod(benchlib)
    assert failures == 0


def test_write_report_fails_on_a_failed_check_even_within_target(tmp_path, capsys):
    result = summarize("x", [10.0, 12.0], [100.0, 110.0], Target("ms", 50))
    out = tmp_path / "r" / "x.json"
    assert benchlib.write_report(result, [("sums tie", True)], {"n": 1}, {"db": "d"}, out) == 0
    assert json.loads(out.read_text())["meta"]["checks"] == [{"check": "sums tie", "ok": True}]
    assert benchlib.write_report(result, [("sums tie", False)], {"n": 1}, {"db": "d"}, out) == 1
    assert "FAIL sums tie" in capsys.readouterr().out
