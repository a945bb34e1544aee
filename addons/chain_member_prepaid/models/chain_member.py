from odoo import _, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL, float_compare

from ..lib import wallet as wallet_lib
from .loyalty_card import syncing_wallet_cards


class ChainMember(models.Model):
    """A member's prepayments (shared: each feature adds its own fields and methods)."""

    _inherit = "chain.member"
    _chain_guarded_fields = {
        # the stored-value balances mirror the ledger: written only with a ledger row
        "wallet_principal": ("_chain_wallet_post",),
        "wallet_bonus": ("_chain_wallet_post",),
    }

    # ------------------------------------------------------------------
    # Stored value (储值)
    # ------------------------------------------------------------------
    wallet_currency_id = fields.Many2one(related="company_id.currency_id", string="Wallet Currency")
    wallet_principal = fields.Monetary(
        string="Stored Value (Principal)",
        currency_field="wallet_currency_id",
        readonly=True,
        copy=False,
        help="Money the member paid in and has not used: the chain owes it (customer deposits).",
    )
    wallet_bonus = fields.Monetary(
        string="Stored Value (Bonus)",
        currency_field="wallet_currency_id",
        readonly=True,
        copy=False,
        help="Bonus given with the member's top-ups and not used yet; never paid back in cash.",
    )
    wallet_balance = fields.Monetary(
        string="Stored Value",
        currency_field="wallet_currency_id",
        compute="_compute_wallet_balance",
        help="Principal and bonus together: what the member can pay with.",
    )
    wallet_line_ids = fields.One2many("chain.member.wallet.line", "member_id", string="Stored Value Ledger")

    def _compute_wallet_balance(self):
        for member in self:
            member.wallet_balance = member.wallet_principal + member.wallet_bonus

    def _chain_wallet_lock(self):
        """Lock the members' rows until the end of the transaction (two tills, one balance).

        Waits for another till's transaction; when that one changed the balance and
        committed, PostgreSQL refuses this one (a serialization failure, retried by
        Odoo's RPC layer with a fresh snapshot): stored value is never spent twice.
        """
        if self:
            self.env.cr.execute(SQL("SELECT id FROM chain_member WHERE id IN %s FOR UPDATE", tuple(self.ids)))
            self.invalidate_recordset(["wallet_principal", "wallet_bonus"])

    def _chain_wallet_post(self, kind, principal, bonus, store, pos_order=None, move=None, rule=None, note=False):
        """Add a row to the member's stored-value ledger and update her balances and card.

        ``principal``/``bonus``: the changes (currency amounts, negative to take).
        Locks the member first; refuses (``UserError``) a change leaving either part
        negative. Runs as superuser (the ledger has no writer among the roles);
        callers check the right of their user and the proof of the member. Returns the row.
        """
        self.ensure_one()
        # sudo: the ledger and the balances have no writer among the roles (see above)
        member = self.sudo()
        member._chain_wallet_lock()
        currency = member.company_id.currency_id
        new_principal = currency.round(member.wallet_principal + principal)
        new_bonus = currency.round(member.wallet_bonus + bonus)
        if float_compare(new_principal, 0.0, precision_digits=2) < 0 or float_compare(new_bonus, 0, 2) < 0:
            raise UserError(
                _(
                    "Member %(code)s has %(balance)s of stored value: not enough.",
                    code=member.code,
                    balance=wallet_lib.to_amount(wallet_lib.to_fen(member.wallet_principal + member.wallet_bonus)),
                )
            )
        line = member.env["chain.member.wallet.line"].create(
            {
                "member_id": member.id,
                "store_id": store.id,
                "kind": kind,
                "principal": principal,
                "bonus": bonus,
                "pos_order_id": pos_order.id if pos_order else False,
                "move_id": move.id if move else False,
                "rule_id": rule.id if rule else False,
                "note": note,
            }
        )
        member.write({"wallet_principal": new_principal, "wallet_bonus": new_bonus})
        member._chain_wallet_sync_cards()
        return line

    def _chain_wallet_split(self, amount):
        """``(principal part, bonus part)`` of a payment of ``amount`` now, by the company's rule; None if short."""
        self.ensure_one()
        split = wallet_lib.split_use(
            wallet_lib.to_fen(amount),
            wallet_lib.to_fen(self.wallet_principal),
            wallet_lib.to_fen(self.wallet_bonus),
            self.company_id.chain_wallet_bonus_use,
        )
        return (wallet_lib.to_amount(split[0]), wallet_lib.to_amount(split[1])) if split else None

    def _chain_wallet_sync_cards(self):
        """Give each member's card of the "Stored value" program her balance (principal + bonus).

        Creates the card when missing (with her first top-up).
        """
        if not self:
            return
        # sudo: the cards mirror the ledger whoever changed it; no role writes them directly
        members = self.sudo().with_context(tracking_disable=True)
        Card = members.env["loyalty.card"]
        with syncing_wallet_cards():
            for company in members.company_id:
                program = members.env["loyalty.program"]._chain_wallet_program(company)
                of_company = members.filtered(lambda m, c=company: m.company_id == c)
                cards = Card.search([("program_id", "=", program.id), ("partner_id", "in", of_company.partner_id.ids)])
                by_partner = {card.partner_id.id: card for card in cards}
                missing = []
                for member in of_company:
                    balance = member.wallet_principal + member.wallet_bonus
                    card = by_partner.get(member.partner_id.id)
                    if not card:
                        partner = member.partner_id.id
                        missing.append({"program_id": program.id, "partner_id": partner, "points": balance})
                    elif float_compare(card.points, balance, precision_digits=2):
                        card.points = balance
                if missing:
                    Card.create(missing)

    def _chain_wallet_vals(self):
        """What the till shows of the member's stored value."""
        self.ensure_one()
        member = self.sudo()  # sudo: the balance of a member the till found (any store's)
        return {
            "principal": member.wallet_principal,
            "bonus": member.wallet_bonus,
            "balance": member.wallet_principal + member.wallet_bonus,
        }

    def action_chain_wallet_refund(self, amount, journal, store, note=False):
        """Pay back ``amount`` of the member's principal (store managers; the bonus is forfeited).

        Posts a journal entry in ``journal`` (cash or bank: debit the stored-value
        liability, credit the journal's account) and a ``refund`` ledger row taking
        ``amount`` of principal and the bonus's share of it (all the bonus when the
        whole principal is paid back). Returns the ledger row.
        """
        self.ensure_one()
        user = self.env.user
        if not user.has_group("chain_store.group_chain_store_manager"):
            raise UserError(_("Only a store manager pays stored value back."))
        if store not in user.chain_visible_store_ids and not user.has_group("chain_store.group_chain_manager"):
            raise UserError(_("You may pay stored value back only in your own stores."))
        if not journal or journal.type not in ("cash", "bank") or journal.company_id != self.company_id:
            raise UserError(_("Choose a cash or bank journal of the member's company."))
        member = self.sudo()  # sudo: checked above; the ledger and the entry are the server's record
        member._chain_wallet_lock()
        refund_fen = wallet_lib.to_fen(amount)
        forfeit = wallet_lib.refund_forfeit(
            refund_fen, wallet_lib.to_fen(member.wallet_principal), wallet_lib.to_fen(member.wallet_bonus)
        )
        if forfeit is None:
            raise UserError(
                _(
                    "Only the principal is paid back: at most %(principal)s for member %(code)s.",
                    principal=member.wallet_principal,
                    code=member.code,
                )
            )
        amount = wallet_lib.to_amount(refund_fen)
        account = member.company_id._chain_prepaid_account("wallet_topup")
        label = _("Stored value paid back to member %s", member.code)
        # sudo: a store manager is no accountant; the entry is the refund's own, posted here
        move = (
            self.env["account.move"]
            .sudo()
            .with_company(member.company_id)
            .create(
                {
                    "move_type": "entry",
                    "journal_id": journal.id,
                    "ref": note or label,
                    "line_ids": [
                        (0, 0, {"name": label, "account_id": account.id, "debit": amount, "credit": 0.0,
                                "partner_id": member.partner_id.id}),
                        (0, 0, {"name": label, "account_id": journal.default_account_id.id, "debit": 0.0,
                                "credit": amount, "partner_id": member.partner_id.id}),
                    ],
                }
            )
        )  # fmt: skip
        move.action_post()
        return member._chain_wallet_post(
            "refund", -amount, -wallet_lib.to_amount(forfeit), store, move=move, note=note or label
        )
