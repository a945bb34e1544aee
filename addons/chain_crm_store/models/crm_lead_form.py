from datetime import timedelta

from odoo import _, api, fields, models

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import lead as lead_lib

DUPLICATE_DAYS = 90
"""An open lead created less than this many days ago holds its mobile: a new one is a duplicate."""


class CrmLeadFormMixin(models.AbstractModel):
    """Leads that come in from outside: the store's public QR form, event attendees, channel followers.

    Mixed into ``crm.lead`` (one class per model per addon): finding who already
    holds a mobile (a member, or an open lead of the last 90 days, in the company,
    whichever store) and preparing the lead of a store from a form or a row.
    """

    _name = "chain.crm.lead.form.mixin"
    _description = "Lead Intake (QR form, events, channel followers)"
    _chain_guarded_fields = {}  # helpers only: the lead's fields are declared by crm.lead

    @api.model
    def _chain_intake_holders(self, company, mobiles):
        """``{mobile: member or lead}`` of the normalized ``mobiles`` already known in ``company``.

        A member (active) wins over a lead; a lead counts when open (active, not
        converted, not in a won stage) and created in the last :data:`DUPLICATE_DAYS`
        days. Two searches whatever the number of mobiles.
        """
        mobiles = [mobile for mobile in set(mobiles) if mobile]
        if not mobiles:
            return {}
        # sudo: a duplicate is one in any store of the company, which the caller may not read
        members = (
            self.env["chain.member"]
            .sudo()
            .search([("mobile", "in", mobiles), ("company_id", "=", company.id), ("state", "=", "active")])
        )
        holders = {member.mobile: member for member in members}
        since = fields.Datetime.now() - timedelta(days=DUPLICATE_DAYS)
        # sudo: as above, the open leads of every store of the company
        leads = (
            self.env["crm.lead"]
            .sudo()
            .search(
                [
                    ("chain_mobile", "in", [m for m in mobiles if m not in holders]),
                    ("company_id", "=", company.id),
                    ("chain_member_id", "=", False),
                    ("create_date", ">=", since),
                    "|",
                    ("stage_id", "=", False),
                    ("stage_id.is_won", "=", False),
                ],
                order="id",
            )
        )
        for lead in leads:
            holders.setdefault(lead.chain_mobile, lead)
        return holders

    @api.model
    def _chain_intake_referrer(self, company, code):
        """The active member of ``company`` whose member code is ``code`` (empty recordset if none)."""
        code = (code or "").strip() if isinstance(code, str) else ""
        if not code or len(code) > 64:
            return self.env["chain.member"]
        # sudo: a referrer is any member of the company, found by the code they shared
        return (
            self.env["chain.member"]
            .sudo()
            .search([("code", "=", code), ("company_id", "=", company.id), ("state", "=", "active")], limit=1)
        )

    @api.model
    def _chain_intake_due_date_message(self, due_date):
        """The translated reason a due date is refused, else ``None`` (same rule as the lead's)."""
        problem = lead_lib.due_date_problem(due_date, fields.Date.context_today(self))
        if problem == "past":
            return _("The due date %s is in the past.", due_date)
        if problem == "far":
            return _(
                "The due date %(date)s is more than %(days)s days away.", date=due_date, days=lead_lib.MAX_DUE_DAYS
            )
        return None

    @api.model
    def _chain_intake_mobile_message(self, number):
        """``(normalized mobile, None)`` or ``(False, translated reason)``."""
        try:
            return member_lib.normalize_mobile(number), None
        except member_lib.InvalidMobile as error:
            if error.reason == "foreign":
                return False, _("%s is not a mainland China mobile number.", number)
            return False, _("%s is not a valid mobile number (11 digits, e.g. 138 1234 5678).", number or "")

    @api.model
    def _chain_prepare_intake_vals(self, store, values, source_kind, consent_text, referrer=None, event=None):
        """The ``crm.lead`` values of a person met by ``store``.

        ``values``: ``name``, ``mobile`` (normalized), ``due_date``, ``hospital``,
        optionally ``product_tmpl_ids``; consent is given (the caller refuses otherwise).
        """
        name = values["name"]
        vals = {
            "name": name,
            "contact_name": name,
            "mobile": values["mobile"],
            "type": "lead",
            "chain_store_id": store.id,
            "company_id": store.company_id.id,
            "chain_due_date": values.get("due_date") or False,
            "chain_hospital": values.get("hospital") or False,
            "chain_consent": True,
            "chain_consent_text": consent_text,
            "chain_source_kind": source_kind,
        }
        if values.get("product_tmpl_ids"):
            vals["chain_product_tmpl_ids"] = [fields.Command.set(values["product_tmpl_ids"])]
        if referrer:
            vals["chain_referrer_member_id"] = referrer.id
        if event:
            vals["chain_event_id"] = event.id
        return vals
