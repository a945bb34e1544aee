import datetime

from odoo import models
from odoo.tools import SQL

from odoo.addons.chain_crm_store.models.chain_crm_followup import CATCH_UP_DAYS


class ChainCrmFollowup(models.Model):
    _inherit = "chain.crm.followup"
    # no field added: the trigger's query only
    _chain_guarded_fields = {}

    def _chain_trigger_queries(self, today):
        """Add ``deposit_low``: members with an open deposit down to the plan's ``deposit_low_qty`` units.

        The trigger date is the day of the pickup that brought the deposit that
        low (the last pickup; the deposit's day when none): one task per step
        and day, so a second deposit running low later starts the plan again.
        """
        queries = super()._chain_trigger_queries(today)
        first = today - datetime.timedelta(days=CATCH_UP_DAYS)
        queries["deposit_low"] = SQL(
            """
            SELECT DISTINCT p.id, NULL::int, m.id, m.home_store_id, m.company_id, m.guide_user_id,
                   COALESCE(pk.last_day, d.date), NULL::date
              FROM chain_member_deposit d
              JOIN chain_member m ON m.id = d.member_id
              JOIN chain_crm_followup_plan p ON p.trigger = 'deposit_low' AND p.active AND p.company_id = d.company_id
              LEFT JOIN LATERAL (
                    SELECT MAX(%(day)s) AS last_day FROM chain_member_deposit_pickup pk WHERE pk.deposit_id = d.id
                   ) pk ON TRUE
             WHERE d.state = 'open' AND d.expiry_date >= %(today)s
               AND d.qty_remaining > 0 AND d.qty_remaining <= p.deposit_low_qty
               AND COALESCE(pk.last_day, d.date) BETWEEN %(first)s AND %(today)s
               AND m.home_store_id IS NOT NULL AND %(member)s
            """,
            day=self._chain_local_date(SQL("pk.date")),
            today=today,
            first=first,
            member=self._chain_followed_member("m"),
        )
        return queries
