import logging

from odoo import http
from odoo.http import route

from odoo.addons.web.controllers import action, dataset

from ..lib import guard

_logger = logging.getLogger(__name__)


def clean_kwargs(kwargs, model, method):
    """``kwargs`` of a client's call, its context without the keys that switch checks off."""
    if not isinstance(kwargs, dict) or "context" not in kwargs:
        return kwargs
    context, removed = guard.clean_client_context(kwargs.get("context"))
    if removed:
        _logger.info("%s.%s: context keys %s sent by a client were ignored", model, method, ", ".join(removed))
    return dict(kwargs, context=context)


class DataSet(dataset.DataSet):
    """The web client's (and the POS's, and the mobile app's) ORM calls: context is input."""

    @http.route()
    def call_kw(self, model, method, args, kwargs, path=None):
        return super().call_kw(model, method, args, clean_kwargs(kwargs, model, method), path=path)

    @http.route()
    def call_button(self, model, method, args, kwargs, path=None):
        return super().call_button(model, method, args, clean_kwargs(kwargs, model, method), path=path)


class Action(action.Action):
    """Server actions run from the web client (``/web/action/run``) get the same cleaning."""

    @route()
    def run(self, action_id, context=None):
        cleaned = clean_kwargs({"context": context}, "ir.actions.server", f"run({action_id})")["context"]
        return super().run(action_id, context=cleaned if context is not None else None)
