"""The public lead form's captcha: a small sum signed with the database secret.

No ORM and no state: the form carries the question and a token; the token is
``<issued>.<nonce>.<signature>`` where the signature is an HMAC-SHA256 (key: the
database secret) of the form's scope (the store's token), the issue time, the nonce
and the expected answer. Checking needs only the secret, the submitted answer and
the clock; the caller remembers the nonces already used (one submission per
challenge).

>>> secret = "s3cret"
>>> question, token = make_challenge(secret, "store-1", 1000, numbers=(3, 4), nonce="n1")
>>> question
'3 + 4'
>>> check_answer(secret, "store-1", token, "7", now=1010)
>>> check_answer(secret, "store-1", token, " 7 ", now=1010)
>>> check_answer(secret, "store-1", token, "8", now=1010)
'wrong'
>>> check_answer(secret, "store-2", token, "7", now=1010)
'wrong'
>>> check_answer(secret, "store-1", token, "7", now=1001)
'too_fast'
>>> check_answer(secret, "store-1", token, "7", now=1000 + MAX_AGE + 1)
'expired'
>>> check_answer(secret, "store-1", "garbage", "7", now=1010)
'malformed'
>>> check_answer(secret, "store-1", token, "七", now=1010)
'wrong'
"""

import hashlib
import hmac
import secrets

MIN_AGE = 3  # seconds: a person reads the form before sending it; a script does not
MAX_AGE = 2 * 3600  # seconds: a form left open longer asks again
MAX_TOKEN_LENGTH = 200


def _signature(secret, scope, issued, nonce, answer):
    message = f"{scope}|{issued}|{nonce}|{answer}".encode()
    return hmac.new(str(secret).encode(), message, hashlib.sha256).hexdigest()


def make_challenge(secret, scope, now, numbers=None, nonce=None):
    """A question ``"a + b"`` and its signed token, issued at ``now`` (seconds, int).

    ``numbers`` and ``nonce`` are drawn at random unless given (tests).
    """
    first, second = numbers or (secrets.randbelow(9) + 1, secrets.randbelow(9) + 1)
    nonce = nonce or secrets.token_hex(8)
    issued = int(now)
    signature = _signature(secret, scope, issued, nonce, first + second)
    return f"{first} + {second}", f"{issued}.{nonce}.{signature}"


def token_nonce(token):
    """The nonce of a well-formed token (``None`` otherwise): the caller's key for "already used".

    >>> token_nonce("1000.abc.def")
    'abc'
    >>> token_nonce("nope") is None
    True
    """
    parts = (token or "").split(".") if isinstance(token, str) and len(token) <= MAX_TOKEN_LENGTH else []
    return parts[1] if len(parts) == 3 and parts[1] else None


def check_answer(secret, scope, token, answer, now, min_age=MIN_AGE, max_age=MAX_AGE):
    """``None`` when ``answer`` solves the challenge of ``token``, else the reason.

    Reasons: ``"malformed"`` (not a token of ours), ``"too_fast"`` (sent less than
    ``min_age`` seconds after it was issued), ``"expired"`` (older than ``max_age``
    or issued in the future), ``"wrong"`` (the answer, or a token of another scope).
    """
    if not isinstance(token, str) or len(token) > MAX_TOKEN_LENGTH:
        return "malformed"
    parts = token.split(".")
    if len(parts) != 3 or not (parts[0].isascii() and parts[0].isdigit()) or not parts[1] or not parts[2]:
        return "malformed"
    issued, nonce, signature = int(parts[0]), parts[1], parts[2]
    age = now - issued
    if age < 0 or age > max_age:
        return "expired"
    if age < min_age:
        return "too_fast"
    text = (answer or "").strip() if isinstance(answer, str) else ""
    if not text.isascii() or not text.isdigit() or len(text) > 3:
        return "wrong"
    expected = _signature(secret, scope, issued, nonce, int(text))
    if not hmac.compare_digest(expected, signature):
        return "wrong"
    return None
