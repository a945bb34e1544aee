import contextlib
import contextvars
import hmac

import psycopg2

from odoo import _, api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL
from odoo.tools.misc import hmac as odoo_hmac

from odoo.addons.chain_pos_member.lib import proof as proof_lib

from ..lib import wallet as wallet_lib

WALLET_TOKEN_SCOPE = "chain_member_prepaid.wallet"
# set only by this addon's stored-value methods (pos.session), in this request: never from a client's context
_WALLET = contextvars.ContextVar("chain_member_prepaid_wallet_proof", default=None)


@contextlib.contextmanager
def proving_wallet(amount_fen):
    """Within: chain_pos_member's proof methods check and grant stored value of ``amount_fen``, not points."""
    token = _WALLET.set(amount_fen)
    try:
        yield
    finally:
        _WALLET.reset(token)


def wallet_token_message(proof_id, member_id, amount_fen, session_id):
    """What a stored-value token signs: the proof, the member, the amount (fen) and the POS session."""
    return f"{WALLET_TOKEN_SCOPE}|{int(proof_id)}|{int(member_id)}|{int(amount_fen)}|{int(session_id)}"


class ChainMemberProof(models.Model):
    """The member's proof of presence (chain_pos_member), also for paying with stored value.

    The same QR code or SMS one-time code proves the member is at the till; a
    proof granted for stored value is bound to an amount (fen) instead of points
    and gives a token signed in its own scope: a stored-value token never
    redeems points, nor a points token pays with stored value.
    """

    _inherit = "chain.member.proof"

    chain_wallet_fen = fields.Integer(
        string="Stored Value (fen)", readonly=True, help="The stored value (in fen) this proof allows to pay."
    )

    _chain_guarded_fields = {"chain_wallet_fen": ()}  # written by the server only, as superuser

    @api.model
    def _chain_check_points(self, member, points):
        amount_fen = _WALLET.get()
        if amount_fen is None:
            return super()._chain_check_points(member, points)
        if amount_fen <= 0:
            return _("Pay a positive amount with stored value.")
        member = member.sudo()  # sudo: the balance of the member who proved her presence
        balance = wallet_lib.to_fen(member.wallet_principal + member.wallet_bonus)
        if amount_fen > balance:
            return _(
                "Member %(code)s has %(balance)s of stored value.",
                code=member.code,
                balance=wallet_lib.to_amount(balance),
            )
        return None

    def _chain_grant(self, points):
        amount_fen = _WALLET.get()
        if amount_fen is None:
            return super()._chain_grant(points)
        self.ensure_one()
        self.write({"verified_at": fields.Datetime.now(), "points": 0, "chain_wallet_fen": amount_fen})
        amount = wallet_lib.to_amount(amount_fen)
        split = self.member_id._chain_wallet_split(amount) or (0.0, 0.0)
        return {
            "token": self._chain_token(),
            "member_id": self.member_id.id,
            "amount": amount,
            "principal": split[0],
            "bonus": split[1],
        }

    def _chain_token(self):
        self.ensure_one()
        if not self.chain_wallet_fen:
            return super()._chain_token()
        message = wallet_token_message(self.id, self.member_id.id, self.chain_wallet_fen, self.session_id.id)
        return f"{self.id}.{odoo_hmac(self.env(su=True), WALLET_TOKEN_SCOPE, message)}"

    @api.model
    def _chain_sms_body(self, member, code):
        amount_fen = _WALLET.get()
        if amount_fen is None:
            return super()._chain_sms_body(member, code)
        return _(
            "%(code)s is your member code at %(company)s, valid 5 minutes. Give it only to the cashier "
            "to pay %(amount)s with your stored value.",
            code=code,
            company=member.company_id.name,
            amount=wallet_lib.to_amount(amount_fen),
        )

    @api.model
    def _chain_use_token(self, token, member, points, session, order):
        parsed = proof_lib.parse_token(token)
        # sudo: the proofs are the server's record
        if parsed and self.sudo().browse(parsed[0]).exists().chain_wallet_fen:
            raise UserError(
                _("This points redemption has no valid proof of the member's presence: redeem again at the till.")
            )
        return super()._chain_use_token(token, member, points, session, order)

    @api.model
    def _chain_use_wallet_token(self, token, member, amount_fen, session, order):
        """Use the stored-value ``token`` of ``session`` for ``amount_fen`` of ``member`` on ``order``, once.

        Refused (``UserError``) unless the token was issued by this server for
        exactly this member, amount and session, is unused and not expired; the
        proof row is locked (``FOR UPDATE NOWAIT``): one token pays once.
        """
        parsed = proof_lib.parse_token(token)
        Proof = self.sudo()  # sudo: see chain_pos_member's _chain_send_code
        proof = Proof.browse(parsed[0]).exists() if parsed else Proof
        refused = _("This payment with stored value has no valid proof of the member's presence: ask again.")
        if not proof or not proof.verified_at or not proof.chain_wallet_fen:
            raise UserError(refused)
        expected = wallet_token_message(proof.id, member.id, amount_fen, session.id)
        if not hmac.compare_digest(odoo_hmac(self.env(su=True), WALLET_TOKEN_SCOPE, expected), parsed[1]):
            raise UserError(refused)
        try:
            with self.env.cr.savepoint(flush=False):
                self.env.cr.execute(SQL("SELECT id FROM chain_member_proof WHERE id = %s FOR UPDATE NOWAIT", proof.id))
        except psycopg2.errors.LockNotAvailable:
            raise UserError(_("This payment with stored value is being used by another till.")) from None
        proof.invalidate_recordset()
        if proof.used_order_id:
            if proof.used_order_id == order:
                return False
            raise UserError(_("This stored-value proof was already used (order %s).", proof.used_order_id.name))
        if proof.verified_at + proof_lib.TOKEN_VALIDITY < self.env.cr.now():
            raise UserError(_("This stored-value proof has expired: ask the member again."))
        proof.used_order_id = order
        return True
