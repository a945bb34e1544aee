# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What the inbox checks of a normalized message before it stores it (pure functions, no Odoo).

A signed message can still hold what PostgreSQL or the ORM cannot take: a NUL character (text
columns refuse it), ids that are not text or too long for their index, structures nested deep
enough to exhaust Python's recursion. ``refusal`` names the first such problem, so that the
message is recorded as needing attention instead of failing its request or its batch.
"""

# limits of the stored fields: the unique key and the platform order id are indexed (a btree
# entry holds at most about 2,700 bytes)
MAX_KEY = 500
MAX_ORDER_ID = 200
MAX_EVENT = 64
# nesting a normalized message never needs (an order is three levels deep)
MAX_DEPTH = 32


def find_problem(value, max_depth=MAX_DEPTH):
    """``"nul"`` when a text in ``value`` (dict keys included) holds a NUL character, ``"depth"``
    when ``value`` nests deeper than ``max_depth``, else ``None``. Iterative: any depth is safe.

    >>> find_problem({"order": {"lines": [{"sku": "A\\x00"}]}})
    'nul'
    >>> find_problem({"k\\x00": 1})
    'nul'
    >>> find_problem([[[[1]]]], max_depth=3)
    'depth'
    >>> find_problem({"order": {"lines": [{"sku": "A", "qty": 1.5}]}, "at": None}) is None
    True
    """
    stack = [(value, 0)]
    while stack:
        item, depth = stack.pop()
        if isinstance(item, str):
            if "\x00" in item:
                return "nul"
        elif isinstance(item, dict | list | tuple):
            if depth >= max_depth:
                return "depth"
            if isinstance(item, dict):
                stack.extend((key, depth + 1) for key in item)
                stack.extend((child, depth + 1) for child in item.values())
            else:
                stack.extend((child, depth + 1) for child in item)
    return None


def refusal(message):
    """Why the normalized ``message`` cannot be stored and processed as it is: ``(code, field)``
    with code ``"type"`` (an id that is not text), ``"length"`` (an id over its limit),
    ``"nul"`` or ``"depth"`` (see ``find_problem``); ``None`` when it can.

    >>> refusal({"key": "T1:order_paid:1", "event": "order_paid", "platform_order_id": "T1", "order": {}})
    >>> refusal({"key": "K", "event": "order_paid", "platform_order_id": ["T1"]})
    ('type', 'platform_order_id')
    >>> refusal({"key": "K" * 501, "event": "order_paid", "platform_order_id": "T1"})
    ('length', 'key')
    >>> refusal({"key": "K", "event": "order_paid", "platform_order_id": "T1", "order": {"note": "a\\x00"}})
    ('nul', 'order')
    """
    for name, limit in (("key", MAX_KEY), ("event", MAX_EVENT), ("platform_order_id", MAX_ORDER_ID)):
        value = message.get(name)
        if value is None and name != "key":
            continue
        if not isinstance(value, str):
            return "type", name
        if len(value) > limit:
            return "length", name
        if "\x00" in value:
            return "nul", name
    for name, value in message.items():
        problem = find_problem(value)
        if problem:
            return problem, name
    return None


def printable(value, limit=200):
    """``value`` as text that any column takes: NUL characters shown as ``\\x00``, cut at ``limit``.

    >>> printable("A\\x00B")
    'A\\\\x00B'
    >>> printable(["T1"], 4)
    "['T1"
    >>> printable(None)
    ''
    """
    if value is None:
        return ""
    if isinstance(value, str):
        text = value
    else:
        try:
            text = repr(value)
        except RecursionError:  # nested beyond repr's reach: its type says enough
            text = type(value).__name__
    return text[: limit * 2].replace("\x00", "\\x00")[:limit]
