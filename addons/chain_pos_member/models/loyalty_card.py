import contextlib
import contextvars

from odoo import _, api, models
from odoo.exceptions import UserError
from odoo.osv import expression

# set only by chain.member._chain_sync_loyalty_cards, in this request: never from a client's context
_SYNCING = contextvars.ContextVar("chain_pos_member_card_sync", default=False)


@contextlib.contextmanager
def syncing_cards():
    token = _SYNCING.set(True)
    try:
        yield
    finally:
        _SYNCING.reset(token)


class LoyaltyCard(models.Model):
    """A member's card of the "Member points" program mirrors the points ledger.

    Its ``points`` are written only by the ledger's synchronisation; any other
    change (the POS's loyalty flow, an RPC ``write``, a gift-card style update,
    even as superuser) is refused: points are earned and spent on the ledger.
    """

    _inherit = "loyalty.card"
    _chain_guarded_fields = {}  # no field added; the member cards' points are guarded in write below

    @api.model
    def _load_pos_data_domain(self, data):
        # a chain has millions of members: their cards are fetched one by one when a member is set
        domain = super()._load_pos_data_domain(data)
        return expression.AND([domain, [("program_id.chain_member_points", "=", False)]])

    @api.model_create_multi
    def create(self, vals_list):
        if not _SYNCING.get():
            program_ids = {vals.get("program_id") for vals in vals_list}
            # sudo: whoever creates the card, the program's nature decides
            if self.env["loyalty.program"].sudo().browse(program_ids - {None, False}).filtered("chain_member_points"):
                raise UserError(_("Member points cards are created with the member, not by hand or at the till."))
        return super().create(vals_list)

    def write(self, vals):
        if "points" in vals and not _SYNCING.get():
            # sudo: whoever writes the card, the program's nature decides
            mirrored = self.sudo().filtered("program_id.chain_member_points")
            if any(card.points != vals["points"] for card in mirrored):
                raise UserError(
                    _(
                        "Member points change only through the member's points ledger "
                        "(earned on paid orders, redeemed with the member's proof at the till)."
                    )
                )
        moved = {"program_id", "partner_id"} & set(vals) and not _SYNCING.get()
        # sudo: see above
        if moved and self.sudo().filtered("program_id.chain_member_points"):
            raise UserError(_("A member points card stays with its member."))
        return super().write(vals)
