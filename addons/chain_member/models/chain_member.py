import contextlib

import psycopg2
from markupsafe import Markup

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import member as member_lib


class ChainMember(models.Model):
    """A member (会员): a contact of the chain with a mobile number, a home store and consent.

    The member is its own model, linked to its ``res.partner`` (the contact POS
    orders and invoices name), rather than a flag on the partner: Odoo lets every
    internal user read every contact, so the personal data that only the
    member's stores may see (the mobile number, consent, identities, points,
    tiers) lives here, under the store rules of ``home_store_id``; the partner
    holds the name only. Staff of another store find a member by exact mobile or
    member code through :meth:`chain_find_member`, which answers masked.
    """

    _name = "chain.member"
    _description = "Member"
    _inherit = ["mail.thread"]
    _order = "id desc"
    _rec_names_search = ["name", "code", "mobile"]
    _chain_store_field = "home_store_id"
    _chain_guarded_fields = {
        "code": ("_chain_assign_code",),
        "state": ("action_forget", "_chain_mark_merged"),
        "merged_into_id": ("_chain_mark_merged",),
        "tier_id": ("_chain_apply_tier_changes",),
        "points_balance": (),  # the sum of the ledger, never written
        "consent_date": ("action_record_consent", "action_forget"),
        "consent_user_id": ("action_record_consent", "action_forget"),
        "consent_store_id": ("action_record_consent", "action_forget"),
        "consent_withdrawn_date": ("action_record_consent", "action_withdraw_consent", "action_forget"),
    }

    partner_id = fields.Many2one("res.partner", string="Contact", required=True, ondelete="restrict", index=True)
    name = fields.Char(required=True, tracking=True, help="Kept on the contact too (the name POS orders show).")
    code = fields.Char(string="Member Code", readonly=True, copy=False, index=True)
    mobile = fields.Char(
        string="Mobile",
        copy=False,
        tracking=True,
        help="Mainland mobile number, stored as +86 and 11 digits: the member's business key.",
    )
    company_id = fields.Many2one("res.company", required=True, default=lambda self: self.env.company, index=True)
    active = fields.Boolean(default=True)
    state = fields.Selection(
        [("active", "Active"), ("forgotten", "Forgotten"), ("merged", "Merged")],
        default="active",
        required=True,
        readonly=True,
    )
    merged_into_id = fields.Many2one(
        "chain.member", string="Merged into", readonly=True, copy=False, index="btree_not_null"
    )
    home_store_id = fields.Many2one(
        "chain.store", string="Home Store", index=True, tracking=True, default=lambda self: self.env.user.chain_store_id
    )
    join_store_id = fields.Many2one(
        "chain.store", string="Joined at Store", default=lambda self: self.env.user.chain_store_id
    )
    join_channel = fields.Selection(
        [
            ("store", "Store"),
            ("wechat", "WeChat mini-program"),
            ("youzan", "Youzan"),
            ("taobao", "Taobao"),
            ("other", "Other"),
        ],
        string="Joined through",
        default="store",
        required=True,
    )
    join_date = fields.Date(string="Joined on", default=fields.Date.context_today, required=True)
    consent_date = fields.Datetime(string="Consent Given on", readonly=True, copy=False)
    consent_user_id = fields.Many2one("res.users", string="Consent Recorded by", readonly=True, copy=False)
    consent_store_id = fields.Many2one("chain.store", string="Consent Given at", readonly=True, copy=False)
    consent_withdrawn_date = fields.Datetime(string="Consent Withdrawn on", readonly=True, copy=False)
    consent = fields.Boolean(compute="_compute_consent", string="Marketing Consent")
    tier_id = fields.Many2one("chain.member.tier", string="Tier", readonly=True, copy=False, tracking=True)
    identity_ids = fields.One2many("chain.member.identity", "member_id", string="Identities")
    points_line_ids = fields.One2many("chain.member.points.line", "member_id", string="Points Ledger")
    points_balance = fields.Integer(string="Points", compute="_compute_points_balance", store=True)
    tier_history_ids = fields.One2many("chain.member.tier.history", "member_id", string="Tier History")
    guide_user_id = fields.Many2one(
        "res.users",
        string="Guide",
        index="btree_not_null",
        tracking=True,
        domain=[("share", "=", False)],
        help="The shopping guide (导购) who looks after the member and gets the member's follow-ups.",
    )
    baby_ids = fields.One2many("chain.member.baby", "member_id", string="Babies")
    followup_ids = fields.One2many("chain.member.followup", "member_id", string="Follow-ups")

    _sql_constraints = [
        ("mobile_company_uniq", "UNIQUE(company_id, mobile)", "This mobile number is already a member's."),
        ("code_company_uniq", "UNIQUE(company_id, code)", "This member code is already used."),
    ]

    @api.depends("consent_date", "consent_withdrawn_date")
    def _compute_consent(self):
        for member in self:
            member.consent = bool(member.consent_date) and not member.consent_withdrawn_date

    @api.depends("points_line_ids.points")
    def _compute_points_balance(self):
        groups = self.env["chain.member.points.line"]._read_group(
            [("member_id", "in", self.ids)], ["member_id"], ["points:sum"]
        )
        balances = {member.id: total for member, total in groups}
        for member in self:
            member.points_balance = balances.get(member.id, 0)

    @api.constrains("mobile", "state")
    def _check_mobile(self):
        for member in self:
            if member.state == "active" and not member.mobile:
                raise ValidationError(_("A member needs a mobile number."))

    # ------------------------------------------------------------------
    # Create, write, mobile numbers
    # ------------------------------------------------------------------
    @api.model
    def _chain_normalize_mobile(self, number):
        """``number`` in its canonical ``+86`` form; a translated ``ValidationError`` otherwise."""
        try:
            return member_lib.normalize_mobile(number)
        except member_lib.InvalidMobile as error:
            if error.reason == "foreign":
                raise ValidationError(
                    _("%s is not a mainland China mobile number: members need a +86 mobile.", number)
                ) from None
            raise ValidationError(
                _("%s is not a valid mobile number: enter the 11 digits, e.g. 138 1234 5678.", number or "")
            ) from None

    def _chain_check_mobile_free(self, mobile, company_id):
        # sudo: the number is unique in the company, whichever store's member holds it
        taken = self.sudo().search(
            [("mobile", "=", mobile), ("company_id", "=", company_id), ("id", "not in", self.ids)], limit=1
        )
        if taken:
            raise ValidationError(
                _("The mobile number %(mobile)s is already member %(code)s's.", mobile=mobile, code=taken.code)
            )

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("mobile"):
                vals["mobile"] = self._chain_normalize_mobile(vals["mobile"])
                self._chain_check_mobile_free(vals["mobile"], vals.get("company_id") or self.env.company.id)
            if not vals.get("partner_id") and vals.get("name"):
                # sudo: store staff enroll members but may not create contacts in general (partner
                # manager right); the contact gets the member's name only
                vals["partner_id"] = self.env["res.partner"].sudo().create(self._prepare_partner_vals(vals)).id
        members = super().create(vals_list)
        members._chain_assign_code()
        return members

    def write(self, vals):
        if vals.get("mobile"):
            vals = dict(vals, mobile=self._chain_normalize_mobile(vals["mobile"]))
            for member in self:
                member._chain_check_mobile_free(vals["mobile"], member.company_id.id)
        result = super().write(vals)
        if vals.get("name"):
            # sudo: the contact's name follows the member's, whoever may edit the member
            self.partner_id.sudo().write({"name": vals["name"]})
        return result

    @api.model
    def _prepare_partner_vals(self, vals):
        """The contact of a new member: its name only (the mobile stays on the member)."""
        return {"name": vals["name"], "company_id": vals.get("company_id") or self.env.company.id}

    def _chain_assign_code(self):
        for member in self.filtered(lambda m: not m.code):
            member.code = self.env["ir.sequence"].with_company(member.company_id).next_by_code("chain.member")

    # ------------------------------------------------------------------
    # Lookup from any store
    # ------------------------------------------------------------------
    @api.model
    def chain_find_member(self, query):
        """Members of the current companies whose mobile or member code is exactly ``query``.

        A member walks into any store, so the search covers every store; the
        answer is a list of dicts (``id``, ``code``, ``name``, ``mobile``,
        ``home_store``, ``tier``, ``points_balance``, ``full``). For a member the
        caller may read (a member of their stores), ``full`` is true and name and
        mobile are given in full; for the others they are masked
        (``王**``, ``138****5678``). A partial number finds nothing.
        """
        query = (query or "").strip()
        if not query:
            return []
        domain = [("code", "=", query)]
        with contextlib.suppress(member_lib.InvalidMobile):  # not a number: a member code only
            domain = ["|", ("mobile", "=", member_lib.normalize_mobile(query)), *domain]
        # sudo: a member walks into any store; only masked data of other stores' members leaves here
        members = self.sudo().search([*domain, ("company_id", "in", self.env.companies.ids)], limit=5)
        readable = self.search([("id", "in", members.ids)])
        return [member._chain_lookup_vals(full=member in readable) for member in members]

    def _chain_lookup_vals(self, full):
        self.ensure_one()
        return {
            "id": self.id,
            "code": self.code,
            "name": self.name if full else member_lib.mask_name(self.name),
            "mobile": self.mobile if full else member_lib.mask_mobile(self.mobile),
            "home_store": self.home_store_id.name or "",
            "tier": self.tier_id.name or "",
            "points_balance": self.points_balance,
            "full": full,
        }

    # ------------------------------------------------------------------
    # Consent and deletion (PIPL)
    # ------------------------------------------------------------------
    def action_record_consent(self):
        """Record the member's consent now, by the current user, at their current store."""
        self.check_access("write")
        self.write(
            {
                "consent_date": fields.Datetime.now(),
                "consent_user_id": self.env.user.id,
                "consent_store_id": self.env.user.chain_store_id.id,
                "consent_withdrawn_date": False,
            }
        )
        self._chain_phone_blacklist(add=False)
        for member in self:
            member.message_post(body=_("Consent recorded."))
        return True

    def action_withdraw_consent(self):
        """The member withdraws consent: no marketing from now on; the record of consent stays."""
        self.check_access("write")
        self.filtered("consent").write({"consent_withdrawn_date": fields.Datetime.now()})
        self._chain_phone_blacklist(add=True)
        for member in self:
            member.message_post(body=_("Consent withdrawn."))
        return True

    def action_forget(self):
        """Delete the member's personal data on request, keeping the sales figures.

        Store managers of the member's store (and above) only. The contact is
        renamed and emptied, the mobile number and identities removed, consent
        withdrawn; POS orders, points ledger and tier history stay, attached to
        the anonymous contact.
        """
        self.check_access("write")
        if not self.env.user.has_group("chain_store.group_chain_store_manager"):
            raise AccessError(_("Only a store manager can delete a member's personal data."))
        now = fields.Datetime.now()
        # the number stays on Odoo's phone blacklist only, so that no SMS marketing reaches it again
        self.filtered(lambda m: m.state == "active")._chain_phone_blacklist(add=True)
        for member in self.filtered(lambda m: m.state == "active"):
            member.identity_ids.unlink()
            # sudo: the contact may be shared with documents the manager cannot write; emptying it is the request
            member.partner_id.sudo().write(member._prepare_forget_partner_vals())
            member.write(
                {
                    "state": "forgotten",
                    "name": _("Anonymous member %s", member.code),
                    "mobile": False,
                    "active": False,
                    "consent_withdrawn_date": member.consent_withdrawn_date or now,
                }
            )
            member.message_post(body=_("Personal data deleted at the member's request."))
        return True

    def _chain_phone_blacklist(self, add):
        """Put the members' mobile numbers on Odoo's phone blacklist (``add``), or take them off.

        ``phone_validation``'s blacklist is what Odoo's SMS marketing skips: a
        member without consent is never texted. The numbers are E.164 already.
        """
        numbers = [number for number in self.mapped("mobile") if number]
        if not numbers:
            return
        # sudo: the blacklist is the company's; the staff recording a member's choice may not manage it
        blacklist = self.env["phone.blacklist"].sudo()
        if add:
            blacklist._add(numbers, message=_("The member withdrew consent to marketing."))
        else:
            blacklist._remove(numbers, message=_("The member gave consent to marketing."))

    def _prepare_forget_partner_vals(self):
        self.ensure_one()
        return {
            "name": _("Anonymous member %s", self.code),
            "email": False,
            "phone": False,
            "mobile": False,
            "street": False,
            "street2": False,
            "city": False,
            "zip": False,
            "vat": False,
            "comment": False,
            "image_1920": False,
        }

    # ------------------------------------------------------------------
    # Exports (PIPL) and merge
    # ------------------------------------------------------------------
    def _export_rows(self, fields, *, _is_toplevel_call=True):
        """Mobile numbers masked (``138****5678``) in the exports of store users.

        Store managers and chain managers export them in full (they answer for
        the store's data); a store user's export masks the ``mobile`` column,
        also when members are exported through another model (``member_id/mobile``).
        """
        rows = super()._export_rows(fields, _is_toplevel_call=_is_toplevel_call)
        if self.env.su or self.env.user.has_group("chain_store.group_chain_store_manager"):
            return rows
        columns = [index for index, path in enumerate(fields) if path == ["mobile"]]
        for row in rows:
            for index in columns:
                if row[index]:
                    row[index] = member_lib.mask_mobile(row[index])
        return rows

    def _chain_merge_check(self, others):
        """Refuse the merge of ``others`` into ``self`` with a translated ``UserError``; a hook.

        Called by the merge before anything is written. Addons extend it to
        refuse what they cannot merge (e.g. open redemptions on both members).
        """
        self.ensure_one()
        if not others:
            raise UserError(_("Choose the member to merge into %s.", self.code))
        if self in others:
            raise UserError(_("A member cannot be merged into itself."))
        for member in self | others:
            if member.state != "active":
                raise UserError(_("Member %s is not active: only active members are merged.", member.code))
            if member.company_id != self.company_id:
                raise UserError(_("Members of different companies cannot be merged."))

    def _chain_mark_merged(self, kept):
        """Make ``self`` the merged-away members of ``kept``: archived, mobile freed, pointing to ``kept``."""
        self.write({"state": "merged", "merged_into_id": kept.id, "active": False, "mobile": False})

    # ------------------------------------------------------------------
    # Points
    # ------------------------------------------------------------------
    def _chain_lock(self, nowait=True):
        """Lock the members' rows until the end of the transaction (two tills, one balance).

        With ``nowait`` a member locked by another transaction is refused at
        once with a ``UserError``; the other transaction's change, once
        committed, makes this one's snapshot stale and PostgreSQL refuses it
        too (a serialization failure, retried by Odoo): points are never spent twice.
        """
        if not self:
            return
        query = SQL(
            "SELECT id FROM chain_member WHERE id IN %s FOR UPDATE%s",
            tuple(self.ids),
            SQL(" NOWAIT") if nowait else SQL(""),
        )
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(query)
        except psycopg2.errors.LockNotAvailable:
            raise UserError(
                _("Another till is using this member's points at this moment: try again in a moment.")
            ) from None
        self.env["chain.member.points.line"].invalidate_model(["remaining"])
        self.invalidate_recordset(["points_balance"])

    def action_redeem_points(self, points, reference=""):
        """Spend ``points`` of the member, taken from the award rows that expire first.

        For the members the caller may read (their stores); redeeming for a
        member of another store needs the member's proof of presence at the till
        (``chain_pos_member``). Refused when the balance is short.
        """
        self.ensure_one()
        self.check_access("read")
        if points <= 0:
            raise UserError(_("Redeem a positive number of points."))
        # sudo: the ledger is written only by these methods, no role writes it directly
        return self.sudo()._chain_consume_points(points, "redeem", reason=reference).id

    def action_adjust_points(self, points, reason):
        """Add (positive) or remove (negative) points by hand: store managers and above, with a reason."""
        self.ensure_one()
        if not self.env.user.has_group("chain_store.group_chain_store_manager"):
            raise AccessError(_("Only a store manager can adjust a member's points."))
        self.check_access("write")
        if not (reason or "").strip():
            raise UserError(_("Give the reason of the points adjustment."))
        if not points:
            raise UserError(_("Adjust by a number of points other than zero."))
        # sudo: the ledger is written only by these methods, no role writes it directly
        member = self.sudo()
        if points > 0:
            line = member._chain_award_points(points, "adjust", reason=reason)
        else:
            line = member._chain_consume_points(-points, "adjust", reason=reason)
        self.message_post(body=_("Points adjusted by %(points)s: %(reason)s", points=points, reason=reason))
        return line.id

    def _chain_award_points(self, points, kind, reason=False, pos_order=None, multiplier=1.0, date=None):
        """A ledger row adding ``points`` (> 0), expiring by the company's rule.

        When the balance is negative (a refund of spent points), the award pays
        that debt first: its remaining points are what is left after it, so the
        sum of the remaining points always equals the positive balance.
        """
        self.ensure_one()
        self._chain_lock(nowait=False)
        date = date or fields.Date.context_today(self)
        company = self.company_id
        debt = max(-self.points_balance, 0)
        return self.env["chain.member.points.line"].create(
            {
                "member_id": self.id,
                "kind": kind,
                "date": date,
                "points": points,
                "remaining": max(points - debt, 0),
                "multiplier": multiplier,
                "expiry_date": member_lib.points_expiry(
                    date, company.chain_member_points_validity, company.chain_member_points_months
                ),
                "pos_order_id": pos_order.id if pos_order else False,
                "reason": reason,
            }
        )

    def _chain_consume_points(self, points, kind, reason=False, pos_order=None, first=None, allow_negative=False):
        """A ledger row removing ``points`` (> 0), taken first in first out.

        The award rows with points left are consumed in expiry order (``first``,
        an award row, before them all: a refund takes back its own order's
        points first). A shortfall is refused unless ``allow_negative``.
        """
        self.ensure_one()
        self._chain_lock()
        Line = self.env["chain.member.points.line"]
        rows = Line.search([("member_id", "=", self.id), ("remaining", ">", 0)], order="expiry_date, date, id")
        if first:
            rows = first.filtered("remaining") | (rows - first)
        takes, shortfall = member_lib.fifo_take([(row, row.remaining) for row in rows], points)
        if shortfall and not allow_negative:
            raise UserError(
                _(
                    "Member %(code)s has %(balance)s points, not %(points)s.",
                    code=self.code,
                    balance=self.points_balance,
                    points=points,
                )
            )
        for row, take in takes:
            row.remaining -= take
        return Line.create(
            {
                "member_id": self.id,
                "kind": kind,
                "date": fields.Date.context_today(self),
                "points": -points,
                "pos_order_id": pos_order.id if pos_order else False,
                "source_line_id": first.id if first else False,
                "reason": reason,
            }
        )

    def _chain_points_factors(self, products):
        """``{product id: points factor}`` of ``products`` (their category's factor; a hook for overrides)."""
        return {product.id: product.categ_id.chain_member_points_factor for product in products}

    def _chain_weighted_lines(self, lines):
        """``lines`` (``[(product.product, amount incl. tax), ...]``) as ``[(amount, factor), ...]``."""
        products = self.env["product.product"].union(*(product for product, _amount in lines))
        # sudo: the factor is configuration every till applies, whoever the cashier is
        factors = self.sudo()._chain_points_factors(products.sudo())
        return [(amount, factors.get(product.id, 1.0)) for product, amount in lines]

    def _chain_points_for(self, lines):
        """The points this member earns for a purchase of ``lines``: a public hook of the channels.

        ``lines`` is a list of ``(product.product record, amount incl. tax)``
        (a line without product: an empty recordset, factor 1). Returns
        ``floor(sum(amount * factor) * company rate * tier multiplier)`` as an
        int, never below 0 (``lib.member.points_earned``); the factor is the
        product category's ``chain_member_points_factor``.
        """
        self.ensure_one()
        multiplier = self.tier_id.points_multiplier if self.tier_id else 1.0
        return member_lib.points_earned(
            self._chain_weighted_lines(lines), self.company_id.chain_member_points_rate, multiplier
        )

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------
    @api.model
    def _chain_spend_sql(self, company, start_date):
        """The purchases that count for the tiers: an ``SQL`` yielding rows ``(member_id, amount)``.

        The paid POS orders of ``company``'s members from ``start_date`` on,
        refunds included (negative amounts). A hook: addons add their sales with
        ``SQL("%s UNION ALL %s", super()._chain_spend_sql(company, start_date), theirs)``;
        the columns are ``member_id`` and ``amount``, in this order.
        """
        return SQL(
            """
            SELECT spend_member.id AS member_id, pos_order.amount_total AS amount
              FROM pos_order
              JOIN res_partner spend_partner ON spend_partner.id = pos_order.partner_id
              JOIN chain_member spend_member
                ON spend_member.partner_id = spend_partner.commercial_partner_id
               AND spend_member.company_id = pos_order.company_id
             WHERE pos_order.company_id = %s
               AND pos_order.state IN ('paid', 'done', 'invoiced')
               AND pos_order.date_order >= %s
            """,
            company.id,
            fields.Datetime.to_datetime(start_date),
        )

    @api.model
    def _chain_tier_measure_sql(self, company, start_date):
        """What the tiers of ``company`` measure from ``start_date`` on: an ``SQL`` yielding ``(member_id, amount)``.

        The company's *Tiers Measure*: the spend (``_chain_spend_sql``, POS and
        channel orders minus refunds) or the growth points (成长值: the points
        earned on purchases, minus those refunds took back, from the ledger;
        redemptions, expiry and adjustments by hand do not count).
        """
        if company.chain_member_tier_basis == "points":
            return SQL(
                """
                SELECT growth.member_id, growth.points AS amount
                  FROM chain_member_points_line growth
                 WHERE growth.company_id = %s AND growth.kind IN ('award', 'reversal') AND growth.date >= %s
                """,
                company.id,
                start_date,
            )
        return self._chain_spend_sql(company, start_date)

    @api.model
    def _chain_rolling_spend(self, members, today):
        """``{member id: amount}`` of the last 12 months (``_chain_tier_measure_sql``), one query per company."""
        start = member_lib.add_months(today, -12)
        spend = {}
        for company in members.company_id:
            ids = tuple(members.filtered(lambda m, c=company: m.company_id == c).ids)
            self.env.cr.execute(
                SQL(
                    "SELECT spend.member_id, SUM(spend.amount) FROM (%s) AS spend "
                    "WHERE spend.member_id IN %s GROUP BY spend.member_id",
                    self._chain_tier_measure_sql(company, start),
                    ids,
                )
            )
            spend.update({member_id: float(amount or 0.0) for member_id, amount in self.env.cr.fetchall()})
        return spend

    @api.model
    def _chain_tier_table(self, tiers):
        """``tiers`` as ``lib.member.target_tier`` reads them: ``[(id, threshold, keep), ...]``, lowest first."""
        ordered = tiers.sorted(lambda t: (t.threshold, t.sequence, t.id))
        return [(tier.id, tier.threshold, tier.keep_threshold) for tier in ordered]

    @api.model
    def _chain_tier_review_sql(self, company, tiers, today):
        """The tier changes of ``company``'s active members: rows ``(member_id, old, new, spend)``.

        ``lib.member.target_tier`` in one statement over every member, on the
        rolling measure of ``_chain_tier_measure_sql``; only the members whose tier
        changes come back.
        """
        table = self._chain_tier_table(tiers)
        if table:
            values = SQL(", ").join(
                SQL("(%s, %s, %s::numeric, %s::numeric)", rank, tier_id, threshold, keep)
                for rank, (tier_id, threshold, keep) in enumerate(table)
            )
            tier_values = SQL("SELECT * FROM (VALUES %s) AS t(rank, tier_id, threshold, keep_threshold)", values)
        else:
            tier_values = SQL(
                "SELECT NULL::int AS rank, NULL::int AS tier_id, NULL::numeric AS threshold, "
                "NULL::numeric AS keep_threshold WHERE FALSE"
            )
        return SQL(
            """
            WITH tier AS (%(tiers)s),
            spend AS (
                SELECT spend_rows.member_id, SUM(spend_rows.amount) AS amount
                  FROM (%(spend)s) AS spend_rows
                 GROUP BY spend_rows.member_id
            ),
            review AS (
                SELECT member.id, member.tier_id AS old_tier_id, COALESCE(spend.amount, 0) AS amount,
                       current_tier.rank AS current_rank, current_tier.keep_threshold AS current_keep,
                       earned.tier_id AS earned_id, earned.rank AS earned_rank
                  FROM chain_member member
                  LEFT JOIN spend ON spend.member_id = member.id
                  LEFT JOIN tier current_tier ON current_tier.tier_id = member.tier_id
                  LEFT JOIN LATERAL (
                        SELECT tier.tier_id, tier.rank FROM tier
                         WHERE COALESCE(spend.amount, 0) >= tier.threshold
                         ORDER BY tier.rank DESC LIMIT 1
                  ) earned ON TRUE
                 WHERE member.company_id = %(company)s AND member.state = 'active' AND member.active
            )
            SELECT id, old_tier_id, new_tier_id, amount FROM (
                SELECT id, old_tier_id, amount,
                       CASE WHEN current_rank IS NULL OR earned_rank >= current_rank THEN earned_id
                            WHEN amount >= current_keep THEN old_tier_id
                            ELSE earned_id END AS new_tier_id
                  FROM review
            ) AS target
             WHERE new_tier_id IS DISTINCT FROM old_tier_id
             ORDER BY id
            """,
            tiers=tier_values,
            spend=self._chain_tier_measure_sql(company, member_lib.add_months(today, -12)),
            company=company.id,
        )

    @api.model
    def _cron_recompute_tiers(self):
        """The nightly tier review of every active member, set-based (see ``lib.member.target_tier``).

        Per company: one statement computes the target tier of every member
        from the rolling 12-month spend (``_chain_tier_review_sql``); only the
        changes come back, and are written in bulk (``_chain_apply_tier_changes``).
        """
        today = fields.Date.context_today(self)
        for [company] in self._read_group([("state", "=", "active")], ["company_id"]):
            tiers = self.env["chain.member.tier"].search([("company_id", "=", company.id)])
            # the spend is read in SQL from orders (and other addons' sales) the ORM may not have written yet
            self.env.flush_all()
            self.env.cr.execute(self._chain_tier_review_sql(company, tiers, today))
            self._chain_apply_tier_changes(self.env.cr.fetchall(), today)

    def _chain_set_tiers(self, tiers, today):
        """Give each member of ``self`` its tier for the rolling spend, member by member.

        The per-member form of the nightly review (the job itself is set-based):
        used for a few members (after a merge) and as the reference the job is
        tested against. Returns the tier history rows written.
        """
        spend = self._chain_rolling_spend(self, today)
        table = self._chain_tier_table(tiers)
        changes = []
        for member in self:
            amount = spend.get(member.id, 0.0)
            new = member_lib.target_tier(amount, member.tier_id.id or None, table) or False
            if new != (member.tier_id.id or False):
                changes.append((member.id, member.tier_id.id or False, new, amount))
        return self._chain_apply_tier_changes(changes, today)

    @api.model
    def _chain_apply_tier_changes(self, changes, today, note=False):
        """Write tier ``changes`` (``[(member id, old tier id, new tier id, spend), ...]``) in bulk.

        One write per new tier, the tier's pricelist given to the members'
        contacts, one history row per change, one note per changed member (no
        query per member). Returns the history rows.
        """
        if not changes:
            return self.env["chain.member.tier.history"]
        # sudo: the tier changes only through the review and the purchase upgrade, no role writes it
        members = self.sudo().with_context(tracking_disable=True)
        by_tier = {}
        for member_id, _old, new, _amount in changes:
            by_tier.setdefault(new or False, []).append(member_id)
        # sudo: as for the members above: the change is applied whoever (a till, the job) caused it
        Tier = self.env["chain.member.tier"].sudo()
        old_pricelists = {member_id: Tier.browse(old).pricelist_id if old else False for member_id, old, *_x in changes}
        for tier_id, member_ids in by_tier.items():
            changed = members.browse(member_ids)
            changed.write({"tier_id": tier_id})
            pricelist = Tier.browse(tier_id or ()).pricelist_id
            affected = changed.filtered(lambda m, p=pricelist: p or old_pricelists[m.id])
            for company in affected.company_id:
                # the stored company property itself: none gives the contact the default pricelist back
                # (property_product_pricelist's inverse keeps the old one when given none)
                affected.filtered(lambda m, c=company: m.company_id == c).partner_id.with_company(company).write(
                    {"specific_property_product_pricelist": pricelist.id}
                )
        tiers = {tier.id: tier for tier in Tier.browse(list({t for change in changes for t in change[1:3] if t}))}
        no_tier = _("no tier")
        bodies = {
            member_id: self.env._(
                "Tier changed from %(old)s to %(new)s (last 12 months: %(spend)s).",
                old=tiers[old].name if old else no_tier,
                new=tiers[new].name if new else no_tier,
                spend=format(amount, ",.2f"),  # no f-string: Babel's extractor fails on one in _() arguments
            )
            + (f" {note}" if note else "")
            for member_id, old, new, amount in changes
        }
        members.browse(list(bodies))._message_log_batch(bodies)
        self._chain_tell_stores_of_tiers(changes, tiers, note)
        # sudo: the history is written only here, no role writes it
        History = self.env["chain.member.tier.history"].sudo()
        return History.create(
            [
                {
                    "member_id": member_id,
                    "date": today,
                    "old_tier_id": old or False,
                    "new_tier_id": new or False,
                    "spend": amount,
                    "note": note,
                }
                for member_id, old, new, amount in changes
            ]
        )

    def _chain_upgrade_for_purchase(self, note):
        """Lift the member at once to the higher tier a purchase just reached (upgrades only).

        Called after a paid purchase (POS orders here; channel orders by their
        glue): the rolling spend now, ``lib.member.tier_upgrade``; ``note``
        (e.g. the order's reference) goes on the history row and the message.
        Returns the history row (empty when no upgrade).
        """
        self.ensure_one()
        today = fields.Date.context_today(self)
        # sudo: the tiers of the member's company, whoever sells to the member
        tiers = self.env["chain.member.tier"].sudo().search([("company_id", "=", self.company_id.id)])
        # the measure is read in SQL: the order (and the points it just earned) written first
        self.env.flush_all()
        spend = self._chain_rolling_spend(self, today).get(self.id, 0.0)
        new = member_lib.tier_upgrade(spend, self.tier_id.id or None, self._chain_tier_table(tiers))
        if not new:
            return self.env["chain.member.tier.history"]
        return self._chain_apply_tier_changes([(self.id, self.tier_id.id or False, new, spend)], today, note=note)

    @api.model
    def _chain_tell_stores_of_tiers(self, changes, tiers, note=False):
        """One message to each home store of the members of ``changes``: who moved from which tier to which."""
        # sudo: the member's store is told, whoever's action changed the tier
        members = self.sudo().browse([change[0] for change in changes])
        members.fetch(["home_store_id", "code", "name"])
        no_tier = self.env._("no tier")
        rows = [
            (
                member.home_store_id.id or None,
                self.env._(
                    "%(member)s: %(old)s → %(new)s",
                    member="%s %s" % (member.code, member.name),
                    old=tiers[old].name if old else no_tier,
                    new=tiers[new].name if new else no_tier,
                ),
                amount,
            )
            for member, (_id, old, new, amount) in zip(members, changes, strict=True)
        ]
        self._chain_tell_stores(
            member_lib.store_digest(rows),
            lambda count, _total: (
                self.env._("Member tier changes (%(note)s): %(count)s members of this store.", note=note, count=count)
                if note
                else self.env._("Member tier review: %(count)s members of this store changed tier.", count=count)
            ),
            lambda label, _spend: label,
        )

    @api.model
    def _chain_tell_stores(self, digest, summary, line):
        """Post one message on each store of ``digest`` (``lib.member.store_digest``): a nightly job's news.

        ``summary(members, total)`` gives the message's first line, ``line(label,
        amount)`` each listed member's; the members past the list are counted.
        One ``message_post`` per store (the store's followers are notified), no
        query per member.
        """
        if not digest:
            return
        # sudo: the job (or the till) tells the store, whether or not the user may write on it
        stores = self.env["chain.store"].sudo().browse(list(digest))
        for store in stores:
            members, total, top = digest[store.id]
            items = Markup().join(Markup("<li>%s</li>") % line(label, amount) for label, amount in top)
            body = Markup("<p>%s</p><ul>%s</ul>") % (summary(members, total), items)
            if members > len(top):
                body += Markup("<p>%s</p>") % self.env._("... and %s more.", members - len(top))
            store.message_post(body=body, subtype_xmlid="mail.mt_comment")
