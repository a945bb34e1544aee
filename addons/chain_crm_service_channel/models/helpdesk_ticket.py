from markupsafe import Markup

from odoo import _, api, fields, models


class HelpdeskTicket(models.Model):
    """A case opened by a channel's refund request keeps its sale order and the request's key."""

    _inherit = "helpdesk.ticket"
    # set once, when the refund request opens the case: the link to the platform's request
    _chain_guarded_fields = {
        "chain_channel_refund_key": ("_chain_create_from_channel",),
        "chain_sale_order_id": ("_chain_create_from_channel",),
    }

    chain_sale_order_id = fields.Many2one(
        "sale.order", string="Channel Order", index="btree_not_null", readonly=True, copy=False
    )
    chain_channel_refund_key = fields.Char(
        string="Channel Refund", readonly=True, copy=False,
        help="Channel, platform order and refund of the request that opened the case (one case each).",
    )  # fmt: skip

    _sql_constraints = [
        (
            "chain_channel_refund_key_uniq",
            "unique(chain_channel_refund_key)",
            "A channel refund request opens one case.",
        )
    ]

    @api.model
    def _chain_create_from_channel(self, vals):
        """Create the case of a channel refund request (as the system: the message job)."""
        return self.create(vals)

    def _prepare_chain_channel_description(self, reason):
        return Markup("<p>%s</p>") % _("Refund requested on the channel: %s", reason)
