"""External RPC (``/jsonrpc``, ``/xmlrpc/2/object``): context is input there too.

Odoo dispatches those calls through ``odoo.service.model.execute_cr``, which has
no hook: :func:`post_load` wraps it once per process, and the wrapper cleans the
context only in databases where ``chain_store`` is installed.
"""

import functools

from odoo.modules.registry import Registry
from odoo.service import model as service_model

from .controllers.dataset import clean_kwargs


def post_load():
    if getattr(service_model.execute_cr, "_chain_clean_context", False):
        return
    original = service_model.execute_cr

    @functools.wraps(original)
    def execute_cr(cr, uid, obj, method, *args, **kw):
        if "context" in kw and "chain.store" in Registry(cr.dbname):
            kw = clean_kwargs(kw, obj, method)
        return original(cr, uid, obj, method, *args, **kw)

    execute_cr._chain_clean_context = True
    service_model.execute_cr = execute_cr
