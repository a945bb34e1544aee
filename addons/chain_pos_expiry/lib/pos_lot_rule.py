"""May this lot be sold at the till now? The POS lot rule as plain functions.

The same rule runs in the browser (``static/src/utils/lot_rule.js``) so that a
cashier is stopped before paying, and on the server when the order is synced,
so that nothing the browser skips is ever accepted. Dates are naive UTC
``datetime`` values (Odoo's storage convention) or ``None`` when unknown.

>>> from datetime import datetime
>>> lot = {"expiration_date": datetime(2027, 1, 31), "removal_date": datetime(2027, 1, 24),
...        "alert_date": datetime(2026, 10, 1), "blocked": False}
>>> classify(datetime(2026, 11, 23, 10), "L1", lot)
('near', 69)
>>> classify(datetime(2027, 1, 25, 10), "L1", lot)
('removal', 6)
>>> classify(datetime(2026, 11, 23), "", None)
('missing_lot', None)
"""

import hashlib
import hmac

# Issues, worst first. ``near`` only warns; every other issue stops the sale.
ISSUES = ("missing_lot", "blocked", "unknown_lot", "expired", "removal", "near")
BLOCKING = frozenset(ISSUES) - {"near"}
# A store manager may take responsibility for these (a date misprinted, a lot
# received without the system knowing it); never for a missing lot (every unit
# sold must be traceable) nor a blocked lot (blocked for a recall or quality hold).
OVERRIDABLE = frozenset({"unknown_lot", "expired", "removal"})


def _earliest(*dates):
    known = [d for d in dates if d]
    return min(known) if known else None


def classify(at, lot_name, lot, scanned_expiry=None, required=True):
    """Return ``(issue, days_left)`` for selling lot ``lot_name`` at ``at``.

    ``lot`` is a mapping with ``expiration_date``, ``removal_date``,
    ``alert_date`` and ``blocked`` (the lot as the store knows it), or ``None``
    when no such lot exists. ``scanned_expiry`` is the expiry printed on the
    unit (GS1 AI 17), trusted when it is earlier than the recorded one: the
    most cautious date wins. ``required`` says the product must carry a lot.

    ``issue`` is ``None`` (sell), ``"near"`` (sell, with a warning) or one of
    ``BLOCKING``; ``days_left`` counts whole days from ``at`` to the expiry
    (negative once expired), ``None`` when the expiry is unknown.
    """
    if not lot_name:
        return ("missing_lot" if required else None), None
    lot = lot or {}
    expiry = _earliest(lot.get("expiration_date"), scanned_expiry)
    days_left = (expiry.date() - at.date()).days if expiry else None
    if lot.get("blocked"):
        return "blocked", days_left
    if not lot and not scanned_expiry:
        return "unknown_lot", None
    if expiry and at >= expiry:
        return "expired", days_left
    removal = lot.get("removal_date")
    if removal and at >= removal:
        return "removal", days_left
    alert = lot.get("alert_date")
    if alert and at >= alert:
        return "near", days_left
    return None, days_left


def worst(issues):
    """The worst of ``issues`` (see ``ISSUES``), or ``None``.

    >>> worst([None, "near", "removal"])
    'removal'
    """
    ranked = [issue for issue in issues if issue]
    return min(ranked, key=ISSUES.index) if ranked else None


def pin_hash(pin):
    """What the POS holds of a manager's PIN to check it offline (same digest as ``pos_hr``)."""
    return hashlib.sha1(pin.encode()).hexdigest()


def override_token(pin, line_uuid):
    """Proof that the manager typed ``pin`` for this very order line.

    The browser sends this, never the PIN; it cannot be replayed on another line.

    >>> override_token("4321", "a-b")
    '6670ba84c53c596d7ac758fb1eb2846ba2c58c66'
    """
    return hashlib.sha1(f"{pin}:{line_uuid}".encode()).hexdigest()


def token_valid(pin, line_uuid, token):
    """Whether ``token`` was made from ``pin`` for ``line_uuid`` (constant-time compare)."""
    if not (pin and line_uuid and token):
        return False
    return hmac.compare_digest(override_token(pin, line_uuid), str(token))
