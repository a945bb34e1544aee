from odoo import _, models
from odoo.exceptions import UserError

from ..lib import member as member_lib


class PosOrder(models.Model):
    _inherit = "pos.order"
    _chain_guarded_fields = {}  # no field added: points are written on the member's ledger

    def action_pos_order_paid(self):
        result = super().action_pos_order_paid()
        self._chain_member_points()
        return result

    def _chain_member(self):
        """The active member of the order's customer in the order's company (empty if none)."""
        self.ensure_one()
        if not self.partner_id:
            return self.env["chain.member"]
        # sudo: a member of any store earns points in every store, though her contact (and so its
        # company) is her stores' only
        customer = self.sudo().partner_id.commercial_partner_id
        return (
            self.env["chain.member"]
            .sudo()
            .search(
                [
                    ("partner_id", "=", customer.id),
                    ("company_id", "=", self.company_id.id),
                    ("state", "=", "active"),
                ],
                limit=1,
            )
        )

    def _chain_member_points(self):
        """Earn points on a paid order; take them back on a paid refund. Paying twice changes nothing."""
        # sudo: ledger rows are written by the server only (no role may write them); the cashier pays
        Line = self.env["chain.member.points.line"].sudo()
        for order in self.filtered(lambda o: o.state == "paid"):
            member = order._chain_member()
            if not member or Line.search_count([("pos_order_id", "=", order.id)]):
                continue
            if order.amount_total > 0:
                points = order._chain_points_earned(member)
                if points > 0:
                    member._chain_award_points(
                        points, "award", pos_order=order, multiplier=member.tier_id.points_multiplier or 1.0
                    )
                member._chain_upgrade_for_purchase(_("Purchase %s.", order.name))
            elif order.amount_total < 0:
                order._chain_reverse_points(member)

    def _chain_points_lines(self, lines=None):
        """``[(product, amount incl. tax), ...]`` of the order's ``lines`` (all by default)."""
        self.ensure_one()
        return [(line.product_id, line.price_subtotal_incl) for line in (self.lines if lines is None else lines)]

    def _chain_points_earned(self, member):
        """Points of this order for ``member`` (``chain.member._chain_points_for`` of its lines)."""
        self.ensure_one()
        return member._chain_points_for(self._chain_points_lines())

    def _chain_reverse_points(self, member):
        """Take back the points the refunded orders earned, in proportion to the amount refunded."""
        self.ensure_one()
        # sudo: ledger rows are written by the server only (no role may write them)
        Line = self.env["chain.member.points.line"].sudo()
        originals = self.lines.refunded_orderline_id.order_id
        for original in originals:
            award = Line.search([("pos_order_id", "=", original.id), ("kind", "=", "award")], limit=1)
            if not award:
                continue
            refund_lines = self.lines.filtered(lambda line, o=original: line.refunded_orderline_id.order_id == o)
            refunded = -member_lib.weighted_amount(member._chain_weighted_lines(self._chain_points_lines(refund_lines)))
            weighted = member_lib.weighted_amount(member._chain_weighted_lines(original._chain_points_lines()))
            reversed_before = -sum(
                Line.search([("source_line_id", "=", award.id), ("kind", "=", "reversal")]).mapped("points")
            )
            points = member_lib.points_to_reverse(award.points, refunded, weighted, reversed_before)
            if points <= 0:
                continue
            allow = self.company_id.chain_member_allow_negative_points
            if not allow and member.points_balance < points:
                raise UserError(
                    _(
                        "The refund takes back %(points)s points of member %(code)s, who has %(balance)s left: "
                        "the points of this order were already spent.",
                        points=points,
                        code=member.code,
                        balance=member.points_balance,
                    )
                )
            member._chain_consume_points(points, "reversal", pos_order=self, first=award, allow_negative=allow)
