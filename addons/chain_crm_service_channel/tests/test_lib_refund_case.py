# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import doctest

from odoo.addons.chain_crm_service_channel.lib import refund_case


def test_doctests():
    assert doctest.testmod(refund_case).failed == 0


def test_a_reason_of_another_type_or_too_long():
    assert refund_case.refund_reason({"order": {"refund_reason": True}, "reason": 42}) == "42"
    assert len(refund_case.refund_reason({"order": {"reason": "x" * 5000}})) == refund_case.MAX_REASON
    assert refund_case.refund_reason({"order": "not a dict", "reason": "  "}) == ""


def test_the_first_kind_wins():
    assert refund_case.reason_kind("过敏 而且快递破损") == "allergy"
    assert refund_case.reason_kind("Adverse reaction after a rash") == "safety"
    assert refund_case.reason_kind(None) == "service"
