from odoo import fields, models


class ChainCrmFollowupPlan(models.Model):
    """The trigger ``deposit_low``: a member's formula deposit (奶粉寄存) has few units left."""

    _inherit = "chain.crm.followup.plan"
    # configuration of the chain: no workflow state
    _chain_guarded_fields = {}

    trigger = fields.Selection(
        selection_add=[("deposit_low", "Formula deposit running low")], ondelete={"deposit_low": "cascade"}
    )
    deposit_low_qty = fields.Float(
        string="Units Left",
        default=2.0,
        digits="Product Unit of Measure",
        help="Formula deposit running low: the plan starts when a member's open deposit has this many units "
        "left or fewer (and at least one).",
    )
