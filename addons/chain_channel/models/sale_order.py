# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import AccessError

# who may change a channel order's commercial fields (buyer, lines, prices, state...): the
# platform (the import, as superuser), channel managers and headquarters; the fulfilling store
# ships it (its picking) and may talk about it (chatter, activities), nothing else
CHANNEL_ORDER_EDITORS = ("chain_channel.group_channel_manager", "chain_store.group_chain_manager")
# what the chatter and activities write on the order they are posted on
CHATTER_FIELD_PREFIXES = ("message_", "activity_")


class SaleOrder(models.Model):
    _inherit = "sale.order"
    # the channel, buyer and lines of a channel order are fixed by this class's write check below
    _chain_guarded_fields = {}
    _chain_store_field = "warehouse_id.chain_store_id"  # the store that ships it

    chain_channel_id = fields.Many2one("chain.channel", string="Sales Channel", index=True, readonly=True, copy=False)
    chain_platform_order_id = fields.Char(string="Platform Order", index=True, readonly=True, copy=False)
    chain_route_reason = fields.Char(
        string="Routing", readonly=True, copy=False, help="Why the channel order ships from its warehouse."
    )

    _sql_constraints = [
        (
            "chain_platform_order_uniq",
            "unique(chain_channel_id, chain_platform_order_id)",
            "A platform order is imported once per channel.",
        ),
    ]

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("chain_channel_id") for vals in vals_list):
            self._chain_check_channel_editor()
        orders = super().create(vals_list)
        orders.filtered("chain_channel_id")._chain_flag_buyers()
        return orders

    def write(self, vals):
        if not self.env.su and ("chain_channel_id" in vals or self.filtered("chain_channel_id")):
            self._chain_check_channel_edit(vals)
        return super().write(vals)

    def _chain_check_channel_editor(self):
        """Raise AccessError unless the user may edit channel orders (see ``CHANNEL_ORDER_EDITORS``)."""
        if self.env.su or any(self.env.user.has_group(group) for group in CHANNEL_ORDER_EDITORS):
            return
        raise AccessError(_("Only a channel manager or headquarters may change a channel order: the platform owns it."))

    def _chain_check_channel_edit(self, vals):
        """Raise AccessError when ``vals`` changes more than the chatter of a channel order and the
        user is not a channel editor. The store that ships the order reads it and its picking,
        posts messages and activities on it, and changes nothing else."""
        if any(not name.startswith(CHATTER_FIELD_PREFIXES) for name in vals):
            self._chain_check_channel_editor()

    def _chain_flag_buyers(self):
        """Mark the buyers these channel orders were made for as channel buyers: their contact
        data is then shown only to who ships or serves their orders (the partner rules). A
        partner the import found that is also something else (a store's customer with POS or
        other sales orders, a user, a company) is left as it was: its stores knew it already."""
        buyers = self.partner_id.filtered(
            lambda partner: not partner.chain_channel_buyer and not partner.is_company and not partner.user_ids
        )
        if not buyers:
            return
        # sudo: the buyer's other documents count in every store, whoever runs the import
        other = (
            self.env["sale.order"]
            .sudo()
            ._read_group([("partner_id", "in", buyers.ids), ("chain_channel_id", "=", False)], ["partner_id"])
        )
        other += self.env["pos.order"].sudo()._read_group([("partner_id", "in", buyers.ids)], ["partner_id"])
        new_buyers = buyers - self.env["res.partner"].union(*(partner for (partner,) in other))
        if new_buyers:
            # sudo: the flag is the system's (guarded), set whoever imports the order
            new_buyers.sudo().chain_channel_buyer = True

    def message_subscribe(self, partner_ids=None, subtype_ids=None):
        """A channel order's buyer does not follow it (Odoo's confirmation subscribes the
        customer): the platform talks to its buyers, Odoo must not mail them about the order."""
        return super().message_subscribe(partner_ids=without_buyer(self, partner_ids), subtype_ids=subtype_ids)


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"
    _chain_store_field = "order_id.warehouse_id.chain_store_id"

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su:
            orders = self.env["sale.order"].browse({vals["order_id"] for vals in vals_list if vals.get("order_id")})
            if orders.filtered("chain_channel_id"):
                orders._chain_check_channel_editor()
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su and self.order_id.filtered("chain_channel_id"):
            self.order_id._chain_check_channel_edit(vals)
        return super().write(vals)

    def _compute_analytic_distribution(self):
        """Odoo looks for an analytic distribution model for each new line (a search per line of
        every channel order). When the database has no such model, no line gets one: a channel
        order's lines then keep what they have, after one lookup for the whole batch."""
        if self.env.context.get("chain_channel_import") and not self.env[
            "account.analytic.distribution.model"
        ].search_count([], limit=1):
            for line in self:
                line.analytic_distribution = line.analytic_distribution
            return
        super()._compute_analytic_distribution()


def without_buyer(records, partner_ids):
    """``partner_ids`` less the buyer (``partner_id``) of ``records`` while a channel order is
    made (its order and delivery); Odoo subscribes no one from an empty list."""
    if records.env.context.get("chain_channel_import") and partner_ids:
        return [pid for pid in partner_ids if pid not in records.partner_id.ids]
    return partner_ids
