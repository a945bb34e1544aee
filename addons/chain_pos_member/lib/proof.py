"""Proof of the member's presence at the till, without the ORM.

Two proofs let a cashier spend a member's points (closing odoo/odoo#207624, where
any cashier may spend any customer's points): the member's dynamic QR code, a
token signed by the server that the mini-program shows and renews every minute,
and a one-time code sent to the member's mobile. The functions here generate,
hash, sign and check them, and say when a member's codes are locked or a new
code may be sent; the models store the hashes and the times.
"""

import base64
import datetime
import hashlib
import hmac
import re
import secrets

CODE_DIGITS = 6
CODE_VALIDITY = datetime.timedelta(minutes=5)
CODE_ATTEMPTS = 5  # wrong codes on one challenge before it is closed
LOCK_FAILURES = 5  # wrong codes on a member's challenges within LOCK_WINDOW lock the member out
LOCK_WINDOW = datetime.timedelta(minutes=15)
LOCK_DURATION = datetime.timedelta(minutes=15)
SEND_INTERVAL = datetime.timedelta(seconds=60)  # one code a minute per member
SEND_PER_HOUR = 5  # codes per member per hour
QR_VALIDITY = datetime.timedelta(seconds=120)  # the mini-program renews its QR code every minute
TOKEN_VALIDITY = datetime.timedelta(minutes=30)  # from the proof to the payment
PBKDF2_ITERATIONS = 50_000
QR_PREFIX = "CM1"

_QR = re.compile(rf"^{QR_PREFIX}\.(\d{{1,12}})\.(\d{{1,12}})\.([A-Za-z0-9_\-]{{16,128}})$")
_TOKEN = re.compile(r"^(\d{1,12})\.([0-9a-f]{64})$")


def generate_code(digits=CODE_DIGITS):
    """A random numeric code of ``digits`` digits (leading zeros kept), from the OS's CSPRNG.

    >>> len(generate_code()), generate_code().isdigit()
    (6, True)
    """
    return f"{secrets.randbelow(10**digits):0{digits}d}"


def new_salt():
    """A random salt for :func:`hash_code` (hex)."""
    return secrets.token_hex(16)


def hash_code(code, salt, pepper):
    """The PBKDF2-SHA256 hash (hex) of ``code`` with ``salt`` and the server's ``pepper``.

    The pepper (derived from the database secret) is never stored with the hash: a
    copy of the table alone does not let anyone try the million codes offline.

    >>> hash_code("123456", "ab", "p") == hash_code("123456", "ab", "p")
    True
    >>> hash_code("123456", "ab", "p") == hash_code("123457", "ab", "p")
    False
    """
    return hashlib.pbkdf2_hmac("sha256", str(code).encode(), f"{salt}:{pepper}".encode(), PBKDF2_ITERATIONS).hex()


def check_code(code, salt, pepper, expected_hash):
    """Whether ``code`` hashes to ``expected_hash`` (compared in constant time).

    >>> digest = hash_code("042042", "s", "p")
    >>> check_code("042042", "s", "p", digest), check_code("42042", "s", "p", digest)
    (True, False)
    """
    code = (code or "").strip()
    if not code.isdigit() or len(code) != CODE_DIGITS:
        return False
    return hmac.compare_digest(hash_code(code, salt, pepper), expected_hash or "")


def locked_until(failure_times, now):
    """When a member's codes open again after wrong codes at ``failure_times``, or None.

    ``LOCK_FAILURES`` wrong codes within ``LOCK_WINDOW`` lock the member's codes
    for ``LOCK_DURATION`` from the last of them.

    >>> t0 = datetime.datetime(2026, 1, 1, 10, 0)
    >>> tries = [t0 + datetime.timedelta(minutes=i) for i in range(5)]
    >>> locked_until(tries, t0 + datetime.timedelta(minutes=5))
    datetime.datetime(2026, 1, 1, 10, 19)
    >>> locked_until(tries[:4], t0 + datetime.timedelta(minutes=5)) is None
    True
    >>> locked_until(tries, t0 + datetime.timedelta(minutes=20)) is None
    True
    """
    times = sorted(failure_times)
    until = None
    for index in range(LOCK_FAILURES - 1, len(times)):
        if times[index] - times[index - LOCK_FAILURES + 1] <= LOCK_WINDOW:
            until = times[index] + LOCK_DURATION
    if until and until > now:
        return until
    return None


def next_send_allowed(send_times, now):
    """When a new code may be sent to a member who was sent codes at ``send_times``; None: now.

    One code per ``SEND_INTERVAL`` and at most ``SEND_PER_HOUR`` in any hour.

    >>> t0 = datetime.datetime(2026, 1, 1, 10, 0)
    >>> next_send_allowed([], t0) is None
    True
    >>> next_send_allowed([t0], t0 + datetime.timedelta(seconds=30))
    datetime.datetime(2026, 1, 1, 10, 1)
    >>> five = [t0 + datetime.timedelta(minutes=2 * i) for i in range(5)]
    >>> next_send_allowed(five, t0 + datetime.timedelta(minutes=10))
    datetime.datetime(2026, 1, 1, 11, 0)
    """
    times = sorted(t for t in send_times if t > now - datetime.timedelta(hours=1))
    candidates = []
    if times and times[-1] + SEND_INTERVAL > now:
        candidates.append(times[-1] + SEND_INTERVAL)
    if len(times) >= SEND_PER_HOUR:
        candidates.append(times[-SEND_PER_HOUR] + datetime.timedelta(hours=1))
    return max(candidates) if candidates else None


def sign(key, message):
    """The HMAC-SHA256 of ``message`` under ``key``, URL-safe base64 without padding.

    >>> sign("k", "m") == sign("k", "m"), sign("k", "m") == sign("k2", "m")
    (True, False)
    """
    digest = hmac.new(key.encode(), message.encode(), hashlib.sha256).digest()
    return base64.urlsafe_b64encode(digest).decode().rstrip("=")


def qr_message(member_id, timestamp):
    """What the QR token of member ``member_id`` issued at ``timestamp`` (epoch seconds) signs."""
    return f"{QR_PREFIX}|{int(member_id)}|{int(timestamp)}"


def make_qr(key, member_id, timestamp):
    """The member's QR token: ``CM1.<member id>.<epoch seconds>.<signature>``.

    >>> token = make_qr("k", 42, 1767261600)
    >>> token.startswith("CM1.42.1767261600.")
    True
    >>> parse_qr(token, "k", 1767261660)
    42
    """
    return f"{QR_PREFIX}.{int(member_id)}.{int(timestamp)}.{sign(key, qr_message(member_id, timestamp))}"


def looks_like_qr(text):
    """Whether ``text`` is shaped like a member QR token (and not a mobile number or code).

    >>> looks_like_qr("CM1.42.1767261600.abcdefghijklmnopqrstu"), looks_like_qr("13812345678")
    (True, False)
    """
    return bool(_QR.match((text or "").strip()))


def parse_qr(token, key, now_ts):
    """The member id of a QR token signed with ``key`` and not older than ``QR_VALIDITY``; else None.

    >>> token = make_qr("k", 7, 1000)
    >>> parse_qr(token, "k", 1100), parse_qr(token, "k", 1200), parse_qr(token, "other", 1100)
    (7, None, None)
    >>> parse_qr(token.replace("CM1.7.", "CM1.8."), "k", 1100) is None
    True
    """
    match = _QR.match((token or "").strip())
    if not match:
        return None
    member_id, timestamp, signature = int(match[1]), int(match[2]), match[3]
    if not hmac.compare_digest(sign(key, qr_message(member_id, timestamp)), signature):
        return None
    age = now_ts - timestamp
    if age < -30 or age > QR_VALIDITY.total_seconds():  # 30 s of clock skew tolerated
        return None
    return member_id


def token_message(proof_id, member_id, points, session_id):
    """What a redemption token signs: the proof, the member, the points and the POS session."""
    return f"chain_pos_member.redeem|{int(proof_id)}|{int(member_id)}|{int(points)}|{int(session_id)}"


def parse_token(token):
    """``(proof id, signature)`` of a redemption token ``<id>.<hex HMAC>``, or None.

    >>> parse_token("12." + "a" * 64)[0], parse_token("12.zz"), parse_token(None)
    (12, None, None)
    """
    match = _TOKEN.match(token or "") if isinstance(token, str) else None
    return (int(match[1]), match[2]) if match else None


def points_value(points, points_per_unit):
    """The discount (currency units, rounded to cents) that ``points`` are worth.

    >>> points_value(250, 100), points_value(1, 100), points_value(5, 0)
    (2.5, 0.01, 0.0)
    """
    if points_per_unit <= 0:
        return 0.0
    return round(points / points_per_unit, 2)
