import contextlib
import contextvars

from odoo import _, api, models
from odoo.exceptions import UserError

# set only by chain.member._chain_wallet_sync_cards, in this request: never from a client's context
_SYNCING = contextvars.ContextVar("chain_member_prepaid_wallet_card_sync", default=False)


@contextlib.contextmanager
def syncing_wallet_cards():
    token = _SYNCING.set(True)
    try:
        yield
    finally:
        _SYNCING.reset(token)


class LoyaltyCard(models.Model):
    """A member's card of the "Stored value" program mirrors the stored-value ledger.

    Its ``points`` (principal + bonus) are written only by the ledger's
    synchronisation; any other change (an RPC ``write``, Odoo's eWallet top-up
    flow, even as superuser) is refused: stored value moves on the ledger.
    """

    _inherit = "loyalty.card"
    _chain_guarded_fields = {}  # no field added; the stored-value cards' points are guarded in write below

    @api.model_create_multi
    def create(self, vals_list):
        if not _SYNCING.get():
            program_ids = {vals.get("program_id") for vals in vals_list} - {None, False}
            # sudo: whoever creates the card, the program's nature decides
            if self.env["loyalty.program"].sudo().browse(program_ids).filtered("chain_wallet"):
                raise UserError(_("Stored-value cards are created with the member's first top-up, not by hand."))
        return super().create(vals_list)

    def write(self, vals):
        if not _SYNCING.get() and {"points", "program_id", "partner_id"} & set(vals):
            # sudo: whoever writes the card, the program's nature decides
            wallet = self.sudo().filtered("program_id.chain_wallet")
            changed = "points" in vals and any(card.points != vals["points"] for card in wallet)
            if changed or (wallet and {"program_id", "partner_id"} & set(vals)):
                raise UserError(
                    _(
                        "Stored value changes only through the member's stored-value ledger "
                        "(top-ups and payments at the till, refunds by the store manager)."
                    )
                )
        return super().write(vals)
