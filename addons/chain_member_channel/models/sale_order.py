import psycopg2

from odoo import _, fields, models
from odoo.exceptions import UserError

from ..lib import member_channel


class SaleOrder(models.Model):
    _inherit = "sale.order"
    _chain_guarded_fields = {"chain_channel_refund_date": ()}  # set by the channel job, as superuser

    chain_channel_refund_date = fields.Datetime(
        string="Refunded on Platform",
        readonly=True,
        copy=False,
        help="When the platform's refund or cancellation of this channel order was processed: from then on "
        "its amount no longer counts in the member's spend.",
    )

    # ------------------------------------------------------------------ members
    def _chain_members(self):
        """``{order id: member}`` of these orders whose customer is an active member's
        contact in the order's company, in one query."""
        if not self:
            return {}
        # sudo: a member of any store earns points on the orders every store ships
        members = (
            self.env["chain.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "in", self.partner_id.commercial_partner_id.ids),
                    ("company_id", "in", self.company_id.ids),
                    ("state", "=", "active"),
                ]
            )
        )
        by_key = {(member.partner_id.id, member.company_id.id): member for member in members}
        found = {}
        for order in self:
            member = by_key.get((order.partner_id.commercial_partner_id.id, order.company_id.id))
            if member:
                found[order.id] = member
        return found

    def _chain_flag_buyers(self):
        """A member's contact is never flagged as a channel buyer (the member's stores read
        it); the delivery address of a member's order is flagged instead, as the core flags
        the buyers it makes, and the stores that ship it read it (rule of this addon)."""
        member_orders = self.browse(list(self._chain_members()))
        result = super(SaleOrder, self - member_orders)._chain_flag_buyers()
        addresses = (member_orders.partner_shipping_id - member_orders.partner_id).filtered(
            lambda partner: not partner.chain_channel_buyer and not partner.is_company and not partner.user_ids
        )
        if addresses:
            # sudo: the address's other documents count in every store, whoever runs the import
            other = (
                self.env["sale.order"]
                .sudo()
                ._read_group([("partner_id", "in", addresses.ids), ("chain_channel_id", "=", False)], ["partner_id"])
            )
            other += self.env["pos.order"].sudo()._read_group([("partner_id", "in", addresses.ids)], ["partner_id"])
            new = addresses - self.env["res.partner"].union(*(partner for (partner,) in other))
            if new:
                # sudo: the flag is the system's (guarded), set whoever imports the order
                new.sudo().chain_channel_buyer = True
        return result

    # ------------------------------------------------------------------ points
    def _chain_points_lines(self):
        """``[(product, delivered amount incl. tax), ...]`` of the order's goods."""
        self.ensure_one()
        return [
            (
                line.product_id,
                member_channel.delivered_amount(line.price_total, line.qty_delivered, line.product_uom_qty),
            )
            for line in self.order_line
            if not line.display_type and not line.is_downpayment
        ]

    def _chain_fully_delivered(self):
        """Every delivery of the order is done or cancelled, and one at least is done."""
        self.ensure_one()
        deliveries = self.picking_ids.filtered(lambda p: p.picking_type_code == "outgoing")
        return bool(deliveries.filtered(lambda p: p.state == "done")) and all(
            p.state in ("done", "cancel") for p in deliveries
        )

    def _chain_member_award_points(self):
        """Award the points of the channel orders of members once delivered: what was
        delivered, through ``chain.member._chain_points_for`` (tier multiplier, category
        factors). An order earns once (unique in the database); a refunded one earns nothing."""
        orders = self.filtered(lambda o: o.chain_channel_id and o.state == "sale" and not o.chain_channel_refund_date)
        members = orders._chain_members()
        if not members:
            return
        # sudo: the ledger is written by the server only (no role may write it)
        Line = self.env["chain.member.points.line"].sudo()
        awarded = {
            order.id
            for (order,) in Line._read_group(
                [("sale_order_id", "in", list(members)), ("kind", "=", "award")], ["sale_order_id"]
            )
        }
        for order in orders.filtered(lambda o: o.id in members and o.id not in awarded):
            if not order._chain_fully_delivered():
                continue
            member = members[order.id]
            points = member._chain_points_for(order._chain_points_lines())
            if points <= 0:
                continue
            try:
                with self.env.cr.savepoint():
                    line = member._chain_award_points(
                        points,
                        "award",
                        reason=_("Channel order %s", order.name),
                        multiplier=member.tier_id.points_multiplier or 1.0,
                    )
                    line.sale_order_id = order
            except psycopg2.errors.UniqueViolation:
                continue  # another transaction awarded it meanwhile: once is enough

    def _chain_member_reverse_points(self, event=""):
        """Take back the points this channel order earned (the whole award: a platform refund
        cancels or returns the whole order). Returns False when done or nothing to do, else
        the translated reason it was refused (points spent and no negative balance allowed)."""
        self.ensure_one()
        # sudo: the ledger is written by the server only (no role may write it)
        Line = self.env["chain.member.points.line"].sudo()
        award = Line.search([("sale_order_id", "=", self.id), ("kind", "=", "award")], limit=1)
        if not award or Line.search_count([("sale_order_id", "=", self.id), ("kind", "=", "reversal")], limit=1):
            return False
        member = award.member_id
        allow = self.company_id.chain_member_allow_negative_points
        if not allow and member.points_balance < award.points:
            return _(
                "The refund of %(order)s takes back %(points)s points of member %(code)s, who has %(balance)s left: "
                "the points of this order were already spent. Allow negative points (company settings) or adjust "
                "the member's points, then Retry.",
                order=self.name,
                points=award.points,
                code=member.code,
                balance=member.points_balance,
            )
        try:
            with self.env.cr.savepoint():
                line = member._chain_consume_points(
                    award.points,
                    "reversal",
                    reason=_("Refund of channel order %(order)s (%(event)s)", order=self.name, event=event),
                    first=award,
                    allow_negative=allow,
                )
                line.sale_order_id = self
        except UserError as error:  # refused meanwhile (balance, a till holding the member)
            return str(error.args[0]) if error.args else _("The points could not be taken back.")
        except psycopg2.errors.UniqueViolation:
            return False  # another transaction took them back meanwhile
        return False
