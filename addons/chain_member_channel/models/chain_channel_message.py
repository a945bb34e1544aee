import json

import psycopg2

from odoo import _, api, fields, models

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import member_channel

MEMBER_EVENT = member_channel.MEMBER_EVENT
# an order's vals key (popped before the order is created) naming the member whose mobile
# the buyer gave while the buyer's id is another member's: the order notes it
CONFLICT_KEY = "__chain_member_conflict"


def _normalize(number):
    return member_lib.normalize_mobile(number)  # InvalidMobile is a ValueError


class ChainChannelMessage(models.Model):
    """Channel orders attach to members; member messages link identities; refunds take back points."""

    _inherit = "chain.channel.message"

    # ------------------------------------------------------------------ orders of members
    def _chain_batch_prefetch(self):
        """The core's prefetch, plus the members of the batch's buyers (two queries for all)."""
        prefetch = super()._chain_batch_prefetch()
        buyers = []
        for message in self:
            try:
                buyers.append(self._chain_buyer_keys(json.loads(message.normalized or "{}")))
            except (ValueError, TypeError):
                continue
        prefetch["members"] = self.channel_id._chain_buyer_matches(buyers)
        return prefetch

    def _chain_buyer_keys(self, data):
        return member_channel.buyer_keys(data.get("order") if isinstance(data, dict) else None, _normalize)

    def _chain_order_vals(self, data, taken=None, prefetch=None):
        """The core's order, whose customer becomes the buyer's member's contact when the
        buyer is a member (identity, then mobile): the address the core found or made for the
        buyer stays the delivery address. A buyer who is no member is left as the core makes
        them (no member is enrolled without consent)."""
        vals, reason = super()._chain_order_vals(data, taken, prefetch=prefetch)
        if vals is None:
            return vals, reason
        buyer = self._chain_buyer_keys(data)
        if prefetch is not None and "members" in prefetch and buyer in prefetch["members"]:
            by_identity, by_mobile = prefetch["members"][buyer]
        else:
            by_identity, by_mobile = self.channel_id._chain_buyer_matches([buyer])[buyer]
        member = by_identity or by_mobile
        if member:
            vals.update(self._chain_member_order_vals(member, vals))
        if by_identity and by_mobile and by_identity != by_mobile:
            vals[CONFLICT_KEY] = (by_identity.id, by_mobile.id)
        return vals, reason

    def _chain_member_order_vals(self, member, vals):
        """What changes on the order of ``member``: the member's contact is the customer, the
        buyer's address the delivery address."""
        return {"partner_id": member.partner_id.id, "partner_shipping_id": vals["partner_id"]}

    @api.model
    def _chain_make_orders(self, channel, vals_list, paid):
        """The core's orders; an order whose buyer's id is one member's and mobile another's
        (attached to the id's member) says so in its chatter: a duplicate to merge, or a
        number that changed hands."""
        conflicts = [vals.pop(CONFLICT_KEY, None) for vals in vals_list]
        orders = super()._chain_make_orders(channel, vals_list, paid)
        for order, conflict in zip(orders, conflicts, strict=True):
            if conflict:  # rare: a note per such order
                # sudo: the members may be of stores the job's user does not see
                member, other = self.env["chain.member"].sudo().browse(conflict)
                order.message_post(
                    body=_(
                        "The buyer's platform id is member %(member)s's, the mobile number member %(other)s's: "
                        "the order goes to %(member)s. Check whether they are one person (merge them).",
                        member=member.code,
                        other=other.code,
                    )
                )
        return orders

    # ------------------------------------------------------------------ refunds
    def _chain_apply_cancel(self, order):
        """The core's cancellation or return, then the order is marked refunded (its amount
        leaves the member's spend) and its points are taken back. A reversal the company's
        rules refuse (points already spent, no negative balance allowed) leaves the message in
        attention with the reason; the cancellation or return stands (the platform refunded
        the buyer already), and *Retry* takes the points back once the manager has decided."""
        state, reason, result = super()._chain_apply_cancel(order)
        if not order or state != "done":
            return state, reason, result
        if not order.chain_channel_refund_date:
            # sudo: the refund date is the channel job's (guarded), whoever runs the job
            order.sudo().chain_channel_refund_date = fields.Datetime.now()
        refused = order._chain_member_reverse_points(self.event)
        if refused:
            return "attention", "\n".join(filter(None, (refused, reason))), result
        return state, reason, result

    # ------------------------------------------------------------------ member messages
    def _chain_apply(self):
        self.ensure_one()
        if self.event == MEMBER_EVENT:
            return self._chain_apply_member(json.loads(self.normalized or "{}"))
        return super()._chain_apply()

    def _chain_apply_member(self, data):
        """A platform's member (customer) message: link its buyer id to the member with its
        mobile number. Never creates a member (PIPL: enrolment needs the buyer's consent, which
        the chain records itself); an identity that is one member's while the mobile is another
        member's needs attention (a duplicate to merge, or a changed number)."""
        channel = self.channel_id
        source = channel._chain_member_identity_source()
        open_id, mobile, _name = member_channel.member_keys(data.get("member"), _normalize)
        if not source:
            return "done", _("Channel %s has no buyer identity: nothing to link.", channel.name), False
        # sudo: identities and members of every store: the channel's messages concern them all
        Identity = self.env["chain.member.identity"].sudo()
        identity = Identity.browse()
        if open_id:
            identity = Identity.search([("source", "=", source), ("external_id", "=", open_id)], limit=1)
        mobile_member = self.env["chain.member"].sudo().browse()
        if mobile:
            mobile_member = (
                self.env["chain.member"]
                .sudo()
                .search(
                    [("mobile", "=", mobile), ("company_id", "=", channel.company_id.id), ("state", "=", "active")],
                    limit=1,
                )
            )
        outcome = member_channel.member_update(open_id, identity.member_id.id, mobile_member.id)
        if outcome == member_channel.LINK:
            try:
                with self.env.cr.savepoint():
                    Identity.create({"member_id": mobile_member.id, "source": source, "external_id": open_id})
            except psycopg2.errors.UniqueViolation:  # another job linked it meanwhile
                return (
                    "attention",
                    _(
                        "Identity %(identity)s was linked to another member meanwhile: check it against member "
                        "%(member)s, then Retry.",
                        identity=open_id,
                        member=mobile_member.code,
                    ),
                    False,
                )
            reason = _(
                "Identity %(identity)s linked to member %(member)s.", identity=open_id, member=mobile_member.code
            )
            return "done", reason, False
        if outcome == member_channel.CONFLICT:
            return (
                "attention",
                _(
                    "Identity %(identity)s is member %(holder)s's, but its mobile number is member %(other)s's: "
                    "check whether they are one person (merge them) or the number changed hands.",
                    identity=open_id,
                    holder=identity.member_id.code,
                    other=mobile_member.code,
                ),
                False,
            )
        if outcome == member_channel.LINKED:
            return "done", _("Identity %s is linked already.", open_id), False
        if outcome == member_channel.NO_OPEN_ID:
            return "done", _("The message names no buyer id: nothing to link."), False
        if mobile:
            return "done", _("No member has this mobile number: the buyer is not enrolled (no consent)."), False
        return "done", _("No mainland mobile number in the message: nothing to link."), False
