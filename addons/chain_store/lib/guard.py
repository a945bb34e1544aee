"""Guarded workflow fields and untrusted context keys, without the ORM.

Two promises every Chain model keeps against any client (web client, POS,
mobile app, an integration speaking JSON-RPC or XML-RPC):

* **A guarded field changes only inside its transition methods.** A model
  declares ``_chain_guarded_fields = {field: (method, ...)}``; a ``write``,
  ``create`` or import (``load``) that sets such a field outside one of those
  methods is refused. The permission lives in a :class:`contextvars.ContextVar`
  that only server code can set (:func:`allow`), never in the ORM context that
  a client sends.

* **Context is input.** Keys that switch a check off (ours, ``chain_*``, and
  those of the OCA modules the suite uses) are removed from the context a
  client sends (:func:`clean_client_context`), so that they only have effect
  when server code sets them itself.
"""

import contextlib
import contextvars

# (model name, field name) pairs that the running transition methods may change.
_ALLOWED = contextvars.ContextVar("chain_guard_allowed", default=frozenset())

# Context keys that switch a check off in the modules the suite runs on: they are
# honoured only when set by server code, never when a client sends them.
UNTRUSTED_CONTEXT_KEYS = {
    # OCA base_tier_validation: write/confirm a document whose review is pending
    "skip_validation_check",
    # OCA base_tier_validation: request a validation outside the rule's states
    "skip_check_state_condition",
    # Odoo / OCA queue_job: data-loading shortcuts (skips channel checks, ...)
    "install_mode",
    # Odoo's product_expiry: validate a transfer of expired lots without its confirmation
    "skip_expired",
}
# Every key of ours is a server-side switch (bypass a reservation, the approval
# gate of a transfer, ...), except the few below that the web client's views send.
UNTRUSTED_CONTEXT_PREFIXES = ("chain_",)
CLIENT_CONTEXT_KEYS = {
    # chain_stock_transfer's store pickers: list every store by name (read only)
    "chain_store_any",
}


@contextlib.contextmanager
def allow(model_name, fields):
    """Let the code run inside this block change ``fields`` of ``model_name``.

    Nested blocks add to the outer permission; leaving a block restores it.

    >>> with allow("x.doc", ["state"]):
    ...     is_allowed("x.doc", "state"), is_allowed("x.doc", "amount")
    (True, False)
    >>> is_allowed("x.doc", "state")
    False
    """
    token = _ALLOWED.set(_ALLOWED.get() | {(model_name, name) for name in fields})
    try:
        yield
    finally:
        _ALLOWED.reset(token)


def is_allowed(model_name, field_name):
    """Whether a running transition may change ``field_name`` of ``model_name``."""
    return (model_name, field_name) in _ALLOWED.get()


def is_untrusted_key(key):
    """Whether a context key is a server-side switch that a client may not send.

    >>> [is_untrusted_key(k) for k in ("skip_validation_check", "chain_transfer_gate", "chain_store_any", "lang")]
    [True, True, False, False]
    """
    if not isinstance(key, str):
        return False
    if key in CLIENT_CONTEXT_KEYS:
        return False
    return key in UNTRUSTED_CONTEXT_KEYS or key.startswith(UNTRUSTED_CONTEXT_PREFIXES)


def clean_client_context(context):
    """The context a client sent, without the keys that switch checks off.

    Returns ``(cleaned, removed)``; ``context`` is not modified.

    >>> clean_client_context({"lang": "zh_CN", "skip_validation_check": True})
    ({'lang': 'zh_CN'}, ['skip_validation_check'])
    >>> clean_client_context(None)
    ({}, [])
    """
    if not isinstance(context, dict):
        return {}, []
    removed = sorted(k for k in context if is_untrusted_key(k))
    return {k: v for k, v in context.items() if k not in removed}, removed


def merge_declarations(declarations):
    """Merge ``{field: methods}`` declarations made by several classes of one model.

    Each class of a model (its own and every addon's extension) may declare the
    fields it guards; a field guarded by two classes may be changed by the
    methods both name.

    >>> merge_declarations([{"state": ("a",)}, {"state": ["b"], "lock": ()}])
    {'state': ('a', 'b'), 'lock': ()}
    """
    merged = {}
    for declaration in declarations:
        for field, methods in (declaration or {}).items():
            known = merged.setdefault(field, ())
            merged[field] = known + tuple(m for m in methods if m not in known)
    return merged
