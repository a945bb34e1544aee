import hmac
import logging
from datetime import timedelta

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, format_datetime
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import proof as proof_lib

_logger = logging.getLogger(__name__)

TOKEN_SCOPE = "chain_pos_member.redeem"
PEPPER_SCOPE = "chain_pos_member.code"
SESSION_SENDS_PER_HOUR = 30  # codes one till may send in an hour, all members together
KEEP_DAYS = 90


class ChainMemberProof(models.Model):
    """A proof that the member is at the till, as the server judged it.

    ``sms``: a one-time code sent to the member's mobile (its PBKDF2 hash only is
    kept), valid 5 minutes, a few tries; ``qr``: the member's dynamic QR code,
    scanned once; ``wrong_code``: a wrong code typed at a till (the lockout
    counts them). A verified proof is bound to the points it allows and gives
    the till a signed token (``<id>.<HMAC of proof, member, points, session>``)
    that the server uses up when the order is paid. Only the server writes these
    rows (as superuser, in the methods below); chain managers read them.
    """

    _name = "chain.member.proof"
    _description = "Member Presence Proof"
    _order = "id desc"

    member_id = fields.Many2one("chain.member", required=True, index=True, ondelete="cascade", readonly=True)
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    kind = fields.Selection(
        [("sms", "One-time code"), ("qr", "QR code"), ("wrong_code", "Wrong code typed")],
        required=True,
        readonly=True,
    )
    session_id = fields.Many2one("pos.session", string="Session", index=True, ondelete="cascade", readonly=True)
    user_id = fields.Many2one("res.users", string="Cashier", readonly=True, ondelete="set null")
    code_salt = fields.Char(readonly=True, groups="base.group_system")
    code_hash = fields.Char(readonly=True, groups="base.group_system")
    qr_signature = fields.Char(readonly=True, groups="base.group_system")
    expires_at = fields.Datetime(readonly=True)
    attempts = fields.Integer(readonly=True, help="Wrong codes typed for this challenge.")
    verified_at = fields.Datetime(readonly=True)
    points = fields.Integer(readonly=True, help="The points this proof allows to redeem.")
    used_order_id = fields.Many2one("pos.order", string="Used by Order", readonly=True, ondelete="set null")

    _chain_guarded_fields = dict.fromkeys(
        (
            "member_id",
            "kind",
            "session_id",
            "user_id",
            "code_salt",
            "code_hash",
            "qr_signature",
            "expires_at",
            "attempts",
            "verified_at",
            "points",
            "used_order_id",
        ),
        (),  # written by the server only, as superuser
    )

    _sql_constraints = [
        ("qr_signature_uniq", "UNIQUE(qr_signature)", "This QR code was already scanned."),
    ]

    # ------------------------------------------------------------------
    # Helpers
    # ------------------------------------------------------------------
    def _chain_pepper(self):
        return odoo_hmac(self.env(su=True), PEPPER_SCOPE, "pepper")

    def _chain_lock_member(self, member):
        """Serialise the proofs of ``member`` (parallel tries from several tills count)."""
        self.env.cr.execute(SQL("SELECT pg_advisory_xact_lock(hashtext(%s))", f"chain_pos_member:{member.id}"))

    def _chain_locked_until(self, member, now):
        since = now - proof_lib.LOCK_WINDOW - proof_lib.LOCK_DURATION
        # sudo: the cashier asking cannot read proofs
        failures = (
            self.sudo()
            .search([("member_id", "=", member.id), ("kind", "=", "wrong_code"), ("create_date", ">=", since)])
            .mapped("create_date")
        )
        return proof_lib.locked_until(failures, now)

    def _chain_locked_message(self, until):
        return _(
            "Too many wrong codes: this member's codes are locked until %s. Use the member's QR code, or redeem later.",
            format_datetime(self.env, until, dt_format="HH:mm"),
        )

    def _chain_token(self):
        self.ensure_one()
        message = proof_lib.token_message(self.id, self.member_id.id, self.points, self.session_id.id)
        return f"{self.id}.{odoo_hmac(self.env(su=True), TOKEN_SCOPE, message)}"

    def _chain_grant(self, points):
        """Bind this proof to ``points`` and return what the till gets (the token, the discount)."""
        self.ensure_one()
        self.write({"verified_at": fields.Datetime.now(), "points": points})
        company = self.member_id.company_id
        return {
            "token": self._chain_token(),
            "member_id": self.member_id.id,
            "points": points,
            "amount": proof_lib.points_value(points, company.chain_pos_points_per_unit),
        }

    @api.model
    def _chain_check_points(self, member, points):
        """``None`` if ``member`` may redeem ``points`` now, else the message why not."""
        if not isinstance(points, int) or isinstance(points, bool) or points <= 0:
            return _("Redeem a positive number of points.")
        per_unit = member.company_id.chain_pos_points_per_unit
        if per_unit <= 0:
            return _("Points redemption is not configured for this company (points per currency unit).")
        if points > member.points_balance:
            return _("Member %(code)s has %(balance)s points.", code=member.code, balance=member.points_balance)
        return None

    # ------------------------------------------------------------------
    # One-time code by SMS
    # ------------------------------------------------------------------
    @api.model
    def _chain_send_code(self, member, session):
        """Send a one-time code to ``member``'s mobile; ``{"challenge_id", "mobile"}`` or ``{"error"}``."""
        # sudo: proofs are the server's record; the cashier has no access to them
        Proof = self.sudo()
        self._chain_lock_member(member)
        now = self.env.cr.now()
        until = self._chain_locked_until(member, now)
        if until:
            return {"error": self._chain_locked_message(until)}
        if not member.mobile:
            return {"error": _("This member has no mobile number.")}
        sends = Proof.search(
            [("member_id", "=", member.id), ("kind", "=", "sms"), ("create_date", ">=", now - timedelta(hours=1))]
        ).mapped("create_date")
        wait = proof_lib.next_send_allowed(sends, now)
        if wait:
            return {
                "error": _(
                    "A code was sent to this member a moment ago: wait until %s before sending another.",
                    format_datetime(self.env, wait, dt_format="HH:mm:ss"),
                )
            }
        if (
            Proof.search_count(
                [("session_id", "=", session.id), ("kind", "=", "sms"), ("create_date", ">=", now - timedelta(hours=1))]
            )
            >= SESSION_SENDS_PER_HOUR
        ):
            return {"error": _("This till has sent too many codes in the last hour: try again later.")}
        code = proof_lib.generate_code()
        salt = proof_lib.new_salt()
        challenge = Proof.create(
            {
                "member_id": member.id,
                "kind": "sms",
                "session_id": session.id,
                "user_id": self.env.uid,
                "code_salt": salt,
                "code_hash": proof_lib.hash_code(code, salt, self._chain_pepper()),
                "expires_at": now + proof_lib.CODE_VALIDITY,
            }
        )
        if not self._chain_send_sms(member, code):
            challenge.expires_at = now
            return {"error": _("The code could not be sent (SMS service unavailable): use the member's QR code.")}
        return {"challenge_id": challenge.id, "mobile": member_lib.mask_mobile(member.mobile)}

    @api.model
    def _chain_sms_body(self, member, code):
        return _(
            "%(code)s is your member code at %(company)s, valid 5 minutes. Give it only to the cashier "
            "to spend your points.",
            code=code,
            company=member.company_id.name,
        )

    @api.model
    def _chain_send_sms(self, member, code):
        """Send the code through Odoo's SMS layer now; True when the gateway accepted it.

        The ``sms.sms`` row carries the code in its body: it is deleted in the
        same transaction once sent, so the code never rests in the database, and
        nothing here logs it.
        """
        # sudo: the cashier sends an SMS to the member, not as a marketing user
        sms = self.env["sms.sms"].sudo().create({"number": member.mobile, "body": self._chain_sms_body(member, code)})
        sms._send(unlink_failed=False, unlink_sent=False, raise_exception=False)
        sent = sms.state in ("sent", "pending")
        sms.unlink()
        if not sent:
            _logger.warning("chain.member.proof: the one-time code SMS to member %s failed", member.id)
        return sent

    @api.model
    def _chain_verify_code(self, challenge_id, code, points, session):
        """Check the code typed for ``challenge_id`` at ``session``: a grant (see ``_chain_grant``) or ``{"error"}``."""
        Proof = self.sudo()  # sudo: see _chain_send_code
        challenge = Proof.browse(challenge_id).exists() if isinstance(challenge_id, int) else Proof
        if not challenge or challenge.kind != "sms" or challenge.session_id != session:
            return {"error": _("No code was sent for this member from this till: send a code first.")}
        member = challenge.member_id
        self._chain_lock_member(member)
        challenge.invalidate_recordset()
        now = self.env.cr.now()
        until = self._chain_locked_until(member, now)
        if until:
            return {"error": self._chain_locked_message(until)}
        if challenge.verified_at or challenge.expires_at <= now or challenge.attempts >= proof_lib.CODE_ATTEMPTS:
            return {"error": _("This code has expired or was already used: send a new code.")}
        if not proof_lib.check_code(code if isinstance(code, str) else "", challenge.code_salt, self._chain_pepper(),
                                    challenge.code_hash):  # fmt: skip
            challenge.attempts += 1
            Proof.create(
                {"member_id": member.id, "kind": "wrong_code", "session_id": session.id, "user_id": self.env.uid}
            )
            until = self._chain_locked_until(member, now)
            if until:
                return {"error": self._chain_locked_message(until)}
            left = proof_lib.CODE_ATTEMPTS - challenge.attempts
            if left <= 0:
                return {"error": _("Wrong code. This code is now closed: send a new code.")}
            return {"error": _("Wrong code: %s tries left.", left)}
        error = self._chain_check_points(member, points)
        if error:
            return {"error": error}
        return challenge._chain_grant(points)

    # ------------------------------------------------------------------
    # The member's QR code
    # ------------------------------------------------------------------
    @api.model
    def _chain_verify_qr(self, qr_token, points, session):
        """Accept the member's QR code scanned at ``session`` as proof for ``points``, once."""
        member = self.env["chain.member"]._chain_member_from_qr(qr_token)
        if not member:
            return {"error": _("This QR code is not valid or has expired: ask the member to refresh it.")}
        error = self._chain_check_points(member, points)
        if error:
            return {"error": error}
        signature = qr_token.strip().rsplit(".", 1)[-1]
        Proof = self.sudo()  # sudo: see _chain_send_code
        if Proof.search_count([("qr_signature", "=", signature)]):
            return {"error": _("This QR code was already used: ask the member to refresh it.")}
        proof = Proof.create(
            {
                "member_id": member.id,
                "kind": "qr",
                "session_id": session.id,
                "user_id": self.env.uid,
                "qr_signature": signature,
                "expires_at": fields.Datetime.now() + proof_lib.TOKEN_VALIDITY,
            }
        )
        return proof._chain_grant(points)

    # ------------------------------------------------------------------
    # The token, used up when the order is paid
    # ------------------------------------------------------------------
    @api.model
    def _chain_use_token(self, token, member, points, session, order):
        """Spend ``points`` of ``member`` for ``order`` with the redemption ``token`` of ``session``.

        Refused (``UserError``) unless the token was issued by this server for
        exactly this member, these points and this session, is unused and not
        expired. The proof row is locked (``FOR UPDATE NOWAIT``) and the points
        consumed first in first out under the member's lock: two tills, or one
        token replayed, never spend the same points twice. Returns the ledger row.
        """
        parsed = proof_lib.parse_token(token)
        Proof = self.sudo()  # sudo: see _chain_send_code
        proof = Proof.browse(parsed[0]).exists() if parsed else Proof
        refused = _("This points redemption has no valid proof of the member's presence: redeem again at the till.")
        if not proof or not proof.verified_at:
            raise UserError(refused)
        expected = proof_lib.token_message(proof.id, member.id, points, session.id)
        if not hmac.compare_digest(odoo_hmac(self.env(su=True), TOKEN_SCOPE, expected), parsed[1]):
            raise UserError(refused)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SELECT id FROM chain_member_proof WHERE id = %s FOR UPDATE NOWAIT", proof.id))
        except psycopg2.errors.LockNotAvailable:
            raise UserError(_("This points redemption is being used by another till.")) from None
        proof.invalidate_recordset()
        if proof.used_order_id:
            if proof.used_order_id == order:
                return self.env["chain.member.points.line"]
            raise UserError(_("This points redemption was already used (order %s).", proof.used_order_id.name))
        if proof.verified_at + proof_lib.TOKEN_VALIDITY < self.env.cr.now():
            raise UserError(_("This points redemption has expired: redeem again at the till."))
        proof.used_order_id = order
        # sudo: the ledger is written only by the member's methods. The row names the order in its
        # reason, not in pos_order_id: chain_member takes any row of an order for its award already done.
        return member.sudo()._chain_consume_points(
            points, "redeem", reason=_("Redeemed at the till: %s", order.pos_reference or order.uuid)
        )

    @api.model
    def _chain_open_proofs(self, members):
        """Proofs of ``members`` still usable: a code not yet expired, a token not used nor expired."""
        now = fields.Datetime.now()
        return self.sudo().search(  # sudo: see _chain_send_code
            [
                ("member_id", "in", members.ids),
                ("kind", "in", ("sms", "qr")),
                ("used_order_id", "=", False),
                "|",
                "&",
                ("verified_at", "=", False),
                ("expires_at", ">", now),
                "&",
                ("verified_at", "!=", False),
                ("verified_at", ">", now - proof_lib.TOKEN_VALIDITY),
            ]
        )

    @api.autovacuum
    def _gc_old_proofs(self):
        # sudo: the vacuum runs for every database user; proofs older than KEEP_DAYS go
        self.sudo().search([("create_date", "<", fields.Datetime.now() - timedelta(days=KEEP_DAYS))]).unlink()
