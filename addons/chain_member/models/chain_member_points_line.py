from odoo import api, fields, models
from odoo.tools import SQL

from ..lib import member as member_lib


class ChainMemberPointsLine(models.Model):
    """One row of a member's points ledger (积分明细).

    Award rows (``award``, positive ``adjust``) carry their ``points``, the
    points still available (``remaining``) and their ``expiry_date``; the rows
    that remove points (``redeem``, ``expire``, ``reversal``, negative
    ``adjust``) carry negative ``points`` and took them from the award rows that
    expire first. The member's balance is the sum of ``points``; while it is not
    negative it also equals the sum of ``remaining``. Rows are written only by
    the member's methods (as superuser): no role may create or write them.
    """

    _name = "chain.member.points.line"
    _description = "Member Points Ledger Line"
    _order = "date desc, id desc"
    _chain_store_field = "member_id.home_store_id"
    # the ledger changes only through chain.member's points methods, run as superuser
    _chain_guarded_fields = {
        "member_id": (),
        "kind": (),
        "points": (),
        "remaining": ("_cron_expire_points",),
        "expiry_date": (),
        "multiplier": (),
    }

    member_id = fields.Many2one("chain.member", required=True, ondelete="restrict", index=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [
            ("award", "Earned"),
            ("redeem", "Redeemed"),
            ("expire", "Expired"),
            ("reversal", "Refund"),
            ("adjust", "Adjustment"),
        ],
        required=True,
        readonly=True,
    )
    date = fields.Date(required=True, readonly=True, default=fields.Date.context_today)
    points = fields.Integer(required=True, readonly=True)
    remaining = fields.Integer(readonly=True, help="Points of this award not yet redeemed nor expired.")
    expiry_date = fields.Date(string="Expires on", readonly=True, index=True)
    multiplier = fields.Float(string="Tier Multiplier", readonly=True, default=1.0)
    pos_order_id = fields.Many2one("pos.order", string="POS Order", readonly=True, index="btree_not_null")
    source_line_id = fields.Many2one(
        "chain.member.points.line", string="Award", readonly=True, help="The award this row expires or reverses."
    )
    reason = fields.Char(readonly=True)

    _sql_constraints = [
        ("remaining_check", "CHECK(remaining >= 0 AND remaining <= GREATEST(points, 0))", "Points left out of range."),
    ]

    def init(self):
        # the expiry job reads the award rows with points left, by expiry date
        self.env.cr.execute(
            "CREATE INDEX IF NOT EXISTS chain_member_points_line_open_idx "
            "ON chain_member_points_line (expiry_date) WHERE remaining > 0"
        )

    @api.model
    def _cron_expire_points(self, today=None):
        """Expire what is left of every award whose expiry date has passed; tell each store once.

        Set-based, whatever the number of members: one statement locks the
        members concerned (in id order, as a till does: a till spending them
        waits or is refused, never spends expired points), one statement zeroes
        the awards' ``remaining``, writes one ``expire`` row per award (taking
        all its points left, ``source_line_id`` the award), moves the members'
        stored balances and returns the totals per member; then one message goes
        to each home store with how many of its members lost how many points
        (``chain.member._chain_tell_stores``). Returns the ``expire`` rows.
        """
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                SELECT id FROM chain_member
                 WHERE id IN (SELECT member_id FROM chain_member_points_line WHERE remaining > 0 AND expiry_date < %s)
                 ORDER BY id
                   FOR UPDATE
                """,
                today,
            )
        )
        if not cr.rowcount:
            return self.browse()
        cr.execute(
            SQL(
                """
                WITH due AS (
                    SELECT id, member_id, company_id, remaining
                      FROM chain_member_points_line
                     WHERE remaining > 0 AND expiry_date < %(today)s
                       FOR UPDATE
                ),
                emptied AS (
                    UPDATE chain_member_points_line line
                       SET remaining = 0, write_uid = %(uid)s, write_date = %(now)s
                      FROM due
                     WHERE line.id = due.id
                ),
                expired AS (
                    INSERT INTO chain_member_points_line
                           (member_id, company_id, kind, date, points, multiplier, source_line_id,
                            create_uid, create_date, write_uid, write_date)
                    SELECT member_id, company_id, 'expire', %(today)s, -remaining, 1.0, id,
                           %(uid)s, %(now)s, %(uid)s, %(now)s
                      FROM due
                    RETURNING id, member_id, -points AS points
                ),
                per_member AS (
                    SELECT member_id, SUM(points) AS points, array_agg(id) AS ids FROM expired GROUP BY member_id
                ),
                balance AS (
                    UPDATE chain_member member
                       SET points_balance = member.points_balance - per_member.points
                      FROM per_member
                     WHERE member.id = per_member.member_id
                )
                SELECT per_member.ids, member.home_store_id, member.code, member.name, per_member.points
                  FROM per_member
                  JOIN chain_member member ON member.id = per_member.member_id
                """,
                today=today,
                uid=self.env.uid,
                now=fields.Datetime.now(),
            )
        )
        rows = cr.fetchall()
        self.env.invalidate_all()
        digest = member_lib.store_digest(
            [(store, f"{code} {name}", points) for _ids, store, code, name, points in rows]
        )
        Member = self.env["chain.member"]
        Member._chain_tell_stores(
            digest,
            lambda members, total: Member.env._(
                "Member points expired on %(date)s: %(points)s points of %(members)s members of this store.",
                date=today,
                points=total,
                members=members,
            ),
            lambda label, points: Member.env._("%(member)s: %(points)s points", member=label, points=points),
        )
        return self.browse(sorted(line_id for ids, *_rest in rows for line_id in ids))
