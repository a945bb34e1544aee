from odoo.addons.base.models.ir_model import MODULE_UNINSTALL_FLAG

from . import models
from . import wizards


def uninstall_hook(env):
    """Remove what rules created outside this addon's tables: Action menu entries, OCA tier
    definitions and reviews of approval requests."""
    env = env(context=dict(env.context, active_test=False, **{MODULE_UNINSTALL_FLAG: True}))
    env["chain.approval.request"].search([]).unlink()
    env["chain.approval.rule"].search([]).unlink()
    env["tier.review"].search([("model", "=", "chain.approval.request")]).unlink()
    env["tier.definition"].search([("model", "=", "chain.approval.request")]).unlink()
