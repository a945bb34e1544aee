from odoo import _, api, fields, models


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
        """Expire what is left of every award whose expiry date has passed; tell the member's store.

        One ``expire`` row per award, taking all its remaining points; a message
        on each member (followed by the member's store staff) gives the total.
        """
        today = today or fields.Date.context_today(self)
        awards = self.search([("remaining", ">", 0), ("expiry_date", "<", today)], order="member_id, expiry_date, id")
        awards.member_id._chain_lock(nowait=False)
        awards = awards.filtered(lambda a: a.remaining > 0 and a.expiry_date < today)
        vals_list = [
            {
                "member_id": award.member_id.id,
                "kind": "expire",
                "date": today,
                "points": -award.remaining,
                "source_line_id": award.id,
            }
            for award in awards
        ]
        expired = self.create(vals_list)
        awards.write({"remaining": 0})
        for member in awards.member_id:
            total = -sum(expired.filtered(lambda line, member=member: line.member_id == member).mapped("points"))
            member.message_post(body=_("%s points expired.", total))
        return expired
