from odoo import fields, models


class PosSession(models.Model):
    """The till's formula deposits and service cards (RPC methods of its session, as chain_pos_member's)."""

    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        company = self.config_id.company_id
        result["data"][0]["_chain_deposit"] = {
            "deposit_product_id": company._chain_deposit_product().id,
            "employees": [{"id": e.id, "name": e.name} for e in self._chain_card_employees()],
            "cashier_employee_id": self.env.user.employee_id.id,
        }
        return result

    def _chain_card_employees(self):
        """The employees who may be named as having served at this till: those of the store's users
        (and the cashier's own). Read with sudo: the till shows their names only."""
        self.ensure_one()
        store = self.config_id.chain_store_id
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
