from odoo import _, api, fields, models
from odoo.exceptions import UserError, ValidationError

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import proof as proof_lib

LOOKUP_FOLLOWUPS = 5
# what the till gets of another store's member's contact: her masked name and what prices her order
MASKED_PARTNER_KEPT = {"id", "name", "lang", "write_date", "property_product_pricelist", "property_account_position_id"}


class PosSession(models.Model):
    """The till's member features, as RPC methods of its session.

    Every method checks the caller may read this session (its own store's till)
    and that it is open, then answers a dict (``{"error": message}`` when
    refused): refusals are answers, not exceptions, so that the wrong codes a
    caller typed are recorded (an exception would roll them back).
    """

    _inherit = "pos.session"
    _chain_guarded_fields = {}  # no field of its own

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        result["data"][0]["_chain_member"] = self._chain_member_pos_config()
        return result

    def _chain_member_pos_config(self):
        """The small configuration the till needs (no member is loaded: they are looked up)."""
        company = self.config_id.company_id
        return {
            "redeem_product_id": company.chain_pos_redeem_product_id.id,
            "points_per_unit": company.chain_pos_points_per_unit,
            "code_digits": proof_lib.CODE_DIGITS,
        }

    def _chain_member_check_session(self):
        self.ensure_one()
        self.check_access("read")  # the caller's own till (store rules)
        if self.state not in ("opening_control", "opened") or not self.env.user._is_internal():
            raise UserError(_("This session is closed."))

    # ------------------------------------------------------------------
    # Lookup
    # ------------------------------------------------------------------
    def chain_member_lookup(self, query):
        """Members matching ``query`` exactly: a mobile number, a member code or a scanned QR code.

        Returns a list (at most 5) of dicts: ``chain_find_member``'s keys (masked
        for another store's member) plus ``partner_id``, ``partner`` (the
        contact as the till loads it, masked alike: the till cannot read another
        store's member's contact), ``card_points``,
        ``babies`` (``name`` only for the member's stores, ``formula_stage``,
        ``age_months``, ``diaper_size``), ``followups`` (due ones, for the
        member's stores) and ``qr`` (true when found by a valid QR code, which
        the till may then send as the proof of a redemption).
        """
        self._chain_member_check_session()
        query = (query or "").strip() if isinstance(query, str) else ""
        Member = self.env["chain.member"]
        if proof_lib.looks_like_qr(query):
            member = Member._chain_member_from_qr(query)
            if not member:
                return []
            readable = Member.search([("id", "=", member.id)])
            results = [dict(member._chain_lookup_vals(full=bool(readable)), qr=True)]
        else:
            results = [dict(vals, qr=False) for vals in Member.chain_find_member(query)]
        if not results:
            return []
        # sudo: the lookup answered these members; what follows is masked as they are
        members = Member.sudo().browse([vals["id"] for vals in results])
        babies = self._chain_lookup_babies(members)
        full_ids = {vals["id"] for vals in results if vals["full"]}
        followups = self._chain_lookup_followups(members.filtered(lambda m: m.id in full_ids))
        partners = self._chain_member_partners(members, full_ids)
        for vals in results:
            member = members.browse(vals["id"])
            vals["partner_id"] = member.partner_id.id
            vals["partner"] = partners[member.partner_id.id]
            vals["card_points"] = member.loyalty_card_id.points
            vals["babies"] = [
                dict(baby, name=baby["name"] if vals["full"] else "") for baby in babies.get(member.id, [])
            ]
            vals["followups"] = followups.get(member.id, []) if vals["full"] else []
        return results

    def _chain_member_partners(self, members, full_ids):
        """``{partner id: the contact as the till loads it}`` of ``members`` (sudo records).

        A member's contact is read by her stores only (chain_member's contact
        rule), yet any store's till serves her: the till gets it here, with the
        POS fields, in full for the members of ``full_ids`` and, for another
        store's member, with her masked name and no address, number nor e-mail.
        """
        Partner = self.env["res.partner"]
        fnames = [f for f in Partner._load_pos_data_fields(self.config_id.id) if f in Partner._fields]
        fnames = fnames or ["id", "name"]
        # sudo: the till serves a member of any store; another store's member leaves masked below
        rows = members.partner_id.sudo().read(fnames, load=False)
        masked = {member.partner_id.id: member for member in members if member.id not in full_ids}
        for row in rows:
            member = masked.get(row["id"])
            if not member:
                continue
            for fname in set(row) - MASKED_PARTNER_KEPT:
                row[fname] = [] if Partner._fields[fname].type in ("one2many", "many2many") else False
            row["name"] = member_lib.mask_name(member.name)
        return {row["id"]: row for row in rows}

    def chain_member_order_partners(self, order_ids):
        """The members' contacts of the POS orders ``order_ids`` the caller reads but not their customer.

        The till loads an order's customer with the order (an order parked or
        synced, reopened from the orders list); the contact of another store's
        member is not readable to this store: it comes from here, masked as
        the lookup gives it. Only the caller's own orders (store rules of
        ``pos.order``) and only members' contacts: a list of contact dicts.
        """
        self._chain_member_check_session()
        if not isinstance(order_ids, list) or not all(isinstance(i, int) for i in order_ids):
            return []
        orders = self.env["pos.order"].search([("id", "in", order_ids)])
        # sudo: which customers of the caller's own orders are members; nothing else is read
        customers = orders.sudo().partner_id
        unreadable = customers - self.env["res.partner"].search([("id", "in", customers.ids)])
        if not unreadable:
            return []
        # sudo: the members of these contacts, answered masked below (the caller reads none of them)
        members = self.env["chain.member"].sudo().with_context(active_test=False)
        members = members.search([("partner_id", "in", unreadable.ids)])
        readable = self.env["chain.member"].with_context(active_test=False).search([("id", "in", members.ids)])
        return list(self._chain_member_partners(members, set(readable.ids)).values())

    def _chain_lookup_babies(self, members):
        """``{member id: [{name, formula_stage, age_months, diaper_size}]}``, when baby profiles exist."""
        if "chain.member.baby" not in self.env or not members:
            return {}
        Baby = self.env["chain.member.baby"].sudo()  # sudo: masked by the caller for other stores
        wanted = [f for f in ("name", "formula_stage", "age_months", "diaper_size") if f in Baby._fields]
        result = {}
        for baby in Baby.search([("member_id", "in", members.ids)]):
            values = {}
            for name in wanted:
                value = baby[name]
                field = Baby._fields[name]
                if field.type == "selection":
                    value = dict(field._description_selection(self.env)).get(value, value or "")
                values[name] = value if value is not False else ""
            result.setdefault(baby.member_id.id, []).append(values)
        return result

    def _chain_lookup_followups(self, members):
        """``{member id: [{kind, date}]}`` of the follow-ups due (no outcome yet, dated up to today)."""
        if "chain.member.followup" not in self.env or not members:
            return {}
        Followup = self.env["chain.member.followup"].sudo()  # sudo: only for the caller's stores' members
        domain = [("member_id", "in", members.ids)]
        if "date" in Followup._fields:
            domain.append(("date", "<=", fields.Date.context_today(self)))
        if "outcome" in Followup._fields:
            domain.append(("outcome", "in", (False, "")))
        result = {}
        for followup in Followup.search(domain, limit=LOOKUP_FOLLOWUPS * len(members)):
            kind = followup["kind"] if "kind" in Followup._fields else ""
            if "kind" in Followup._fields and Followup._fields["kind"].type == "selection":
                kind = dict(Followup._fields["kind"]._description_selection(self.env)).get(kind, kind)
            rows = result.setdefault(followup.member_id.id, [])
            if len(rows) < LOOKUP_FOLLOWUPS:
                date = followup["date"] if "date" in Followup._fields else False
                rows.append({"kind": kind or "", "date": fields.Date.to_string(date) if date else ""})
        return result

    # ------------------------------------------------------------------
    # Proof of presence and redemption
    # ------------------------------------------------------------------
    def _chain_member_for_proof(self, member_id):
        # sudo: a member of any store redeems in any store, with the proof
        member = self.env["chain.member"].sudo().browse(member_id if isinstance(member_id, int) else 0).exists()
        if not member or member.state != "active" or member.company_id not in self.env.companies:
            return None
        return member

    def chain_member_send_code(self, member_id):
        """Send a one-time code to the member's mobile: ``{"challenge_id", "mobile"}`` (masked) or ``{"error"}``."""
        self._chain_member_check_session()
        member = self._chain_member_for_proof(member_id)
        if not member:
            return {"error": _("Member not found.")}
        return self.env["chain.member.proof"]._chain_send_code(member, self)

    def chain_member_verify_code(self, challenge_id, code, points):
        """The code the member read out, for ``points``: a grant or ``{"error"}``.

        The grant is ``{"token", "member_id", "points", "amount"}`` (``amount``:
        the discount the points are worth).

        The token lets this till's order redeem exactly these points for this
        member, once, within 30 minutes; the server spends them when the order
        is paid.
        """
        self._chain_member_check_session()
        return self.env["chain.member.proof"]._chain_verify_code(challenge_id, code, points, self)

    def chain_member_verify_qr(self, qr_token, points):
        """The member's QR code scanned as proof for ``points``: as ``chain_member_verify_code``."""
        self._chain_member_check_session()
        if not isinstance(qr_token, str):
            return {"error": _("This QR code is not valid or has expired: ask the member to refresh it.")}
        return self.env["chain.member.proof"]._chain_verify_qr(qr_token, points, self)

    # ------------------------------------------------------------------
    # Enrolment
    # ------------------------------------------------------------------
    def chain_member_enroll(self, vals):
        """Enroll a member at this till (see ``chain.member._chain_pos_enroll``).

        Returns ``{"member": <lookup dict>, "created": bool}`` (the existing
        member, masked if of another store, when the mobile or the till's uuid is
        known) or ``{"error": message}``.
        """
        self._chain_member_check_session()
        if not isinstance(vals, dict):
            return {"error": _("Nothing to enroll.")}
        try:
            with self.env.cr.savepoint():
                member, created = self.env["chain.member"]._chain_pos_enroll(vals, self.config_id.chain_store_id)
        except (UserError, ValidationError) as error:
            return {"error": error.args[0]}
        return {"member": self._chain_member_vals(member), "created": created}

    def _chain_member_vals(self, member):
        """The lookup dict of ``member`` (a sudo record) as the caller may see it."""
        readable = self.env["chain.member"].search([("id", "=", member.id)])
        vals = dict(member._chain_lookup_vals(full=bool(readable)), qr=False)
        vals.update(partner_id=member.partner_id.id, card_points=member.loyalty_card_id.points, babies=[], followups=[])
        vals["partner"] = self._chain_member_partners(member, member.ids if readable else [])[member.partner_id.id]
        return vals

    @api.model
    def _chain_enrol_from_order(self, session, enrol):
        """The member of an enrolment made (offline) with an order: ``(member, created)``."""
        return self.env["chain.member"]._chain_pos_enroll(enrol, session.config_id.chain_store_id)
