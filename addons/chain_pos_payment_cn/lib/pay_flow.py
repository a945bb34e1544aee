"""The life of a payment-code transaction, without the ORM.

States: ``sent`` (recorded, the pay call under way), ``user_paying`` (the customer types her
password), ``unknown`` (no believable answer yet), and the final ``done`` (charged),
``failed`` (not charged), ``reversed`` (closed by a reverse/cancel: not charged, or the money
went back). An unknown outcome is never a failure: only a query, or a reverse at the
deadline, settles it. A number whose outcome is in doubt is reversed before it is called
failed, so that a late pay of it can never charge.
"""

import hashlib

from . import pay_result as pr

OPEN_STATES = ("sent", "user_paying", "unknown")
FINAL_STATES = ("done", "failed", "reversed")
# what the till is told of each state
POS_STATUS = {
    "sent": "pending",
    "user_paying": "pending",
    "unknown": "pending",
    "done": "done",
    "failed": "failed",
    "reversed": "failed",
}
# provider codes of a query that say the trade is closed already: no reverse needed
CLOSED_CODES = ("CLOSED", "REVOKED", "TRADE_CLOSED", "PAYERROR")
# Seconds the customer has to confirm (WeChat Pay and Alipay both advise polling for 30 s
# before cancelling a bar-code payment).
USER_PAYING_SECONDS = 30


def out_trade_no(order_uuid, payment_uuid, attempt=0):
    """The provider's order number of a POS payment line: the same for a retry of the same
    line (never charged twice), a new one for a new attempt after a final failure. 32
    characters of ``[0-9A-Z]`` (WeChat's limit; Alipay allows 64).

    >>> out_trade_no("a", "b") == out_trade_no("a", "b"), len(out_trade_no("a", "b"))
    (True, 32)
    >>> out_trade_no("a", "b", 1) != out_trade_no("a", "b")
    True
    """
    digest = hashlib.sha256(f"{order_uuid}|{payment_uuid}".encode()).hexdigest().upper()
    return f"CP{digest[:28]}{attempt:02d}"


def out_refund_no(refund_uuid):
    """The refund number of a POS refund (idempotent: the same uuid, the same number).

    >>> out_refund_no("x") == out_refund_no("x"), len(out_refund_no("x"))
    (True, 32)
    """
    return "CR" + hashlib.sha256(str(refund_uuid).encode()).hexdigest().upper()[:30]


def after_pay(result):
    """The state after the pay call answered ``result``.

    >>> after_pay(pr.success("4200")), after_pay(pr.user_paying()), after_pay(pr.unknown("SYSTEMERROR"))
    ('done', 'user_paying', 'unknown')
    >>> after_pay(pr.failed("NOTENOUGH"))
    'failed'
    """
    return {pr.SUCCESS: "done", pr.USER_PAYING: "user_paying", pr.FAILED: "failed"}.get(result.status, "unknown")


def after_query(state, result, past_deadline):
    """``(state, reverse)`` after a query answered ``result`` for a transaction in ``state``:
    the new state, and whether to reverse now (then :func:`after_reverse` gives the state).

    >>> after_query("user_paying", pr.success("4200"), False)
    ('done', False)
    >>> after_query("user_paying", pr.user_paying(), False), after_query("user_paying", pr.user_paying(), True)
    (('user_paying', False), ('user_paying', True))
    >>> after_query("unknown", pr.failed("NOTPAY"), False)  # in doubt: close the number first
    ('unknown', True)
    >>> after_query("sent", pr.failed("ORDERNOTEXIST"), False)  # the pay call may still arrive
    ('sent', False)
    >>> after_query("unknown", pr.failed("REVOKED"), False)
    ('failed', False)
    >>> after_query("unknown", pr.unknown("SYSTEMERROR"), True)
    ('unknown', True)
    """
    if state in FINAL_STATES:
        return state, False
    if result.status == pr.SUCCESS:
        return "done", False
    if result.status == pr.USER_PAYING:
        return "user_paying", past_deadline
    if result.status == pr.FAILED:
        if result.code in CLOSED_CODES:
            return "failed", False
        if state == "sent" and not past_deadline:
            return "sent", False
        return state, True
    return state, past_deadline


def after_reverse(state, result, query_code=""):
    """The state after a reverse/cancel answered ``result``: ``reversed`` for a payment the
    customer was still confirming (or a cancel), ``failed`` when a query had said it was not
    paid (``query_code``); unchanged when the reverse itself is in doubt.

    >>> after_reverse("user_paying", pr.success(code="REVERSED"))
    'reversed'
    >>> after_reverse("unknown", pr.success(code="CLOSE"), query_code="NOTPAY")
    'failed'
    >>> after_reverse("user_paying", pr.unknown("SYSTEMERROR"))
    'user_paying'
    """
    if result.status != pr.SUCCESS:
        return state
    return "failed" if query_code else "reversed"
