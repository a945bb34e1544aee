from datetime import timedelta

from odoo import api, fields, models
from odoo.tools import SQL, create_index

IP_WINDOW = timedelta(minutes=10)
STORE_WINDOW = timedelta(hours=1)
KEEP = timedelta(days=7)

OUTCOMES = [("accepted", "Accepted"), ("refused", "Refused")]
REASONS = [
    ("captcha", "Wrong or expired captcha"),
    ("reused", "Captcha already used"),
    ("honeypot", "Hidden field filled (robot)"),
    ("invalid", "Invalid data"),
    ("duplicate", "Duplicate of an open lead"),
    ("member", "Already a member"),
]


class ChainCrmFormHit(models.Model):
    """One submission of a store's public lead form: the rate limits count them.

    Every POST that reaches the checks is recorded (accepted or refused, with the
    reason); a request refused by the rate limit itself is not, so that a flood
    adds no rows. The limits (company settings) are: submissions per IP in
    10 minutes (any outcome) and accepted submissions per store in an hour.
    Rows older than a week are removed by the autovacuum.
    """

    _name = "chain.crm.form.hit"
    _description = "Lead Form Submission"
    _order = "id desc"
    _chain_store_field = "store_id"
    _chain_guarded_fields = {}  # a log written by the public form only (sudo); nobody edits it

    store_id = fields.Many2one("chain.store", string="Store", required=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="store_id.company_id", store=True, index=True)
    ip = fields.Char(string="IP Address", readonly=True)
    outcome = fields.Selection(OUTCOMES, required=True, readonly=True)
    reason = fields.Selection(REASONS, readonly=True)
    nonce = fields.Char(string="Captcha Nonce", readonly=True, index="btree_not_null")
    lead_id = fields.Many2one("crm.lead", string="Lead", readonly=True, ondelete="set null")

    def init(self):
        # the two rate-limit counts read recent rows of one IP / one store
        create_index(self.env.cr, "chain_crm_form_hit_ip_date_idx", self._table, ["ip", "create_date"])
        create_index(self.env.cr, "chain_crm_form_hit_store_date_idx", self._table, ["store_id", "create_date"])

    @api.model
    def _chain_counts(self, store, ip, now=None):
        """``(hits of ip in the last 10 minutes, accepted hits of store in the last hour)``, one query.

        Takes a transaction lock on the store first, so that two submissions of the
        same store are counted one after the other (the limit is exact per store).
        """
        now = now or fields.Datetime.now()
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(%s, %s)", 24_000, store.id))
        self.env.cr.execute(
            SQL(
                """
                SELECT count(*) FILTER (WHERE ip = %(ip)s AND create_date >= %(ip_since)s),
                       count(*) FILTER (WHERE store_id = %(store)s AND outcome = 'accepted')
                  FROM %(table)s
                 WHERE create_date >= %(store_since)s AND (ip = %(ip)s OR store_id = %(store)s)
                """,
                ip=ip or "",
                ip_since=now - IP_WINDOW,
                store=store.id,
                store_since=now - STORE_WINDOW,
                table=SQL.identifier(self._table),
            )
        )
        return self.env.cr.fetchone()

    @api.model
    def _chain_nonce_used(self, nonce):
        """Whether a submission already used this captcha (one submission per challenge)."""
        return bool(nonce) and bool(self.search_count([("nonce", "=", nonce)], limit=1))

    @api.autovacuum
    def _gc_chain_form_hits(self):
        """Forget submissions older than a week (IP addresses are personal data)."""
        self.env.cr.execute(
            SQL("DELETE FROM %s WHERE create_date < %s", SQL.identifier(self._table), fields.Datetime.now() - KEEP)
        )
