"""ABC classification of a store's products by value (pure Python, no Odoo).

A products are the fewest best sellers that make up the first ``a_percent`` (80 %) of the
store's value, B the next ones up to ``b_percent`` (95 %), C everything else, including the
products that did not sell at all. The plan counts A products most often.
"""

A_PERCENT = 80.0
B_PERCENT = 95.0
CLASSES = ("a", "b", "c")


def classify(values, a_percent=A_PERCENT, b_percent=B_PERCENT):
    """Return ``{key: "a" | "b" | "c"}`` for every key of ``values``.

    :param values: ``{key: value}``, e.g. product id -> sales value over the period; keys must
        be sortable among themselves (ties are broken by key, so the result is deterministic).
    :param a_percent: share of the total value the A class reaches (0 < a_percent <= b_percent).
    :param b_percent: share of the total value the A and B classes reach together (<= 100).

    Products are taken by decreasing value; a product joins the class whose threshold the
    cumulative share *before it* has not reached yet, so the product that crosses 80 % is
    still A and the best seller is always A. Zero or negative values are C.

    >>> classify({"x": 50, "y": 30, "z": 12, "w": 5, "v": 3})
    {'x': 'a', 'y': 'a', 'z': 'b', 'w': 'b', 'v': 'c'}
    >>> classify({"solo": 90, "tail": 10})
    {'solo': 'a', 'tail': 'b'}
    >>> classify({"p": 0, "q": -3})
    {'p': 'c', 'q': 'c'}
    >>> classify({})
    {}
    """
    if not 0 < a_percent <= b_percent <= 100:
        raise ValueError(f"thresholds must satisfy 0 < A <= B <= 100, got A={a_percent}, B={b_percent}")
    result = dict.fromkeys(values, "c")
    positive = sorted(((value, key) for key, value in values.items() if value > 0), key=lambda vk: (-vk[0], vk[1]))
    total = sum(value for value, _key in positive)
    cumulative = 0.0
    for value, key in positive:
        share_before = cumulative * 100.0 / total
        if share_before < a_percent:
            result[key] = "a"
        elif share_before < b_percent:
            result[key] = "b"
        cumulative += value
    return result


def due_classes(next_dates, today):
    """The classes whose next count date is reached: ``next_dates`` = ``{"a": date, ...}``.

    A class without a date (None) is never due.

    >>> from datetime import date
    >>> due_classes({"a": date(2026, 3, 1), "b": date(2026, 3, 2), "c": None}, date(2026, 3, 1))
    ['a']
    """
    return [cls for cls in CLASSES if next_dates.get(cls) and next_dates[cls] <= today]
