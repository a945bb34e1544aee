import contextlib

import psycopg2

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
        "state": ("action_forget",),
        "tier_id": ("_chain_set_tiers",),
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
        [("active", "Active"), ("forgotten", "Forgotten")], default="active", required=True, readonly=True
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
        for member in self:
            member.message_post(body=_("Consent recorded."))
        return True

    def action_withdraw_consent(self):
        """The member withdraws consent: no marketing from now on; the record of consent stays."""
        self.check_access("write")
        self.filtered("consent").write({"consent_withdrawn_date": fields.Datetime.now()})
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

    # ------------------------------------------------------------------
    # Tiers
    # ------------------------------------------------------------------
    @api.model
    def _chain_rolling_spend(self, members, today):
        """``{member id: spend}``: paid POS orders of the last 12 months minus refunds, one query."""
        start = member_lib.add_months(today, -12)
        partner_member = {member.partner_id.id: member.id for member in members}
        groups = self.env["pos.order"]._read_group(
            [
                ("partner_id", "in", list(partner_member)),
                ("state", "in", ("paid", "done", "invoiced")),
                ("date_order", ">=", fields.Datetime.to_datetime(start)),
            ],
            ["partner_id"],
            ["amount_total:sum"],
        )
        return {partner_member[partner.id]: total for partner, total in groups}

    @api.model
    def _cron_recompute_tiers(self):
        """The nightly tier review of every active member (see ``lib.member.target_tier``)."""
        today = fields.Date.context_today(self)
        for [company] in self._read_group([("state", "=", "active")], ["company_id"]):
            members = self.search([("company_id", "=", company.id), ("state", "=", "active")])
            tiers = self.env["chain.member.tier"].search([("company_id", "=", company.id)])
            members._chain_set_tiers(tiers, today)

    def _chain_set_tiers(self, tiers, today):
        """Give each member its tier for the rolling spend; a history row per change."""
        spend = self._chain_rolling_spend(self, today)
        ordered = tiers.sorted(lambda t: (t.threshold, t.sequence, t.id))
        table = [(tier.id, tier.threshold, tier.keep_threshold) for tier in ordered]
        changes = {}
        history = []
        for member in self:
            new = member_lib.target_tier(spend.get(member.id, 0.0), member.tier_id.id or None, table) or False
            if new != (member.tier_id.id or False):
                changes.setdefault(new, self.browse())
                changes[new] |= member
                history.append(
                    {
                        "member_id": member.id,
                        "date": today,
                        "old_tier_id": member.tier_id.id,
                        "new_tier_id": new,
                        "spend": spend.get(member.id, 0.0),
                    }
                )
        for tier_id, members in changes.items():
            members.write({"tier_id": tier_id})
        # sudo: the history is written only here, no role writes it
        return self.env["chain.member.tier.history"].sudo().create(history)
