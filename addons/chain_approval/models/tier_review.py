from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError

from odoo.addons.chain_store.lib import guard

from ..lib.approval import escalation_due, next_level

# fields the engine keeps writing on decided reviews (stored computes, reminders)
FROZEN_FIELDS = {"chain_tier_id", "chain_reviewer_ids", "model", "res_id", "sequence", "definition_id", "requested_by"}
DECISION_FIELDS = {"status", "done_by", "reviewed_date", "comment"}
# what OCA's engine (validate, reject, request) writes on the reviews of any document
ENGINE_FIELDS = {"status", "done_by", "reviewed_date"}
MUTABLE_AFTER_DECISION = {"can_review", "last_reminder_date", "reviewer_ids", "todo_by", "chain_notified"}


def _in_engine():
    """Whether the validation engine (OCA's or the chain's Approve and Reject) is running."""
    return guard.is_allowed("tier.review", "status")


class TierReview(models.Model):
    """Chain reviews carry their reviewers, fixed when the approval was requested."""

    _inherit = "tier.review"
    # decisions are guarded in write() (the engine's own progression is written as whoever
    # triggers it, so a per-method declaration cannot express it); the chain's facts here
    _chain_guarded_fields = {
        "chain_tier_id": ("_chain_escalate",),
        "chain_reviewer_ids": ("_chain_escalate",),
        "chain_escalated": ("_chain_escalate",),
    }

    chain_tier_id = fields.Many2one("chain.approval.rule.tier", string="Rule Tier", readonly=True, index=True)
    chain_reviewer_ids = fields.Many2many(
        "res.users", "chain_approval_review_user_rel", "review_id", "user_id", string="Fixed Reviewers", readonly=True
    )
    chain_notified = fields.Boolean(readonly=True)
    chain_escalated = fields.Boolean(string="Escalated", readonly=True)

    @api.model
    def _get_reviewer_fields(self):
        return super()._get_reviewer_fields() + ["chain_reviewer_ids"]

    def _get_reviewers(self):
        if self.chain_tier_id:
            return self.chain_reviewer_ids
        return super()._get_reviewers()

    @api.model_create_multi
    def create(self, vals_list):
        if not self.env.su and any(vals.get("model") == "chain.approval.request" for vals in vals_list):
            raise AccessError(_("Approval reviews are created when an approval is requested."))
        if not self.env.su and not _in_engine():
            # a review made by hand (already "approved") would validate its document
            raise AccessError(_("Reviews are created when a validation is requested."))
        return super().create(vals_list)

    def write(self, vals):
        if not self.env.su:
            self._chain_check_write(vals)
        if set(vals) - MUTABLE_AFTER_DECISION and not self.env.context.get("chain_escalation"):
            decided = self.filtered(lambda r: r.chain_tier_id and r.status in ("approved", "rejected"))
            if decided:
                raise UserError(_("The decision on %s is kept as it was made: it cannot be changed.", decided[0].name))
        return super().write(vals)

    def _chain_check_write(self, vals):
        """A user decides on reviews only through the engine's Approve and Reject (of OCA or of
        the chain): a review written ``cancel`` or ``approved`` by hand would leave its document
        waiting for nobody, or validate it. The engine's own progression (the next review's turn
        comes, OCA's ``_compute_can_review``) stays open to whoever triggers it."""
        keys = set(vals)
        chain = self.filtered("chain_tier_id")
        if chain and FROZEN_FIELDS & keys:
            raise AccessError(_("The reviewers of an approval are fixed when it is requested."))
        progression = keys == {"status"} and vals["status"] == "pending" and self._chain_their_turn()
        decision = (ENGINE_FIELDS & keys) or (chain and DECISION_FIELDS & keys)
        if not decision or progression:
            return
        if not _in_engine():
            raise AccessError(_("Reviews are decided with Approve or Reject, not written directly."))
        # inside the engine: moving a waiting review to pending or cancelling the rest after a
        # rejection is done as whoever decided; a decision is the reviewer's own
        if keys == {"status"} and vals["status"] in ("pending", "cancel"):
            return
        if chain.filtered(lambda r: self.env.user not in r.reviewer_ids):
            raise AccessError(_("Only its reviewers decide on a review."))
        if vals.get("status") == "approved" and chain.filtered(lambda r: r._chain_requester() == self.env.user):
            raise AccessError(_("Nobody approves their own request (four eyes)."))

    def _chain_requester(self):
        """The user who requested the approval this review belongs to."""
        self.ensure_one()
        # sudo: the request decides, whatever the reviewer may read of it
        return self.env[self.model].sudo().browse(self.res_id).requester_id.with_env(self.env)

    def _chain_their_turn(self):
        """Whether every review of ``self`` waits and is next in its document's sequence."""
        for review in self:
            if review.status not in ("waiting", "pending"):
                return False
            if not review.approve_sequence:
                continue
            # sudo: the other reviews of the document decide whose turn it is
            open_reviews = self.sudo().search(
                [("model", "=", review.model), ("res_id", "=", review.res_id), ("status", "in", ("waiting", "pending"))]
            )
            if review.sequence != min(open_reviews.mapped("sequence")):
                return False
        return True

    @api.ondelete(at_uninstall=False)
    def _unlink_except_chain(self):
        # an approval without its reviews would wait for nobody: they go with the approval only
        if not self.env.su and self.filtered("chain_tier_id"):
            raise AccessError(_("The reviews of an approval cannot be deleted: cancel the approval instead."))

    @api.ondelete(at_uninstall=False)
    def _unlink_except_decided(self):
        if self.filtered(lambda r: r.chain_tier_id and r.status in ("approved", "rejected")):
            raise UserError(_("Decided approvals are kept: they cannot be deleted."))

    # -- escalation -------------------------------------------------------------------------

    def _chain_pending_since(self):
        """When this review became pending: the last decision of an earlier tier, else the request."""
        self.ensure_one()
        request = self.env[self.model].browse(self.res_id)
        earlier = request.review_ids.filtered(lambda r: r.sequence < self.sequence and r.reviewed_date)
        dates = earlier.mapped("reviewed_date") if self.approve_sequence else []
        return max(dates) if dates else request.requested_date

    @api.model
    def _cron_chain_escalate(self):
        """Send overdue reviews to the next manager up and tell both."""
        now = fields.Datetime.now()
        reviews = self.search(
            [("chain_tier_id.escalation_hours", ">", 0), ("status", "=", "pending"), ("chain_escalated", "=", False)]
        )
        for review in reviews:
            if escalation_due(review._chain_pending_since(), review.chain_tier_id.escalation_hours, now):
                review._chain_escalate()

    def _chain_escalate(self):
        self.ensure_one()
        Request = self.env["chain.approval.request"]
        request = Request.browse(self.res_id)
        store = request.store_id
        company = request.company_id
        ladder = [
            store.manager_id.filtered(lambda u: company in u.company_ids).ids,
            Request._chain_region_managers(store).filtered(lambda u: company in u.company_ids).ids if store else [],
            Request._chain_chain_managers(company).ids,
        ]
        # four eyes: the review never climbs to its requester, but past them
        ladder = [[user for user in level if user != request.requester_id.id] for level in ladder]
        up = self.env["res.users"].browse(next_level(ladder, self.chain_reviewer_ids.ids))
        before = self.chain_reviewer_ids
        up -= before
        self.with_context(chain_escalation=True).write(
            {"chain_escalated": True, "chain_reviewer_ids": [fields.Command.link(u.id) for u in up]}
        )
        if not up:
            return
        self.chain_notified = False
        request._chain_notify_pending()
        body = _(
            "Review %(tier)s waited more than %(hours)s hours: it goes to %(up)s too.",
            tier=self.chain_tier_id.name,
            hours=self.chain_tier_id.escalation_hours,
            up=", ".join(up.mapped("name")),
        )
        request.message_post(body=body, partner_ids=(before | up).partner_id.ids)
