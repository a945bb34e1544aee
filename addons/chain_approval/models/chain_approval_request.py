from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.chain_store.lib import guard

from ..lib.approval import four_eyes, substitutes_for

# the review fields that only Approve and Reject change (see tier.review)
REVIEW_DECISION_FIELDS = ("status", "done_by", "reviewed_date", "comment")
PROTECTED_FIELDS = {
    "name", "rule_id", "res_model", "res_id", "method_name", "company_id", "store_id", "amount",
    "requester_id", "requested_date", "state", "note", "review_ids",
}  # fmt: skip


class ChainApprovalRequest(models.Model):
    """One approval asked for one document and one gated button. The OCA tier engine
    (``tier.validation``) runs on it for any model; reviewers are copied onto its reviews when
    it is requested. When the last review approves, the gated button runs."""

    _name = "chain.approval.request"
    _description = "Approval Request"
    _inherit = ["tier.validation", "mail.thread", "mail.activity.mixin"]
    _order = "id desc"

    _state_field = "state"
    _state_from = ["pending"]
    _state_to = ["approved"]
    _cancel_state = "cancel"
    # the decisions' methods write the state as superuser (see write); declared for every caller
    _chain_guarded_fields = {
        "state": ("action_chain_approve", "action_chain_reject", "action_cancel", "_chain_finish", "_chain_mark_done"),
    }
    _chain_store_field = "store_id"

    name = fields.Char(string="Document", required=True, readonly=True)
    rule_id = fields.Many2one("chain.approval.rule", required=True, readonly=True, ondelete="restrict", index=True)
    res_model = fields.Char(string="Model", required=True, readonly=True, index=True)
    res_id = fields.Many2oneReference(
        string="Record", required=True, readonly=True, model_field="res_model", index=True
    )
    method_name = fields.Char(string="Gated Button", required=True, readonly=True)
    company_id = fields.Many2one("res.company", required=True, readonly=True, index=True)
    store_id = fields.Many2one("chain.store", readonly=True, index=True)
    region_id = fields.Many2one(related="store_id.region_id", store=True, string="Region")
    amount = fields.Float(readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    requester_id = fields.Many2one("res.users", string="Requested by", required=True, readonly=True, index=True)
    requested_date = fields.Datetime(string="Requested on", required=True, readonly=True, default=fields.Datetime.now)
    state = fields.Selection(
        [
            ("pending", "Waiting for Approval"),
            ("approved", "Approved"),
            ("done", "Done"),
            ("rejected", "Rejected"),
            ("cancel", "Cancelled"),
        ],
        required=True, default="pending", readonly=True, index=True, tracking=True,
    )  # fmt: skip
    note = fields.Text(readonly=True, help="What the engine had to decide, e.g. a fallback to the chain managers.")
    model_description = fields.Char(compute="_compute_model_description", string="Document Type")

    @api.model_create_multi
    def create(self, vals_list):
        """Requests are made from their document (``_chain_request``), with their reviewers:
        one created by hand would wait for nobody, or say it is approved."""
        if not self.env.su:
            raise AccessError(_("Approvals are requested from their document (Action menu or its button)."))
        return super().create(vals_list)

    def write(self, vals):
        """The approval's facts and state change only through its methods (which use sudo):
        a user with write access (needed to follow it) cannot approve or re-point it."""
        if not self.env.su and PROTECTED_FIELDS & set(vals):
            raise AccessError(_("Approvals change only through Approve, Reject and Cancel."))
        return super().write(vals)

    @api.depends("res_model")
    def _compute_model_description(self):
        for request in self:
            Model = self.env.get(request.res_model)
            request.model_description = Model._description if Model is not None else request.res_model

    def _get_record(self):
        self.ensure_one()
        return self.env[self.res_model].browse(self.res_id)

    # -- gate -------------------------------------------------------------------------------

    @api.model
    def _chain_active_requests(self, records, method_name):
        # sudo: the gate checks approvals the caller may not read
        return self.sudo().search(
            [
                ("res_model", "=", records._name),
                ("res_id", "in", records.ids),
                ("method_name", "=", method_name),
                ("state", "in", ("pending", "approved")),
            ]
        )

    @api.model
    def _chain_gate(self, records, method_name):
        """Raise UserError unless every record a rule holds for ``method_name`` is approved.

        Returns the approved requests the call consumes (marked done after the call)."""
        granted = self.browse()
        Rule = self.env["chain.approval.rule"]
        candidates = Rule._chain_candidate_rules(records._name, method_name)
        if not candidates:
            return granted  # the common case: one query, whatever the batch
        for record in records:
            if not isinstance(record.id, int):
                continue
            rules = Rule._chain_rules_for(record, method_name, rules=candidates)
            if not rules:
                continue
            request = self._chain_active_requests(record, method_name)[:1]
            if request.state == "approved":
                granted |= request
                continue
            if request.state == "pending":
                raise UserError(
                    _(
                        "%(document)s is waiting for approval (%(rule)s): %(todo)s.",
                        document=record.display_name, rule=request.rule_id.name, todo=request._chain_todo_text(),
                    )
                )  # fmt: skip
            raise UserError(
                _(
                    "%(document)s needs an approval (%(rule)s) first: request it from the Action menu.",
                    document=record.display_name, rule=rules[0].name,
                )
            )  # fmt: skip
        return granted

    def _chain_mark_done(self):
        # sudo: consuming the approval is part of the gated call, whoever makes it
        self.sudo().with_context(skip_validation_check=True).write({"state": "done"})

    @api.model
    def _chain_request_after(self, records, method_name):
        """After the submission ``method_name``, request the approvals that rules ask for."""
        Rule = self.env["chain.approval.rule"]
        for record in records:
            rules = Rule._chain_rules_for(record).filtered(lambda r: r.request_method == method_name)
            for rule in rules:
                if not self._chain_active_requests(record, rule.method_name):
                    self._chain_request(record, rule)

    @api.model
    def _chain_action_request(self, records):
        """Server action "Request approval": request every approval a rule asks for."""
        Rule = self.env["chain.approval.rule"]
        requests = self.browse()
        for record in records:
            rules = Rule._chain_rules_for(record)
            if not rules:
                raise UserError(_("No approval rule applies to %s.", record.display_name))
            for rule in rules:
                requests |= self._chain_active_requests(record, rule.method_name) or self._chain_request(record, rule)
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "info",
                "message": _("Approval requested: %s", ", ".join(requests.mapped(lambda r: r._chain_todo_text()))),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    # -- request ----------------------------------------------------------------------------

    def _prepare_request_vals(self, record, rule):
        return {
            "name": record.display_name,
            "rule_id": rule.id,
            "res_model": record._name,
            "res_id": record.id,
            "method_name": rule.method_name,
            "company_id": (record._fields.get("company_id") and record.sudo().company_id.id) or self.env.company.id,
            "store_id": rule._chain_store_of(record).id,
            "amount": rule._chain_amount_of(record),
            "requester_id": self.env.uid,
        }

    @api.model
    def _chain_request(self, record, rule):
        """Create the request of ``record`` for ``rule``, with its reviewers fixed now."""
        plan = self._chain_plan(record, rule)
        vals = self._prepare_request_vals(record, rule)
        vals["note"] = "\n".join(note for __, __, note in plan if note) or False
        # sudo: the requester may not create reviews for others; the plan decided who reviews
        request = self.sudo().create(vals)
        vals_list = []
        for index, (tier, users, __) in enumerate(plan, start=1):
            review_vals = request._prepare_tier_review_vals(tier._chain_definition(), index)
            review_vals.update({"chain_tier_id": tier.id, "chain_reviewer_ids": [fields.Command.set(users.ids)]})
            vals_list.append(review_vals)
        reviews = self.env["tier.review"].sudo().create(vals_list)
        reviews._compute_can_review()
        request._chain_notify_pending()
        record_post = getattr(record.sudo(), "message_post", None)
        if record_post:
            record_post(
                body=_("Approval requested (%(rule)s): %(todo)s", rule=rule.name, todo=request._chain_todo_text())
            )
        return request.with_env(self.env)

    @api.model
    def _chain_plan(self, record, rule, requester=None):
        """[(tier, users, note)] for ``record`` under ``rule`` as of now: who would review what
        ``requester`` (the current user by default) asks.

        Reviewers must belong to the document's company, delegations add substitutes, and a
        tier nobody could review falls back to the chain managers (the note says so). Four eyes:
        the requester never reviews their own request (a delegation naming them is ignored for
        it); a tier only they could review goes up to the region manager, then the chain
        managers (``_chain_four_eyes``); a tier nobody else can review refuses the request."""
        requester = requester if requester is not None else self.env.user
        company = (record._fields.get("company_id") and record.sudo().company_id) or self.env.company
        store = rule._chain_store_of(record)
        today = fields.Date.context_today(self)
        plan = []
        for tier in rule.tier_ids.sorted("sequence"):
            users = self._chain_resolve(tier, record, store)
            users = self._chain_with_substitutes(users, today)
            users = users.filtered(lambda u, c=company: c in u.company_ids and u.active)
            note = ""
            if users and users == requester:
                users = self._chain_four_eyes(users, requester, store, company)
                if not users:
                    raise UserError(
                        _("%(user)s requested it and nobody else of %(company)s can review tier %(tier)s of rule "
                          "%(rule)s: nobody approves their own request; add a chain manager.",
                          user=requester.name, company=company.name, tier=tier.name, rule=rule.name)
                    )  # fmt: skip
                note = _(
                    "%(user)s requested it and would have been the only reviewer of tier %(tier)s: it goes to "
                    "%(users)s.",
                    user=requester.name, tier=tier.name, users=", ".join(users.mapped("name")),
                )  # fmt: skip
            users -= requester
            if not users:
                users = self._chain_chain_managers(company) - requester
                note = _(
                    "Nobody of %(company)s can review tier %(tier)s: it goes to the chain managers.",
                    company=company.name,
                    tier=tier.name,
                )
            if not users:
                raise UserError(
                    _("Nobody of %(company)s can review tier %(tier)s of rule %(rule)s: add a chain manager.",
                      company=company.name, tier=tier.name, rule=rule.name)
                )  # fmt: skip
            plan.append((tier, users, note))
        return plan

    @api.model
    def _chain_four_eyes(self, users, requester, store, company):
        """Who reviews instead of ``requester`` when ``users`` is only them: the next manager up
        (see ``lib.approval.four_eyes``). Hook: change the ladder here."""

        def level(users):
            return users.filtered(lambda u: company in u.company_ids and u.active).ids

        # sudo: see _chain_region_managers
        ladder = [
            level(store.sudo().manager_id),
            level(self._chain_region_managers(store)),
            level(self._chain_chain_managers(company)),
        ]
        return self.env["res.users"].browse(four_eyes(users.ids, requester.id, ladder))

    @api.model
    def _chain_chain_managers(self, company):
        group = self.env.ref("chain_store.group_chain_manager")
        # sudo: the group's members, whoever asks
        return group.sudo().users.filtered(lambda u: company in u.company_ids and u.active and not u.share)

    @api.model
    def _chain_region_managers(self, store):
        region = store.sudo().region_id  # sudo: the region tree decides, not the reader's rights
        while region and not region.manager_id:
            region = region.parent_id
        return region.manager_id

    @api.model
    def _chain_resolve(self, tier, record, store):
        """Users of ``tier`` for ``record`` (hook: add approver types here)."""
        Users = self.env["res.users"]
        kind = tier.approver_type
        if kind == "store_manager":
            return store.sudo().manager_id  # sudo: see _chain_region_managers
        if kind == "region_manager":
            return self._chain_region_managers(store)
        if kind == "chain_manager":
            return self._chain_chain_managers(record.sudo().company_id if "company_id" in record else self.env.company)
        if kind == "user":
            return tier.user_id
        if kind == "group":
            users = tier.group_id.sudo().users.filtered(lambda u: not u.share)
            if store:
                local = users.filtered(lambda u: store in u.chain_visible_store_ids)
                return local or users
            return users
        if kind == "field":
            value = record.sudo().mapped(tier.field_name)
            return value if getattr(value, "_name", None) == "res.users" else Users
        if kind == "category_buyer":
            return self._chain_category_buyers(record)
        return Users

    @api.model
    def _chain_category_buyers(self, record):
        record = record.sudo()  # sudo: products and categories of the document decide
        products = self.env["product.product"]
        for name, field in record._fields.items():
            if field.type == "many2one" and field.comodel_name == "product.product":
                products |= record[name]
            elif (
                field.type == "one2many"
                and "product_id" in self.env[field.comodel_name]._fields
                and name != "message_ids"
            ):
                products |= record[name].mapped("product_id")
        return products.categ_id.mapped("chain_buyer_id")

    @api.model
    def _chain_with_substitutes(self, users, on_date):
        # sudo: delegations are personal but decide who reviews
        delegations = (
            self.env["chain.approval.delegation"]
            .sudo()
            .search([("user_id", "in", users.ids), ("date_from", "<=", on_date), ("date_to", ">=", on_date)])
        )
        rows = [(d.user_id.id, d.substitute_id.id, d.date_from, d.date_to) for d in delegations]
        return self.env["res.users"].browse(substitutes_for(users.ids, rows, on_date))

    # -- decisions --------------------------------------------------------------------------

    def _chain_my_reviews(self):
        self.ensure_one()
        sequences = self._get_sequences_to_approve(self.env.user)
        return self.review_ids.filtered(
            lambda r: r.sequence in sequences and r.status == "pending" and self.env.user in r.reviewer_ids
        )

    def action_chain_approve(self, comment=None):
        """Approve the user's current reviews; the last approval runs the gated button.

        Four eyes: the requester never approves their own request, whatever reviews name them."""
        for request in self:
            if self.env.user == request.requester_id:
                raise UserError(_("You requested %s: someone else approves it (four eyes).", request.name))
            reviews = request._chain_my_reviews()
            if request.state != "pending" or not reviews:
                raise UserError(_("You cannot approve %s now.", request.name))
            with guard.allow("tier.review", REVIEW_DECISION_FIELDS):
                if comment:
                    reviews.write({"comment": comment})
                request._validate_tier(reviews)
            request._chain_post_decision(reviews, _("approved"))
            request._update_counter({"review_deleted": True})
            if request.validation_status == "validated":
                request._chain_finish()
        return True

    def action_chain_reject(self, reason):
        """Reject with a reason (required): the document stays where it is."""
        if not (reason or "").strip():
            raise UserError(_("Say why you reject it."))
        for request in self:
            reviews = request._chain_my_reviews()
            if request.state != "pending" or not reviews:
                raise UserError(_("You cannot reject %s now.", request.name))
            with guard.allow("tier.review", REVIEW_DECISION_FIELDS):
                reviews.write({"comment": reason})
                request._rejected_tier(reviews)
            request._chain_post_decision(reviews, _("rejected"))
            request._update_counter({"review_deleted": True})
            # sudo: the reviewer closes the request, which the requester owns
            request.sudo().with_context(skip_validation_check=True).state = "rejected"
            request._chain_release_document()
        return True

    # -- OCA tier.validation's own entry points lead to ours ---------------------------------

    def validate_tier(self):
        """OCA's *Validate*: the chain's Approve (it runs the gated button when it is the last)."""
        return self.action_chain_approve()

    def reject_tier(self):
        """OCA's *Reject*: the chain's Reject, which asks for a reason."""
        return self.action_chain_reject_wizard()

    def request_validation(self):
        """Reviews of an approval are made when it is requested, with its reviewers fixed."""
        if not self.env.su:
            raise UserError(_("Approvals are requested from their document (Action menu or its button)."))
        return super().request_validation()

    def restart_validation(self):
        """Removing the reviews of a pending approval would leave it waiting for nobody."""
        if not self.env.su:
            raise UserError(
                _("An approval's reviewers cannot be reset: cancel it (a reviewer or a chain manager), "
                  "or withdraw it by putting its document back to draft, then request it again.")
            )  # fmt: skip
        return super().restart_validation()

    def _validate_tier(self, tiers=False):
        self._chain_check_engine()
        res = super()._validate_tier(tiers)
        self.review_ids._compute_can_review()
        self._chain_clear_done_activities()
        self._chain_notify_pending()
        return res

    def _rejected_tier(self, tiers=False):
        self._chain_check_engine()
        return super()._rejected_tier(tiers)

    def _chain_check_engine(self):
        """Decisions on an approval are made by Approve and Reject only (not by OCA's comment
        wizard, whose reviews come from the client)."""
        if not self.env.su and not guard.is_allowed("tier.review", "status"):
            raise AccessError(_("Approvals change only through Approve, Reject and Cancel."))

    def action_chain_reject_wizard(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": "chain.approval.reject.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_request_id": self.id},
        }

    def action_cancel(self):
        """Cancel a pending approval: its reviewers and the chain managers may. Its requester
        withdraws it only where the document goes back to draft with it (the document's
        ``_chain_approval_withdrawn`` hook), so that no document waits for a review nobody has."""
        for request in self:
            if request.state != "pending":
                raise UserError(_("Only a pending approval can be cancelled."))
            record = request._get_record()
            withdraw = record.exists() and hasattr(record, "_chain_approval_withdrawn")
            if not (request._chain_may_cancel() or (self.env.user == request.requester_id and withdraw)):
                raise UserError(
                    _("Only a reviewer of %s or a chain manager can cancel it: ask them, or put the document "
                      "back to draft.", request.name)
                )  # fmt: skip
            # sudo: see write; the user's right was checked above
            request.sudo().with_context(skip_validation_check=True).state = "cancel"
            request.sudo().message_post(body=_("Cancelled by %s.", self.env.user.name))  # sudo: see write
            request._chain_release_document()
        return True

    def _chain_release_document(self):
        """The approval was cancelled or rejected: a document waiting for it goes back to draft
        (its ``_chain_approval_withdrawn`` hook), so that it never waits for a review nobody has."""
        for request in self:
            record = request._get_record()
            if record.exists() and hasattr(record, "_chain_approval_withdrawn"):
                # sudo: the document goes back to draft with its approval, whoever decided
                record.sudo()._chain_approval_withdrawn(request)

    def _chain_may_cancel(self):
        """Whether the user may cancel this approval: one of its reviewers or a chain manager."""
        self.ensure_one()
        user = self.env.user
        # sudo: the reviewers decide who may cancel, whatever the user may read
        return user.has_group("chain_store.group_chain_manager") or user in self.sudo().review_ids.reviewer_ids

    @api.model
    def _chain_withdraw(self, records, reason):
        """Cancel the pending approvals of ``records`` (a document going back to draft) and say why.

        Called by documents whose *Back to Draft* withdraws what they asked for."""
        # sudo: the document's own action (its rights checked there) withdraws its approvals
        requests = self.sudo().search(
            [("res_model", "=", records._name), ("res_id", "in", records.ids), ("state", "=", "pending")]
        )
        for request in requests:
            request.with_context(skip_validation_check=True).state = "cancel"
            request.message_post(body=reason)
        return requests

    def action_open_document(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "res_model": self.res_model,
            "res_id": self.res_id,
            "view_mode": "form",
        }

    def _chain_finish(self):
        """All tiers approved: run the gated button as the last approver, in a savepoint, so that
        a document that changed meanwhile keeps its approval and says why it did not go on."""
        self.ensure_one()
        self.with_context(skip_validation_check=True).sudo().state = "approved"  # sudo: see reject
        record = self._get_record()
        if not record.exists():
            return
        try:
            with self.env.cr.savepoint():
                # sudo: the reviews decided who may approve; the button's own manager check
                # would refuse the region manager of a second tier otherwise
                getattr(record.sudo(), self.method_name)()
        except UserError as error:
            self.message_post(
                body=_("Approved, but %(method)s failed: %(error)s", method=self.method_name, error=error)
            )

    def _chain_post_decision(self, reviews, verb):
        record = self._get_record()
        tiers = ", ".join(reviews.mapped("chain_tier_id.name"))
        comment = reviews[:1].comment
        body = _("%(user)s %(verb)s (%(tier)s)", user=self.env.user.name, verb=verb, tier=tiers)
        if comment:
            body = _("%(body)s: %(comment)s", body=body, comment=comment)
        self.sudo().message_post(body=body)  # sudo: decisions are recorded on the request
        if hasattr(record, "message_post"):
            record.sudo().message_post(body=body)  # sudo: the reviewer may not write the document

    def _chain_todo_text(self):
        self.ensure_one()
        review = self.review_ids.filtered(lambda r: r.status == "pending")
        users = (
            review.mapped("reviewer_ids") or self.review_ids.filtered(lambda r: r.status == "waiting")[:1].reviewer_ids
        )
        return ", ".join(users.mapped("name")) or self.get_state_label()

    def get_state_label(self):
        return dict(self._fields["state"]._description_selection(self.env)).get(self.state, "")

    def _chain_notify_pending(self):
        """Schedule a to-do activity for each reviewer whose turn it is (later tiers too, as
        soon as they become pending)."""
        for request in self:
            for review in request.review_ids.filtered(lambda r: r.status == "pending" and not r.chain_notified):
                for user in review.reviewer_ids:
                    request.sudo().activity_schedule(  # sudo: reviewers get activities, whoever asks
                        "mail.mail_activity_data_todo",
                        user_id=user.id,
                        summary=_("Approve %s", request.name),
                        note=_("Tier %(tier)s of %(rule)s", tier=review.chain_tier_id.name, rule=request.rule_id.name),
                    )
                review.sudo().chain_notified = True

    def _chain_clear_done_activities(self):
        for request in self:
            done_users = request.review_ids.filtered(lambda r: r.status != "pending").reviewer_ids
            waiting = request.review_ids.filtered(lambda r: r.status == "pending").reviewer_ids
            request.sudo().activity_ids.filtered(  # sudo: activities of other reviewers
                lambda a, users=done_users - waiting: a.user_id in users
            ).action_feedback(feedback=_("Reviewed"))
