from odoo import api, models


class ChainSuiteProbe(models.AbstractModel):
    """Tells a test which context keys reached the server code of a client's call."""

    _name = "chain.suite.probe"
    _description = "Chain suite: context probe (tests only)"
    _chain_guarded_fields = {}  # no field

    @api.model
    def context_keys(self):
        return sorted(self.env.context)

    @api.model
    def button_context_keys(self):
        """The same from ``call_button``, which expects an action or ``False`` back."""
        return {"type": "ir.actions.client", "tag": "reload", "params": {"keys": sorted(self.env.context)}}
