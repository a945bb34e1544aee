from odoo import _, fields, models

from ..lib import wallet as wallet_lib
from .chain_member_proof import proving_wallet


class PosSession(models.Model):
    """The till's prepayment features, as RPC methods of its session (shared: each feature adds its own).

    As chain_pos_member's methods: each checks the caller may read this session
    (its own store's till) and that it is open, then answers a dict
    (``{"error": message}`` when refused).
    """

    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        result["data"][0]["_chain_wallet"] = self._chain_wallet_pos_config()
        result["data"][0]["_chain_deposit"] = self._chain_deposit_pos_config()
        return result

    # ------------------------------------------------------------------
    # Stored value (储值)
    # ------------------------------------------------------------------
    def _chain_wallet_pos_config(self):
        """The products of the stored-value lines (the till loads them) and the top-up products."""
        company = self.config_id.company_id
        topups = self.env["product.product"].search(
            [
                ("chain_prepaid_kind", "=", "wallet_topup"),
                ("available_in_pos", "=", True),
                ("company_id", "in", (False, company.id)),
            ]
        )
        products = self.env["pos.order"]._chain_wallet_products()
        return {
            "payment_product_id": products[0].id,
            "bonus_product_id": products[1].id,
            "topup_product_ids": topups.ids,
        }

    def _chain_wallet_amount_fen(self, amount):
        if isinstance(amount, bool) or not isinstance(amount, (int, float)):
            return 0
        return wallet_lib.to_fen(amount)

    def chain_wallet_info(self, member_id):
        """The stored value of a member the till found: ``{"principal", "bonus", "balance"}`` or ``{"error"}``."""
        self._chain_member_check_session()
        member = self._chain_member_for_proof(member_id)
        if not member:
            return {"error": _("Member not found.")}
        return member._chain_wallet_vals()

    def chain_wallet_topup_bonus(self, amount):
        """The bonus a top-up of ``amount`` earns at this till today: ``{"bonus", "rule"}``."""
        self._chain_member_check_session()
        amount_fen = self._chain_wallet_amount_fen(amount)
        if amount_fen <= 0:
            return {"bonus": 0.0, "rule": ""}
        bonus, rule = self.env["chain.prepaid.topup.rule"]._chain_bonus(
            self.config_id.company_id,
            wallet_lib.to_amount(amount_fen),
            self.config_id.chain_store_id,
            fields.Date.context_today(self),
        )
        return {"bonus": bonus, "rule": rule.name or ""}

    def chain_wallet_send_code(self, member_id, amount):
        """Send a one-time code to pay ``amount`` with stored value: as ``chain_member_send_code``."""
        self._chain_member_check_session()
        member = self._chain_member_for_proof(member_id)
        if not member:
            return {"error": _("Member not found.")}
        amount_fen = self._chain_wallet_amount_fen(amount)
        if amount_fen <= 0:
            return {"error": _("Pay a positive amount with stored value.")}
        with proving_wallet(amount_fen):
            return self.env["chain.member.proof"]._chain_send_code(member, self)

    def chain_wallet_verify_code(self, challenge_id, code, amount):
        """The code the member read out, to pay ``amount`` with stored value: a grant or ``{"error"}``.

        The grant is ``{"token", "member_id", "amount", "principal", "bonus"}``
        (the split of the amount between principal and bonus now, by the company's
        rule): the order carries the token and one line of each part; the server
        checks them when the order is paid.
        """
        self._chain_member_check_session()
        with proving_wallet(self._chain_wallet_amount_fen(amount)):
            return self.env["chain.member.proof"]._chain_verify_code(challenge_id, code, 0, self)

    def chain_wallet_verify_qr(self, qr_token, amount):
        """The member's QR code scanned to pay ``amount`` with stored value: as ``chain_wallet_verify_code``."""
        self._chain_member_check_session()
        if not isinstance(qr_token, str):
            return {"error": _("This QR code is not valid or has expired: ask the member to refresh it.")}
        with proving_wallet(self._chain_wallet_amount_fen(amount)):
            return self.env["chain.member.proof"]._chain_verify_qr(qr_token, 0, self)

    def chain_member_lookup(self, query):
        results = super().chain_member_lookup(query)
        self._chain_wallet_add_to_lookup(results)
        return results

    def _chain_member_vals(self, member):
        vals = super()._chain_member_vals(member)
        self._chain_wallet_add_to_lookup([vals])
        return vals

    def _chain_wallet_add_to_lookup(self, results):
        # sudo: the balances of the members the lookup answered (a member pays in any store)
        members = self.env["chain.member"].sudo().browse([vals["id"] for vals in results if vals.get("id")])
        for vals in results:
            if vals.get("id"):
                vals["wallet"] = members.browse(vals["id"])._chain_wallet_vals()

    # ------------------------------------------------------------------
    # Formula deposits and service cards
    # ------------------------------------------------------------------
    def _chain_deposit_pos_config(self):
        """The deposit product, and the employees the cashier picks who served a card's service."""
        company = self.config_id.company_id
        return {
            "deposit_product_id": company._chain_deposit_product().id,
            "employees": [{"id": e.id, "name": e.name} for e in self._chain_card_employees()],
            "cashier_employee_id": self.env.user.employee_id.id,
        }

    def _chain_card_employees(self):
        """The employees who may be named as having served at this till: those of the store's users
        (and the cashier's own). Read with sudo: the till shows their names only."""
        self.ensure_one()
        store = self.config_id.chain_store_id
        # sudo: the store's users, whose employees may have served (a cashier does not read users)
        users = store.sudo().user_ids | self.env.user
        # sudo: names of the store's employees, for the cashier to pick who served
        return (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", users.ids), ("company_id", "in", (self.config_id.company_id.id, False))])
        )

    def chain_prepaid_entitlements(self, member_id):
        """The member's open deposits and usable cards, as the till shows them.

        ``{"deposits": [{id, name, product_id, product, qty_remaining, unit_price, expiry_date,
        store}], "cards": [{id, name, card_product_id, service_product_id, service, uses_left,
        uses_total, next_price, valid_until, usable_here}]}``; empty for an unknown member. Any
        store's till serves a member's entitlements (sold in any store).
        """
        self._chain_member_check_session()
        member = self._chain_member_for_proof(member_id)
        if not member:
            return {"deposits": [], "cards": []}
        today = fields.Date.context_today(self)
        # sudo: a member's deposits and cards are hers in every store of the chain
        deposits = (
            self.env["chain.member.deposit"]
            .sudo()
            .search([("member_id", "=", member.id), ("state", "=", "open"), ("expiry_date", ">=", today)])
        )
        # sudo: as the deposits above
        cards = (
            self.env["chain.member.service.card"]
            .sudo()
            .search([("member_id", "=", member.id), ("state", "=", "active"), ("valid_until", ">=", today)])
        )
        store = self.config_id.chain_store_id
        return {
            "deposits": [
                {
                    "id": d.id,
                    "name": d.name,
                    "product_id": d.product_id.id,
                    "product": d.product_id.display_name,
                    "qty_remaining": d.qty_remaining,
                    "unit_price": d.unit_price,
                    "expiry_date": fields.Date.to_string(d.expiry_date),
                    "store": d.store_id.name,
                }
                for d in deposits
            ],
            "cards": [
                {
                    "id": c.id,
                    "name": c.name,
                    "card_product_id": c.card_product_id.id,
                    "service_product_id": c.service_product_id.id,
                    "service": c.service_product_id.display_name,
                    "uses_left": c.uses_left,
                    "uses_total": c.uses_total,
                    "next_price": c._chain_use_prices(1)[0],
                    "valid_until": fields.Date.to_string(c.valid_until),
                    "usable_here": not c.store_ids or store in c.store_ids,
                }
                for c in cards
            ],
        }
