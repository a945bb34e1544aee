import logging

from odoo import models

_logger = logging.getLogger(__name__)


class PosSession(models.Model):
    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _validate_session(self, balancing_account=False, amount_to_balance=0, bank_payment_method_diffs=None):
        """Refresh the dashboard summaries of the days and stores of the closed sessions.

        A failure here never blocks the closing: it is logged and the 15-minute cron picks the
        days up again from its watermark.
        """
        res = super()._validate_session(
            balancing_account=balancing_account,
            amount_to_balance=amount_to_balance,
            bank_payment_method_diffs=bank_payment_method_diffs,
        )
        # sudo: the cashier closing the session cannot write the summaries; the refresh only
        # aggregates the orders of this session's own store
        dashboard = self.env["chain.dashboard"].sudo()
        try:
            with self.env.cr.savepoint():
                dashboard._chain_refresh_sessions(self)
        except Exception:  # the cron repairs what this missed
            _logger.exception("Dashboard refresh failed on closing sessions %s", self.ids)
        return res
