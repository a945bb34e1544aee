# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""The errors adapters raise: the core maps each to an HTTP answer or a retry policy.

- ``ChannelAuthError``: the request is not from the platform (401, nothing stored);
- ``ChannelPayloadError``: the request cannot be read (400, nothing stored as an order);
- ``ChannelTransientError``: try again later with backoff (timeouts, 5xx);
- ``ChannelRateLimited``: the platform asked us to slow down (``retry_after`` seconds).
"""


class ChannelError(Exception):
    """Base error of a channel; ``reason`` is a short English text, ``details`` context for logs."""

    def __init__(self, reason, **details):
        super().__init__(reason)
        self.reason = reason
        self.details = details


class ChannelAuthError(ChannelError):
    """Signature, credentials or timestamp refused."""


class ChannelPayloadError(ChannelError):
    """The body is not a message we can read."""


class ChannelTransientError(ChannelError):
    """A temporary failure: the same call may succeed later."""


class ChannelRateLimited(ChannelTransientError):
    """The platform refused the call for its rate limit."""

    def __init__(self, reason, retry_after=1.0, **details):
        super().__init__(reason, retry_after=retry_after, **details)
        self.retry_after = float(retry_after)
