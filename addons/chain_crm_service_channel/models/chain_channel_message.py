import json
import logging

from psycopg2 import IntegrityError

from odoo import _, models
from odoo.exceptions import AccessError, UserError, ValidationError

from ..lib import refund_case

_logger = logging.getLogger(__name__)

REFUND_EVENT = "refund_requested"


class ChainChannelMessage(models.Model):
    """A refund requested with a reason opens an after-sales case, besides the cancellation or
    return the core makes of it (unchanged)."""

    _inherit = "chain.channel.message"
    _chain_guarded_fields = {}  # no field of its own

    def _chain_apply(self):
        state, reason, order = super()._chain_apply()
        if self.event == REFUND_EVENT and order:
            note = self._chain_open_refund_case(order)
            if note:
                reason = "\n".join(filter(None, [reason, note]))
        return state, reason, order

    def _chain_open_refund_case(self, order):
        """Open the case of this refund request (once per platform order and refund): ``None``,
        or a note for the message when the case could not be opened (the refund itself goes on)."""
        self.ensure_one()
        data = json.loads(self.normalized or "{}")
        reason = refund_case.refund_reason(data)
        if not reason:
            return None  # a refund without a reason is a cancellation, not a complaint
        key = refund_case.case_key(self.channel_id.id, self.platform_order_id, refund_case.refund_id(data))
        # sudo: the message job opens the case for the store that ships the order, whoever runs it
        Ticket = self.env["helpdesk.ticket"].sudo().with_context(mail_create_nosubscribe=True)
        if Ticket.with_context(active_test=False).search_count([("chain_channel_refund_key", "=", key)], limit=1):
            return None
        try:
            with self.env.cr.savepoint():
                Ticket._chain_create_from_channel(self._prepare_chain_refund_case_vals(order, reason, key))
        except (UserError, ValidationError, AccessError, IntegrityError) as error:
            # the refund is processed whatever becomes of its case; the message says why there is none
            _logger.warning("Channel message %s: no case opened: %s", self.key, error)
            return _("No after-sales case was opened: %s", error)
        return None

    def _prepare_chain_refund_case_vals(self, order, reason, key):
        """Hook: the values of the case of a refund request on ``order`` (a sale order)."""
        order = order.sudo()  # sudo: read by the message job for the case it opens
        store = order.warehouse_id.chain_store_id
        # sudo: the member whose contact buys on the channel (chain_member_channel links them)
        member = (
            self.env["chain.member"]
            .sudo()
            .search([("partner_id", "=", order.partner_id.id), ("company_id", "=", order.company_id.id)], limit=1)
        )
        kind = refund_case.reason_kind(reason)
        Category = self.env["helpdesk.ticket.category"].sudo()
        category = Category.search(
            [("chain_kind", "=", kind), ("company_id", "in", [False, order.company_id.id])], limit=1
        ) or Category.search([("chain_kind", "=", refund_case.DEFAULT_KIND)], limit=1)
        products = order.order_line.product_id.filtered(lambda p: p.type != "service")
        lots = order.picking_ids.move_line_ids.filtered(lambda ml: ml.state == "done").lot_id
        Ticket = self.env["helpdesk.ticket"]
        return {
            "name": _(
                "Refund requested: %(channel)s order %(order)s",
                channel=self.channel_id.name,
                order=self.platform_order_id,
            ),
            "description": Ticket._prepare_chain_channel_description(reason),
            "company_id": order.company_id.id,
            "chain_source": "channel",
            "chain_store_id": store.id or False,
            "chain_sale_order_id": order.id,
            "chain_channel_refund_key": key,
            "partner_id": order.partner_id.id,
            "chain_member_id": member.id or False,
            "category_id": category.id or False,
            "chain_product_id": products.id if len(products) == 1 else False,
            "chain_lot_id": lots.id if len(products) == 1 and len(lots) == 1 else False,
            "user_id": False,
        }
