"""Statistics and result shape of ``scripts/bench`` (plain Python, no Odoo).

A benchmark case is timed K times for "ours" and K times for its baseline;
:func:`summarize` turns the two lists of milliseconds into one result dict,
:func:`format_line` prints it on one line and :func:`document` wraps all the
results of a run into the JSON written to ``bench-results/``.

A target is one of two kinds, both judged on the medians:

- ``Target("ratio", 1.5)``: ours / baseline must be at most 1.5;
- ``Target("ms", 2000)``: ours must take less than 2,000 ms;
- ``Target("delta_ms", 1000)``: ours may take less than 1,000 ms more than the baseline
  (what a feature adds to an existing path, e.g. the POS start-up).
"""

import json
import math
from dataclasses import dataclass
from pathlib import Path

SCHEMA_VERSION = 1


@dataclass(frozen=True)
class Target:
    """What a case must achieve: ``kind`` is ``"ratio"`` (at most), ``"ms"`` (below) or
    ``"delta_ms"`` (at most this much slower than the baseline)."""

    kind: str
    limit: float

    def __post_init__(self):
        if self.kind not in ("ratio", "ms", "delta_ms"):
            raise ValueError(f"unknown target kind {self.kind!r} (expected 'ratio', 'ms' or 'delta_ms')")
        if not self.limit > 0:
            raise ValueError(f"a target limit must be positive, not {self.limit!r}")

    def describe(self):
        """``"<= 1.5x baseline"``, ``"< 2000 ms"`` or ``"< baseline + 1000 ms"``."""
        if self.kind == "ratio":
            return f"<= {self.limit:g}x baseline"
        if self.kind == "delta_ms":
            return f"< baseline + {self.limit:g} ms"
        return f"< {self.limit:g} ms"

    def met(self, ours_ms, ratio_value, baseline_ms=None):
        """Tell whether the median ``ours_ms`` (with its ratio to the baseline, and the
        baseline's median ``baseline_ms``) meets the target.

        A ratio or delta target without a baseline is not met.
        """
        if self.kind == "ratio":
            return ratio_value is not None and ratio_value <= self.limit
        if self.kind == "delta_ms":
            return baseline_ms is not None and ours_ms - baseline_ms < self.limit
        return ours_ms < self.limit


def percentile(values, pct):
    """Return the ``pct``-th percentile of ``values``, linearly interpolated.

    Same definition as ``numpy.percentile`` (method "linear"): the value at
    rank ``(n - 1) * pct / 100`` of the sorted values, interpolating between
    the two neighbours.

    >>> percentile([1, 2, 3, 4], 50)
    2.5
    >>> percentile([10, 20, 30, 40, 50], 95)
    48.0

    :raises ValueError: when ``values`` is empty or ``pct`` is outside 0..100
    """
    if not values:
        raise ValueError("percentile of no values")
    if not 0 <= pct <= 100:
        raise ValueError(f"percentile {pct!r} is outside 0..100")
    ordered = sorted(values)
    rank = (len(ordered) - 1) * pct / 100
    low, high = math.floor(rank), math.ceil(rank)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def median(values):
    """The median of ``values`` (mean of the two middle values for an even count)."""
    return percentile(values, 50)


def p95(values):
    """The 95th percentile of ``values`` (see :func:`percentile`)."""
    return percentile(values, 95)


def ratio(ours, baseline):
    """``ours / baseline``, or ``None`` when the baseline is missing or zero."""
    if baseline is None or baseline <= 0:
        return None
    return ours / baseline


def summarize(name, ours_ms, baseline_ms, target, note=""):
    """One benchmark's result: medians, 95th percentiles, ratio and verdict.

    :param str name: the case name
    :param list ours_ms: durations of our implementation, in milliseconds
    :param list baseline_ms: durations of the baseline (may be empty: no baseline)
    :param Target target: what ours must achieve
    :param str note: free text shown in the JSON (e.g. who ran the query)
    :returns: a dict with keys ``name, ours, baseline, ratio, target, passed, note``;
        ``ours`` and ``baseline`` are ``{"median_ms", "p95_ms", "runs_ms"}`` (baseline ``None``
        when it was not measured); ``target`` is ``{"kind", "limit", "text"}``
    """
    ours = _stats(ours_ms)
    base = _stats(baseline_ms) if baseline_ms else None
    value = ratio(ours["median_ms"], base["median_ms"]) if base else None
    return {
        "name": name,
        "ours": ours,
        "baseline": base,
        "ratio": None if value is None else round(value, 3),
        "target": {"kind": target.kind, "limit": target.limit, "text": target.describe()},
        "passed": target.met(ours["median_ms"], value, base["median_ms"] if base else None),
        "note": note,
    }


def _stats(runs_ms):
    if not runs_ms:
        raise ValueError("no timing to summarize")
    return {
        "median_ms": round(median(runs_ms), 2),
        "p95_ms": round(p95(runs_ms), 2),
        "runs_ms": [round(v, 2) for v in runs_ms],
    }


def format_line(result):
    """One printable line of a :func:`summarize` result.

    >>> r = summarize("x", [10, 12], [8, 8], Target("ratio", 1.5))
    >>> format_line(r)
    'x  ours 11.0 ms (p95 11.9)  baseline 8.0 ms (p95 8.0)  ratio 1.38  target <= 1.5x baseline  PASS'
    """
    ours = result["ours"]
    parts = [result["name"], f"ours {ours['median_ms']:.1f} ms (p95 {ours['p95_ms']:.1f})"]
    base = result["baseline"]
    if base:
        parts.append(f"baseline {base['median_ms']:.1f} ms (p95 {base['p95_ms']:.1f})")
    else:
        parts.append("baseline -")
    parts.append("ratio -" if result["ratio"] is None else f"ratio {result['ratio']:.2f}")
    parts.append(f"target {result['target']['text']}")
    parts.append("PASS" if result["passed"] else "MISS")
    return "  ".join(parts)


def document(results, dataset=None, meta=None):
    """The JSON document of a run: ``{"schema", "dataset", "meta", "results", "summary"}``.

    ``summary`` counts the cases: ``{"total", "passed", "missed"}``.
    """
    passed = sum(1 for r in results if r["passed"])
    return {
        "schema": SCHEMA_VERSION,
        "dataset": dataset or {},
        "meta": meta or {},
        "results": list(results),
        "summary": {"total": len(results), "passed": passed, "missed": len(results) - passed},
    }


def write_report(result, checks, dataset, meta, json_path):
    """Write one benchmark's JSON document, print its line and its checks; return the exit status.

    ``checks`` is ``[(name, ok)]``; the status is 0 only when the target is met and every check holds.
    """
    meta = dict(meta, checks=[{"check": name, "ok": ok} for name, ok in checks])
    path = Path(json_path)
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(json.dumps(document([result], dataset=dataset, meta=meta), indent=2, default=str) + "\n")
    print(f"[bench] {format_line(result)}", flush=True)
    for name, ok in checks:
        print(f"[bench] {'ok  ' if ok else 'FAIL'} {name}", flush=True)
    print(f"[bench] results in {path}", flush=True)
    return 0 if result["passed"] and all(ok for _name, ok in checks) else 1
