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

import datetime
import hashlib
import hmac
import os

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


# The override PIN. The till never holds anything derived from a PIN: it sends the PIN typed
# by the manager to the server, which checks it against a salted, slow hash and answers with a
# token bound to one order line (see ``res.users`` and ``pos.session`` of this addon).
PIN_ALGORITHM = "pbkdf2_sha256"
PIN_ITERATIONS = 200_000
PIN_ATTEMPTS = 5  # wrong PINs tolerated ...
PIN_WINDOW = datetime.timedelta(minutes=10)  # ... within this window, after which
PIN_LOCKOUT = datetime.timedelta(minutes=10)  # the till is refused for this long


def pin_valid(pin):
    """Whether ``pin`` has the shape of an override PIN: 4 to 8 ASCII digits.

    >>> [pin_valid(pin) for pin in ("1234", "12345678", "123", "12a4", "\uff11\uff12\uff13\uff14")]
    [True, True, False, False, False]
    """
    return bool(pin) and pin.isascii() and pin.isdigit() and 4 <= len(pin) <= 8


def hash_pin(pin, salt=None, iterations=PIN_ITERATIONS):
    """The stored form of ``pin``: ``pbkdf2_sha256$<iterations>$<salt hex>$<digest hex>``,
    with a random 16-byte salt unless ``salt`` (bytes) is given.

    >>> hash_pin("1234", salt=b"0123456789abcdef", iterations=1000)[:58]
    'pbkdf2_sha256$1000$30313233343536373839616263646566$96d86b'
    """
    salt = os.urandom(16) if salt is None else salt
    digest = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return f"{PIN_ALGORITHM}${iterations}${salt.hex()}${digest.hex()}"


def check_pin(pin, stored):
    """Whether ``pin`` matches ``stored`` (see ``hash_pin``); False for anything malformed.

    >>> stored = hash_pin("2468", iterations=1000)
    >>> check_pin("2468", stored), check_pin("2469", stored), check_pin("2468", "garbage")
    (True, False, False)
    """
    if not (pin and stored):
        return False
    try:
        algorithm, iterations, salt, digest = stored.split("$")
        iterations, salt = int(iterations), bytes.fromhex(salt)
    except ValueError:
        return False
    if algorithm != PIN_ALGORITHM:
        return False
    candidate = hashlib.pbkdf2_hmac("sha256", pin.encode(), salt, iterations)
    return hmac.compare_digest(candidate.hex(), digest)


def locked_until(failures, now, attempts=PIN_ATTEMPTS, window=PIN_WINDOW, lockout=PIN_LOCKOUT):
    """When the PIN check opens again after the wrong PINs typed at ``failures`` (datetimes),
    or ``None`` if it is open at ``now``: ``attempts`` failures within ``window`` close it for
    ``lockout`` from the last of them.

    >>> from datetime import datetime as dt
    >>> t = [dt(2026, 1, 1, 10, m) for m in (0, 1, 2, 3)]
    >>> locked_until(t, dt(2026, 1, 1, 10, 5)) is None
    True
    >>> locked_until([*t, dt(2026, 1, 1, 10, 4)], dt(2026, 1, 1, 10, 5))
    datetime.datetime(2026, 1, 1, 10, 14)
    >>> locked_until([*t, dt(2026, 1, 1, 10, 4)], dt(2026, 1, 1, 10, 14)) is None
    True
    >>> locked_until([*t, dt(2026, 1, 1, 10, 30)], dt(2026, 1, 1, 10, 31)) is None
    True
    """
    times = sorted(failures)
    until = None
    for first, last in zip(times, times[attempts - 1 :], strict=False):
        if last - first <= window and last + lockout > now:
            until = max(until or last, last + lockout)
    return until


def override_message(grant_id, order_uuid, line_uuid, lot_name, manager_id):
    """What the server signs when a manager's PIN allowed ``lot_name`` on one order line."""
    return f"chain_pos_override:{grant_id}:{order_uuid}:{line_uuid}:{lot_name}:{manager_id}"


def parse_token(token):
    """``(grant id, signature)`` of an override token ``"<grant id>.<signature>"``, or ``None``.

    >>> parse_token("12.ab01"), parse_token("x.ab01"), parse_token(None)
    ((12, 'ab01'), None, None)
    """
    grant_id, _sep, signature = str(token or "").partition(".")
    if not (grant_id.isdigit() and grant_id.isascii() and signature):
        return None
    return int(grant_id), signature
