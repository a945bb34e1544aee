import time

from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.tools.misc import hmac as odoo_hmac

from ..lib import proof as proof_lib
from .loyalty_card import syncing_cards

QR_SCOPE = "chain_pos_member.qr"
PAGE_SCOPE = "chain_pos_member.qr_page"


class ChainMember(models.Model):
    _inherit = "chain.member"
    _chain_guarded_fields = {
        # set once by the till's enrolment, the key of its idempotent (offline) sync
        "pos_enrol_uuid": ("_chain_pos_enroll",),
    }

    pos_enrol_uuid = fields.Char(string="Till Enrolment", readonly=True, copy=False, index="btree_not_null")
    loyalty_card_id = fields.Many2one(
        "loyalty.card", string="Loyalty Card", compute="_compute_loyalty_card_id", compute_sudo=True
    )

    _sql_constraints = [
        ("pos_enrol_uuid_uniq", "UNIQUE(company_id, pos_enrol_uuid)", "This enrolment was already synced."),
    ]

    def _compute_loyalty_card_id(self):
        cards = self.env["loyalty.card"].search(
            [("program_id.chain_member_points", "=", True), ("partner_id", "in", self.partner_id.ids)]
        )
        by_partner = {card.partner_id.id: card for card in cards}
        for member in self:
            member.loyalty_card_id = by_partner.get(member.partner_id.id, False)

    @api.model_create_multi
    def create(self, vals_list):
        members = super().create(vals_list)
        members._chain_sync_loyalty_cards()
        return members

    # ------------------------------------------------------------------
    # The loyalty card mirrors the ledger
    # ------------------------------------------------------------------
    def _chain_sync_loyalty_cards(self):
        """Give each member's card of the "Member points" program the ledger balance.

        Creates the card when missing; one query for the cards, one write per
        changed balance. Called whenever the ledger changes (new ledger rows) and
        when a member is created.
        """
        if not self:
            return
        # sudo: the cards mirror the ledger whoever changed it; no role writes them directly
        members = self.sudo().with_context(tracking_disable=True, action_no_send_mail=True)
        Card = members.env["loyalty.card"]
        Program = members.env["loyalty.program"]
        members.flush_recordset(["points_balance"])
        with syncing_cards():
            for company in members.company_id:
                program = Program._chain_member_program(company)
                of_company = members.filtered(lambda m, c=company: m.company_id == c)
                cards = Card.search([("program_id", "=", program.id), ("partner_id", "in", of_company.partner_id.ids)])
                by_partner = {card.partner_id.id: card for card in cards}
                missing = []
                for member in of_company:
                    card = by_partner.get(member.partner_id.id)
                    if not card:
                        partner, points = member.partner_id.id, member.points_balance
                        missing.append({"program_id": program.id, "partner_id": partner, "points": points})
                    elif card.points != member.points_balance:
                        card.points = member.points_balance
                if missing:
                    Card.create(missing)

    # ------------------------------------------------------------------
    # The dynamic QR code of the mini-program
    # ------------------------------------------------------------------
    def _chain_qr_key(self):
        # sudo: the key derives from the database secret, which only the superuser reads
        return odoo_hmac(self.env(su=True), QR_SCOPE, "key")

    def _chain_qr_token(self, timestamp=None):
        """The member's QR token for now (signed, valid ``lib.proof.QR_VALIDITY``)."""
        self.ensure_one()
        return proof_lib.make_qr(self._chain_qr_key(), self.id, timestamp or time.time())

    @api.model
    def _chain_member_from_qr(self, token):
        """The member a valid, fresh QR token was issued for (sudo, any store), else empty."""
        member_id = proof_lib.parse_qr(token, self._chain_qr_key(), time.time())
        if not member_id:
            return self.browse()
        # sudo: a member walks into any store; the caller decides what to show
        return self.sudo().browse(member_id).exists().filtered(lambda m: m.state == "active")

    def _chain_qr_page_key(self):
        """The secret the mini-program's server uses to fetch this member's QR code."""
        self.ensure_one()
        return odoo_hmac(self.env(su=True), PAGE_SCOPE, str(self.id))

    # ------------------------------------------------------------------
    # Enrolment at the till
    # ------------------------------------------------------------------
    @api.model
    def _chain_pos_enroll(self, vals, store):
        """Enroll a member at the till, idempotently; returns ``(member, created)``.

        ``vals``: ``uuid`` (the till's, the key of an offline enrolment synced
        later), ``name``, ``mobile``, optional ``baby_date`` (due or birth date,
        ``YYYY-MM-DD``) and ``baby_name``, and ``consent`` (must be true). The same
        uuid synced twice, or a mobile enrolled meanwhile in another store, gives
        the existing member (sudo record) and ``created`` False: no duplicate, no
        error. Invalid input raises a translated ``ValidationError``/``UserError``.
        """
        if not vals.get("consent"):
            raise UserError(_("The member must agree to the membership terms (consent) to be enrolled."))
        name = (vals.get("name") or "").strip()
        if not name:
            raise UserError(_("Enter the member's name."))
        mobile = self._chain_normalize_mobile(vals.get("mobile"))
        company = self.env.company
        client_uuid = (vals.get("uuid") or "").strip() or False
        # sudo: an enrolment synced from any store finds the member wherever it was enrolled
        Member = self.sudo().with_context(active_test=False)
        existing = Member.browse()
        if client_uuid:
            existing = Member.search([("pos_enrol_uuid", "=", client_uuid), ("company_id", "=", company.id)], limit=1)
        if not existing:
            existing = Member.search([("mobile", "=", mobile), ("company_id", "=", company.id)], limit=1)
        if existing:
            return existing, False
        baby_date = vals.get("baby_date") or False
        if baby_date:
            try:
                baby_date = fields.Date.to_date(baby_date)
            except ValueError:
                raise ValidationError(_("%s is not a date.", baby_date)) from None
        member = self.create(
            {
                "name": name,
                "mobile": mobile,
                "home_store_id": store.id,
                "join_store_id": store.id,
                "join_channel": "store",
                "pos_enrol_uuid": client_uuid,
                "company_id": company.id,
            }
        )
        member.action_record_consent()
        if baby_date:
            member._chain_pos_add_baby(vals.get("baby_name"), baby_date)
        # sudo: like an existing member found above, whatever store the caller's till is
        return member.sudo(), True

    def _chain_pos_add_baby(self, name, date):
        """The baby (or expected baby) given at enrolment, when baby profiles are installed."""
        self.ensure_one()
        if "chain.member.baby" not in self.env:
            return
        Baby = self.env["chain.member.baby"]
        today = fields.Date.context_today(self)
        vals = {"member_id": self.id, "name": name or _("Baby of %s", self.name)}
        date_field = "birth_date" if date <= today else "due_date"
        if date_field in Baby._fields:
            vals[date_field] = date
        # sudo: the cashier enrolls the member; the baby profile follows the member's store rules
        Baby.sudo().create(vals)

    # ------------------------------------------------------------------
    # Merge (chain_member's duplicate merge)
    # ------------------------------------------------------------------
    def _chain_merge_check(self, others):
        """Refuse merging members when both sides have an open redemption proof (a code sent, a token issued)."""
        parent = getattr(super(), "_chain_merge_check", None)
        result = parent(others) if parent else None
        Proof = self.env["chain.member.proof"].sudo()  # sudo: the proofs are the server's record
        sides = [self, others]
        if all(Proof._chain_open_proofs(side) for side in sides):
            raise UserError(
                _(
                    "Both members have a points redemption in progress at a till: finish or let them expire "
                    "(a few minutes) before merging."
                )
            )
        return result
