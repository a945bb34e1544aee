import contextlib

from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.chain_member.lib import member as member_lib

from ..lib import lead as lead_lib

SOURCE_KINDS = [
    ("qr", "Store QR Code"),
    ("event", "Event"),
    ("channel", "Channel Follower"),
    ("referral", "Member Referral"),
    ("walk_in", "Walk-in"),
    ("other", "Other"),
]


class CrmLead(models.Model):
    """An expectant parent met by a store (准妈妈线索), to become a member before the baby arrives.

    A store document (``chain_store_id``, the store's sales team); the guide is
    ``user_id``. The lead is found again by its normalized mobile
    (``chain_mobile``), never by name: :meth:`action_chain_convert` finds or
    creates the member by that number.
    """

    _name = "crm.lead"
    _inherit = ["crm.lead", "chain.crm.lead.form.mixin"]
    _chain_store_field = "chain_store_id"
    _chain_guarded_fields = {
        "chain_member_id": ("action_chain_convert",),
        "chain_baby_id": ("action_chain_convert",),
        "chain_converted_date": ("action_chain_convert",),
        "chain_consent_date": (),  # set by create/write when consent is given (sudo)
        "chain_first_purchase_date": (),  # set by the nightly SQL update
    }

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index=True,
        tracking=True,
        default=lambda self: self.env.user.chain_store_id,
        help="The store that follows the lead; its sales team and guides work it.",
    )
    chain_due_date = fields.Date(string="Due Date", index=True, tracking=True, help="Expected birth date of the baby.")
    chain_hospital = fields.Char(string="Hospital", help="Where the mother plans to give birth.")
    chain_product_tmpl_ids = fields.Many2many(
        "product.template",
        "crm_lead_chain_product_tmpl_rel",
        "lead_id",
        "product_tmpl_id",
        string="Products of Interest",
    )
    chain_consent = fields.Boolean(
        string="Consent Given", tracking=True, help="The parent agreed to be contacted by the store."
    )
    chain_consent_date = fields.Datetime(string="Consent Given on", readonly=True, copy=False)
    chain_consent_text = fields.Text(string="Consent Text", copy=False, help="The text the parent agreed to.")
    chain_source_kind = fields.Selection(SOURCE_KINDS, string="Lead Source", default="walk_in", index=True)
    chain_event_id = fields.Many2one("chain.crm.event", string="Event", index="btree_not_null")
    chain_referrer_member_id = fields.Many2one("chain.member", string="Referred by", index="btree_not_null")
    chain_mobile = fields.Char(
        string="Normalized Mobile",
        compute="_compute_chain_mobile",
        store=True,
        index=True,
        help="The lead's mainland mobile in +86 form: the key that finds the member.",
    )
    chain_member_id = fields.Many2one(
        "chain.member", string="Member", readonly=True, copy=False, index="btree_not_null", tracking=True
    )
    chain_baby_id = fields.Many2one("chain.member.baby", string="Expected Baby", readonly=True, copy=False)
    chain_converted_date = fields.Datetime(string="Converted on", readonly=True, copy=False)
    chain_first_purchase_date = fields.Date(
        string="First Purchase on",
        readonly=True,
        copy=False,
        help="Date of the member's first paid order on or after the conversion.",
    )

    @api.depends("phone", "mobile")
    def _compute_chain_mobile(self):
        for lead in self:
            lead.chain_mobile = False
            for number in (lead.mobile, lead.phone):
                with contextlib.suppress(member_lib.InvalidMobile):
                    lead.chain_mobile = member_lib.normalize_mobile(number)
                    break

    @api.constrains("chain_due_date")
    def _check_chain_due_date(self):
        today = fields.Date.context_today(self)
        for lead in self:
            problem = lead_lib.due_date_problem(lead.chain_due_date, today)
            if problem == "past":
                raise ValidationError(
                    _("The due date %(date)s is in the past: enter the expected birth date.", date=lead.chain_due_date)
                )
            if problem == "far":
                raise ValidationError(
                    _(
                        "The due date %(date)s is more than %(days)s days away: check the expected birth date.",
                        date=lead.chain_due_date,
                        days=lead_lib.MAX_DUE_DAYS,
                    )
                )

    @api.constrains("chain_store_id", "company_id")
    def _check_chain_store_company(self):
        for lead in self:
            if lead.chain_store_id and lead.company_id and lead.chain_store_id.company_id != lead.company_id:
                raise ValidationError(
                    _("The store %(store)s is not of the lead's company.", store=lead.chain_store_id.display_name)
                )

    # ------------------------------------------------------------------
    # Create, write: the store's team, consent, the caller's stores
    # ------------------------------------------------------------------
    def _chain_check_store_allowed(self, store_id):
        """A store user may put a lead only in one of their stores."""
        if self.env.su or not store_id:
            return
        user = self.env.user
        if user.has_group("chain_store.group_chain_manager"):
            return
        if not user.has_group("chain_store.group_chain_store_user"):
            return
        if store_id not in user.chain_visible_store_ids.ids:
            raise AccessError(_("You can only give leads to your own stores."))

    @api.model
    def _chain_team_of_store(self, store_id):
        # sudo: the store's team, which a guide may not be able to read when unassigned
        return self.env["crm.team"].sudo().search([("chain_store_id", "=", store_id)], limit=1)

    def _chain_prepare_vals(self, vals):
        vals = dict(vals)
        if vals.get("chain_store_id"):
            team = self._chain_team_of_store(vals["chain_store_id"])
            if team:
                vals["team_id"] = team.id
            store = self.env["chain.store"].sudo().browse(vals["chain_store_id"])  # sudo: its company only
            vals.setdefault("company_id", store.company_id.id)
        return vals

    @api.model_create_multi
    def create(self, vals_list):
        prepared = []
        for vals in vals_list:
            if (
                "chain_store_id" not in vals
                and self.env.user.chain_store_id
                and not self.env.context.get("default_chain_store_id")
            ):
                vals = dict(vals, chain_store_id=self.env.user.chain_store_id.id)
            self._chain_check_store_allowed(vals.get("chain_store_id"))
            prepared.append(self._chain_prepare_vals(vals))
        leads = super().create(prepared)
        leads.filtered("chain_consent")._chain_stamp_consent()
        return leads

    def write(self, vals):
        if "chain_store_id" in vals:
            self._chain_check_store_allowed(vals["chain_store_id"])
            vals = self._chain_prepare_vals(vals)
        result = super().write(vals)
        if vals.get("chain_consent"):
            self.filtered(lambda lead: not lead.chain_consent_date)._chain_stamp_consent()
        elif "chain_consent" in vals and not vals["chain_consent"]:
            # sudo: the consent date follows the consent box (a guarded field)
            self.sudo().write({"chain_consent_date": False})
        return result

    def _chain_stamp_consent(self):
        # sudo: the consent date is set by the consent box only (a guarded field)
        self.sudo().write({"chain_consent_date": fields.Datetime.now()})

    # ------------------------------------------------------------------
    # Conversion into a member
    # ------------------------------------------------------------------
    def action_chain_convert(self):
        """Find or create the member of each lead by its normalized mobile, with the expected baby.

        The member is the company's member with the lead's mobile in ``+86`` form,
        whatever the names say (never found by name: OCA/crm#444); none: a member is
        created at the lead's store, its guide the lead's guide, if the parent gave
        consent (refused otherwise). An unborn baby due on the lead's due date is
        added unless the member has one due within 30 days of it. The lead is linked,
        moved to the *Member* stage and dated. Converting a converted lead does
        nothing. Callable for many leads; only by users who may write them.
        """
        self.check_access("write")
        leads = self.filtered(lambda lead: not lead.chain_member_id)
        if not leads:
            return True
        for lead in leads:
            if not lead.chain_mobile:
                raise UserError(
                    _("%s has no mainland mobile number: a member is found by mobile. Enter it first.", lead.name)
                )
        members = leads._chain_find_members()
        stage = self.env.ref("chain_crm_store.stage_member", raise_if_not_found=False)
        now = fields.Datetime.now()
        for lead in leads:
            member = members.get((lead.company_id.id or self.env.company.id, lead.chain_mobile))
            if not member:
                if not lead.chain_consent:
                    raise UserError(
                        _(
                            "%s has not given consent: a member is created only with the parent's consent.",
                            lead.name,
                        )
                    )
                member = lead._chain_create_member()
                members[(member.company_id.id, member.mobile)] = member
            baby = lead._chain_expected_baby(member)
            vals = {"chain_member_id": member.id, "chain_baby_id": baby.id, "chain_converted_date": now}
            if stage:
                vals["stage_id"] = stage.id
            lead.write(vals)
            lead.message_post(body=_("Converted into member %s.", member.code or member.name))
        return True

    def _chain_find_members(self):
        """``{(company id, mobile): member}`` of the leads' normalized mobiles (one search)."""
        # sudo: a parent may already be a member of another store; the member is linked, not shown
        found = (
            self.env["chain.member"]
            .sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("mobile", "in", list(set(self.mapped("chain_mobile")))),
                    ("company_id", "in", (self.company_id | self.env.company).ids),
                ]
            )
        )
        result = {}
        for member in found:
            while member.merged_into_id:
                member = member.merged_into_id
            result[(member.company_id.id, member.mobile or "")] = member
        for member in found:
            result.setdefault((member.company_id.id, member.mobile), member.merged_into_id or member)
        return result

    def _chain_prepare_member_vals(self):
        """The new member of the lead: name, mobile, home store and guide of the lead."""
        self.ensure_one()
        return {
            "name": self.contact_name or self.partner_name or self.name,
            "mobile": self.chain_mobile,
            "company_id": (self.company_id or self.env.company).id,
            "home_store_id": self.chain_store_id.id,
            "join_store_id": self.chain_store_id.id,
            "join_channel": "store",
            "guide_user_id": self.user_id.id,
        }

    def _chain_create_member(self):
        self.ensure_one()
        member = self.env["chain.member"].create(self._chain_prepare_member_vals())
        member.action_record_consent()
        return member

    def _chain_expected_baby(self, member):
        """The member's baby due on the lead's due date, created if she has none within 30 days of it."""
        self.ensure_one()
        if not self.chain_due_date:
            return self.env["chain.member.baby"]
        # sudo: the expected baby of the member the mobile found, whichever store is her home
        Baby = self.env["chain.member.baby"].sudo()
        babies = Baby.search([("member_id", "=", member.id)])
        match = lead_lib.expected_baby_matches(self.chain_due_date, [(b.id, b.birth_date, b.due_date) for b in babies])
        if match:
            return Baby.browse(match)
        return Baby.create({"member_id": member.id, "due_date": self.chain_due_date})

    def action_chain_open_member(self):
        """Open the lead's member (the form of a member the user may read)."""
        self.ensure_one()
        self.check_access("read")
        if not self.chain_member_id:
            raise UserError(_("This lead is not converted yet."))
        self.chain_member_id.check_access("read")
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.member",
            "res_id": self.chain_member_id.id,
            "view_mode": "form",
        }

    # ------------------------------------------------------------------
    # Nightly jobs (set-based)
    # ------------------------------------------------------------------
    @api.model
    def _cron_chain_baby_born(self, today=None):
        """Move open leads whose due date is reached to the *Baby Born* stage: one UPDATE.

        Open: active, not in a won stage, not already there. Returns the ids moved.
        """
        stage = self.env.ref("chain_crm_store.stage_born", raise_if_not_found=False)
        if not stage:
            return []
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead lead
                   SET stage_id = %(stage)s, date_last_stage_update = now() AT TIME ZONE 'UTC',
                       write_date = now() AT TIME ZONE 'UTC', write_uid = %(uid)s
                  FROM crm_stage current
                 WHERE current.id = lead.stage_id
                   AND lead.active
                   AND current.is_won IS NOT TRUE
                   AND lead.stage_id != %(stage)s
                   AND lead.chain_store_id IS NOT NULL
                   AND lead.chain_due_date <= %(today)s
             RETURNING lead.id
                """,
                stage=stage.id,
                uid=self.env.uid,
                today=today,
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model(["stage_id", "date_last_stage_update", "write_date", "write_uid"])
        return ids

    @api.model
    def _cron_chain_first_purchase(self):
        """Date the first paid POS order of each converted lead's member on or after the conversion.

        One UPDATE over the leads still without a first purchase; the order's date is
        read in the store's time zone. Returns the ids dated.
        """
        self.env.flush_all()
        self.env.cr.execute(
            SQL(
                """
                UPDATE crm_lead lead
                   SET chain_first_purchase_date = first.day
                  FROM (
                        SELECT l.id,
                               MIN((o.date_order AT TIME ZONE 'UTC')
                                   AT TIME ZONE COALESCE(s.tz, 'Asia/Shanghai'))::date AS day
                          FROM crm_lead l
                          JOIN chain_member m ON m.id = l.chain_member_id
                          JOIN pos_order o ON o.partner_id = m.partner_id
                           AND o.company_id = m.company_id
                           AND o.date_order >= l.chain_converted_date
                           AND o.state IN ('paid', 'done', 'invoiced')
                           AND o.amount_total > 0
                          LEFT JOIN chain_store s ON s.id = l.chain_store_id
                         WHERE l.chain_first_purchase_date IS NULL
                           AND l.chain_converted_date IS NOT NULL
                      GROUP BY l.id
                       ) first
                 WHERE first.id = lead.id
             RETURNING lead.id
                """
            )
        )
        ids = [row[0] for row in self.env.cr.fetchall()]
        self.invalidate_model(["chain_first_purchase_date"])
        return ids
