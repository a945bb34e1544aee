import json

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import float_compare

from ..lib import proof as proof_lib


class PosOrder(models.Model):
    _inherit = "pos.order"
    _chain_guarded_fields = {
        # sent by the till with the order; the server checks the token when the order is paid
        "chain_redeem_points": ("sync_from_ui",),
        "chain_redeem_token": ("sync_from_ui",),
        "chain_member_enrol": ("sync_from_ui",),
    }

    chain_redeem_points = fields.Integer(string="Points Redeemed", readonly=True, copy=False)
    chain_redeem_token = fields.Char(readonly=True, copy=False)
    chain_member_enrol = fields.Char(
        string="Enrolment at the Till", readonly=True, copy=False, help="A member enrolled (offline) with this order."
    )
    chain_points_earned = fields.Integer(string="Points Earned", compute="_compute_chain_points_earned")
    chain_points_balance = fields.Integer(string="Member Points", compute="_compute_chain_points_earned")

    def _compute_chain_points_earned(self):
        # sudo: the cashier sees the points of the receipt's order, not the ledger
        groups = (
            self.env["chain.member.points.line"]
            .sudo()
            ._read_group([("pos_order_id", "in", self.ids), ("kind", "=", "award")], ["pos_order_id"], ["points:sum"])
        )
        earned = {order.id: points for order, points in groups}
        for order in self:
            order.chain_points_earned = earned.get(order.id, 0)
            member = order._chain_member() if order.id and order.partner_id else None
            order.chain_points_balance = member.points_balance if member else 0

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_redeem_points", "chain_member_enrol", "chain_points_earned", "chain_points_balance"]
        return fields_

    @api.model
    def _process_order(self, order, existing_order):
        enrol = order.get("chain_member_enrol")
        if enrol and not order.get("partner_id") and order.get("state") != "draft":
            order["partner_id"] = self._chain_enrol_partner(order, enrol)
        return super()._process_order(order, existing_order)

    @api.model
    def _chain_enrol_partner(self, order, enrol):
        """The contact of the member enrolled with this order (offline), enrolled now if new."""
        try:
            vals = json.loads(enrol) if isinstance(enrol, str) else dict(enrol)
        except (TypeError, ValueError):
            raise UserError(_("The enrolment sent with this order is not readable.")) from None
        session = self.env["pos.session"].browse(order["session_id"])
        member, _created = self.env["pos.session"]._chain_enrol_from_order(session, vals)
        return member.partner_id.id

    # ------------------------------------------------------------------
    # Another store's member: her contact is not the cashier's to read
    # ------------------------------------------------------------------
    def _chain_customer_hidden(self):
        """True when the order's customer is a contact the current user may not read.

        chain_member's contact rule keeps a member's contact to her stores; any
        store's till serves her (looked up and attached masked), and the
        order's processing reads her contact (stock location, invoice address).
        """
        return bool(
            not self.env.su
            and self.partner_id
            and not self.partner_id.has_access("read")
            and self.session_id.has_access("read")
        )

    def _create_order_picking(self):
        if any(order._chain_customer_hidden() for order in self):
            # sudo: the delivery of the caller's own order to another store's member reads her
            # contact's stock location; nothing of it goes back to the cashier
            return super(PosOrder, self.sudo())._create_order_picking()
        return super()._create_order_picking()

    def _generate_pos_order_invoice(self):
        if any(order._chain_customer_hidden() for order in self):
            # sudo: the invoice of the caller's own order is addressed to another store's member,
            # whose contact the cashier does not read (the invoice names her, as the order does)
            return super(PosOrder, self.sudo())._generate_pos_order_invoice()
        return super()._generate_pos_order_invoice()

    def confirm_coupon_programs(self, coupon_data):
        """pos_loyalty's card update after an order: the member points cards are left to the ledger.

        The member program has no rules nor rewards, so the till changes none of
        its cards' points; an update that would (a forged RPC) is refused, and a
        card the till made up for a member (negative id) is dropped: the member's
        card exists on the server and its points already follow the ledger.
        """
        # sudo: the program's nature decides, whoever the cashier is
        Program = self.env["loyalty.program"].sudo()
        Card = self.env["loyalty.card"].sudo()
        member_programs = Program.search([("chain_member_points", "=", True)]).ids
        kept = {}
        for key, vals in (coupon_data or {}).items():
            card_id = int(key)
            if card_id > 0:
                is_member = Card.browse(card_id).exists().program_id.id in member_programs
            else:
                is_member = vals.get("program_id") in member_programs
            if not is_member:
                kept[key] = vals
            elif vals.get("points"):
                raise UserError(
                    _(
                        "Member points change only through the member's points ledger "
                        "(earned on paid orders, redeemed with the member's proof at the till)."
                    )
                )
        return super().confirm_coupon_programs(kept)

    def _process_saved_order(self, draft):
        # before Odoo's payment, which logs and swallows its errors: a refused redemption refuses the sync
        if not draft and self.state != "cancel":
            self._chain_redeem()
        return super()._process_saved_order(draft)

    def action_pos_order_paid(self):
        self._chain_redeem()  # orders paid another way; a redemption already done is not done again
        return super().action_pos_order_paid()

    def _chain_redeem_lines(self):
        self.ensure_one()
        product = self.company_id.chain_pos_redeem_product_id
        return self.lines.filtered(lambda line: product and line.product_id == product)

    def _chain_redeem(self):
        """Spend the points of the redemption line, with the member's proof (the token), once.

        An order with a redemption line and no valid token, a line whose amount
        is not the points' value, or a token of another member, points or
        session is refused (the whole order: nothing is half-written).
        """
        Proof = self.env["chain.member.proof"]
        for order in self:
            lines = order._chain_redeem_lines()
            if not lines and not order.chain_redeem_points:
                continue
            if lines and all(line.refunded_orderline_id for line in lines) and not order.chain_redeem_points:
                continue  # a refund of a redemption: the points are not given back here
            if float_compare(order.amount_total, 0.0, precision_digits=2) < 0:
                raise UserError(_("The points discount cannot be more than the order is worth."))
            points = order.chain_redeem_points
            member = order._chain_member()
            token = order.chain_redeem_token
            if not (member and token and points > 0):
                raise UserError(
                    _("A points redemption needs the member's proof of presence (QR code or one-time code).")
                )
            value = proof_lib.points_value(points, order.company_id.chain_pos_points_per_unit)
            discount = -sum(lines.mapped("price_subtotal_incl"))
            if float_compare(discount, value, precision_digits=2):
                raise UserError(
                    _(
                        "The points discount (%(discount)s) does not match the %(points)s points redeemed (%(value)s).",
                        discount=discount,
                        points=points,
                        value=value,
                    )
                )
            Proof._chain_use_token(token, member, points, order.session_id, order)
