from odoo import fields, models, tools
from odoo.tools import SQL


class ChainMemberDuplicate(models.Model):
    """Candidate duplicate members (疑似重复会员): one row per pair, found set-based by one SQL view.

    The mobile number is unique among a company's members (the database
    refuses a second holder), so a duplicate is never two members with the
    same mobile. A pair of active members of the same company is a candidate
    when at least one of these holds (each a column of the row):

    - ``same_contact_phone``: the contact (``res.partner``) of one member has,
      in its phone or mobile, a number that, normalized (``+86`` and 11
      digits), is the other member's mobile;
    - ``same_identity``: the two members hold identities with the same
      external id in sources of the same namespace (:meth:`_chain_identity_namespaces`:
      by default the WeChat ids ``wechat_unionid`` and ``wechat_openid`` share
      one; every other source is its own namespace, where the database
      already refuses a second holder);
    - ``same_baby``: the two members have the same name (case-insensitive) and
      each a baby born on the same date.

    ``member_id`` is the older member (smaller id: kept by default),
    ``other_member_id`` the newer one. Store staff see the pairs whose two
    members are both of their stores.
    """

    _name = "chain.member.duplicate"
    _description = "Duplicate Member Candidate"
    _auto = False
    _order = "member_id desc, other_member_id desc"
    _rec_name = "member_id"
    _chain_guarded_fields = {}  # a read-only SQL view
    _chain_store_field = "home_store_id"

    member_id = fields.Many2one("chain.member", string="Member", readonly=True)
    other_member_id = fields.Many2one("chain.member", string="Duplicate", readonly=True)
    company_id = fields.Many2one("res.company", readonly=True)
    home_store_id = fields.Many2one("chain.store", string="Home Store", readonly=True)
    other_home_store_id = fields.Many2one("chain.store", string="Duplicate's Home Store", readonly=True)
    same_contact_phone = fields.Boolean(string="Contact's Phone", readonly=True)
    same_identity = fields.Boolean(string="Same Identity", readonly=True)
    same_baby = fields.Boolean(string="Same Baby", readonly=True)

    def _chain_identity_namespaces(self):
        """``{identity source: namespace}`` of the sources whose ids can be the same person's.

        A source not listed is its own namespace. Extend it (and update the
        addon, which rebuilds the view) when a platform's ids share another's.
        """
        return {"wechat_unionid": "wechat", "wechat_openid": "wechat"}

    def _chain_namespace_sql(self, alias):
        namespaces = self._chain_identity_namespaces()
        if not namespaces:
            return SQL("%s.source", SQL.identifier(alias))
        cases = SQL(" ").join(SQL("WHEN %s THEN %s", source, space) for source, space in namespaces.items())
        return SQL("(CASE %s.source %s ELSE %s.source END)", SQL.identifier(alias), cases, SQL.identifier(alias))

    def _chain_pairs_sql(self):
        """Hook: the candidate pairs, rows ``(a, b, reason)`` with ``reason`` one of the boolean columns."""
        queries = [
            SQL(
                """
                SELECT contact.member_id AS a, other.id AS b, 'same_contact_phone' AS reason
                  FROM (
                        SELECT m.id AS member_id, m.company_id,
                               regexp_replace(number.value, '[^0-9]', '', 'g') AS digits
                          FROM active_member m
                          JOIN res_partner p ON p.id = m.partner_id
                         CROSS JOIN LATERAL (VALUES (p.phone), (p.mobile)) AS number(value)
                         WHERE number.value IS NOT NULL
                       ) AS contact
                  JOIN active_member other
                    ON other.company_id = contact.company_id
                   AND other.id <> contact.member_id
                   AND other.mobile = '+86' || right(contact.digits, 11)
                 WHERE contact.digits ~ '^(0086|86)?1[3-9][0-9]{9}$'
                """
            ),
            SQL(
                """
                SELECT i1.member_id, i2.member_id, 'same_identity'
                  FROM chain_member_identity i1
                  JOIN chain_member_identity i2
                    ON i2.external_id = i1.external_id AND i2.id > i1.id AND i2.member_id <> i1.member_id
                   AND %s = %s
                  JOIN active_member m1 ON m1.id = i1.member_id
                  JOIN active_member m2 ON m2.id = i2.member_id AND m2.company_id = m1.company_id
                """,
                self._chain_namespace_sql("i1"),
                self._chain_namespace_sql("i2"),
            ),
        ]
        queries.append(
            SQL(
                """
                SELECT x.member_id, y.member_id, 'same_baby'
                  FROM (
                        SELECT b.member_id, b.birth_date, lower(m.name) AS name, m.company_id
                          FROM chain_member_baby b JOIN active_member m ON m.id = b.member_id
                         WHERE b.birth_date IS NOT NULL
                       ) AS x
                  JOIN (
                        SELECT b.member_id, b.birth_date, lower(m.name) AS name, m.company_id
                          FROM chain_member_baby b JOIN active_member m ON m.id = b.member_id
                         WHERE b.birth_date IS NOT NULL
                       ) AS y
                    ON y.company_id = x.company_id AND y.birth_date = x.birth_date AND y.name = x.name
                   AND y.member_id > x.member_id
                """
            )
        )
        return SQL(" UNION ALL ").join(queries)

    def _query(self):
        return SQL(
            """
            WITH active_member AS (
                SELECT id, company_id, partner_id, mobile, name, home_store_id
                  FROM chain_member
                 WHERE state = 'active' AND active
            ),
            pair AS (
                SELECT LEAST(a, b) AS member_id, GREATEST(a, b) AS other_member_id, reason FROM (%s) AS found
            )
            SELECT (pair.member_id::bigint << 32) + pair.other_member_id AS id,
                   pair.member_id, pair.other_member_id,
                   m1.company_id, m1.home_store_id, m2.home_store_id AS other_home_store_id,
                   bool_or(pair.reason = 'same_contact_phone') AS same_contact_phone,
                   bool_or(pair.reason = 'same_identity') AS same_identity,
                   bool_or(pair.reason = 'same_baby') AS same_baby
              FROM pair
              JOIN active_member m1 ON m1.id = pair.member_id
              JOIN active_member m2 ON m2.id = pair.other_member_id
             GROUP BY pair.member_id, pair.other_member_id, m1.company_id, m1.home_store_id, m2.home_store_id
            """,
            self._chain_pairs_sql(),
        )

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("CREATE OR REPLACE VIEW %s AS (%s)", SQL.identifier(self._table), self._query()))

    def action_merge(self):
        """Open the merge wizard on this pair (the older member kept by default)."""
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.member.merge",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_member_id": self.member_id.id,
                "default_removed_member_id": self.other_member_id.id,
            },
        }
