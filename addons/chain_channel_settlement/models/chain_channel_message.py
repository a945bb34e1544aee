# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
import json

from odoo import models

# statuses of a normalized order that mean the platform completed it (Youzan's TRADE_SUCCESS)
COMPLETED_STATUSES = ("closed", "completed")


class ChainChannelMessage(models.Model):
    _inherit = "chain.channel.message"
    _chain_guarded_fields = {}  # no new field

    def _chain_apply(self):
        """A message that reports its order completed on the platform marks it so (and invoices
        it when the channel invoices on completion)."""
        state, reason, order = super()._chain_apply()
        if order and state == "done" and self._chain_reports_completion():
            order._chain_mark_completed()
        return state, reason, order

    def _chain_reports_completion(self):
        self.ensure_one()
        if self.event == "order_completed":
            return True
        try:
            data = json.loads(self.normalized or "{}")
        except ValueError:
            return False
        order = data.get("order") if isinstance(data, dict) else None
        return isinstance(order, dict) and order.get("status") in COMPLETED_STATUSES
