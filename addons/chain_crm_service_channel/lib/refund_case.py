# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""What a channel's refund request says about the after-sales case it opens (pure, no Odoo)."""

# the first kind whose words appear in the buyer's reason (platforms send free text, often Chinese)
KIND_WORDS = (
    ("safety", ("不良反应", "安全", "adverse", "safety", "sick", "呕吐", "腹泻")),
    ("allergy", ("过敏", "allerg", "rash", "皮疹")),
    ("quality", ("质量", "变质", "过期", "异物", "quality", "expired", "spoiled", "defect")),
    ("wrong_goods", ("错发", "漏发", "少发", "发错", "wrong", "missing")),
    ("delivery", ("物流", "快递", "破损", "压坏", "delivery", "damaged", "late", "parcel")),
)
DEFAULT_KIND = "service"
MAX_REASON = 2000


def _text(value):
    if isinstance(value, str):
        return value.strip()
    if isinstance(value, int | float) and not isinstance(value, bool):
        return str(value)
    return ""


def refund_reason(data):
    """The buyer's reason of a normalized refund message (``""`` when none), at most 2,000 characters.

    Read from the order (``refund_reason``, ``reason``), else the message itself.

    >>> refund_reason({"order": {"refund_reason": " 宝宝喝了过敏 "}})
    '宝宝喝了过敏'
    >>> refund_reason({"reason": "Parcel damaged", "order": {}})
    'Parcel damaged'
    >>> refund_reason({"order": {"reason": ["not text"]}})
    ''
    >>> refund_reason(None)
    ''
    """
    if not isinstance(data, dict):
        return ""
    order = data.get("order") if isinstance(data.get("order"), dict) else {}
    for value in (order.get("refund_reason"), order.get("reason"), data.get("refund_reason"), data.get("reason")):
        text = _text(value)
        if text:
            return text[:MAX_REASON]
    return ""


def refund_id(data):
    """The platform's id of the refund (``""`` when the platform sends none).

    >>> refund_id({"order": {"refund_id": 9001}})
    '9001'
    >>> refund_id({"refund_id": "R-1", "order": {}})
    'R-1'
    >>> refund_id({"order": {}})
    ''
    """
    if not isinstance(data, dict):
        return ""
    order = data.get("order") if isinstance(data.get("order"), dict) else {}
    return (_text(order.get("refund_id")) or _text(data.get("refund_id")))[:64]


def case_key(channel_id, platform_order_id, refund):
    """The key that makes one case per platform order and refund.

    >>> case_key(3, "T1", "")
    '3:T1:'
    >>> case_key(3, "T1", "R-1")
    '3:T1:R-1'
    """
    return f"{channel_id}:{platform_order_id}:{refund}"


def reason_kind(reason):
    """The case kind a reason points to (``service`` when no word of a kind appears).

    >>> reason_kind("宝宝喝了以后过敏起疹子")
    'allergy'
    >>> reason_kind("Tin damaged in delivery")
    'delivery'
    >>> reason_kind("奶粉结块 怀疑质量问题")
    'quality'
    >>> reason_kind("不想要了")
    'service'
    """
    text = (reason or "").lower()
    for kind, words in KIND_WORDS:
        if any(word in text for word in words):
            return kind
    return DEFAULT_KIND
