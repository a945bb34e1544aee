# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest

from odoo.addons.chain_channel.lib import payload


def _nested(depth, inner):
    value = inner
    for _level in range(depth):
        value = [value]
    return value


def test_doctests():
    assert doctest.testmod(payload).failed == 0


def test_a_nul_anywhere_or_a_deep_nesting_is_found_at_any_depth():
    deep = _nested(5000, "x\x00")
    assert payload.find_problem(deep) == "depth"
    assert payload.find_problem(deep, max_depth=10**6) == "nul"
    message = {"key": "K", "event": "order_paid", "platform_order_id": "T", "order": {"lines": [{"sku": "A\x00"}]}}
    assert payload.refusal(message) == ("nul", "order")
    assert payload.refusal(dict(message, order={"lines": [{"sku": "A"}]})) is None


def test_ids_must_be_text_within_their_limit():
    base = {"key": "K", "event": "order_paid", "platform_order_id": "T"}
    assert payload.refusal(dict(base, key=None)) == ("type", "key")
    assert payload.refusal(dict(base, event={"a": 1})) == ("type", "event")
    assert payload.refusal(dict(base, platform_order_id=10**40)) == ("type", "platform_order_id")
    assert payload.refusal(dict(base, platform_order_id="T" * 201)) == ("length", "platform_order_id")
    assert payload.refusal(dict(base, platform_order_id=None)) is None


def test_printable_text_never_holds_a_nul():
    assert payload.printable("A\x00B") == "A\\x00B"
    assert "\x00" not in payload.printable(["\x00"] * 10)
    assert len(payload.printable("x" * 1000, 50)) == 50
    assert payload.printable(_nested(5000, 1)) == "list"
