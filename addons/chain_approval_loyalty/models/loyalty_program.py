from odoo import api, fields, models

GO_LIVE = "action_chain_go_live"


class LoyaltyProgram(models.Model):
    """A promotion under an approval rule on *Go Live* is created archived, so that no store's
    point of sale nor any order applies it, and goes live only through its approval: the *Go Live*
    button, unarchiving and imports all pass the same gate."""

    _inherit = "loyalty.program"
    # going live (``active``) is held in write(): the context key that lets it through is set by
    # our own code only (chain_* keys are removed from what clients send)
    _chain_guarded_fields = {}

    chain_go_live_status = fields.Selection(
        [("held", "Needs Approval"), ("pending", "Waiting for Approval")],
        string="Go-Live Approval",
        compute="_compute_chain_go_live_status",
        help="An archived promotion that an approval rule holds: it goes live once approved.",
    )

    def _compute_chain_go_live_status(self):
        Request = self.env["chain.approval.request"]
        held = self._chain_go_live_held(self.filtered(lambda p: not p.active and isinstance(p.id, int)))
        pending = Request._chain_active_requests(held, GO_LIVE) if held else Request
        pending_ids = set(pending.mapped("res_id"))
        for program in self:
            if program not in held:
                program.chain_go_live_status = False
            else:
                program.chain_go_live_status = "pending" if program.id in pending_ids else "held"

    @api.model
    def _chain_go_live_held(self, programs):
        """The programs of ``programs`` that an active rule holds before they go live."""
        Rule = self.env["chain.approval.rule"]
        candidates = Rule._chain_candidate_rules(self._name, GO_LIVE)
        if not candidates:
            return programs.browse()
        return programs.filtered(lambda p: Rule._chain_rules_for(p, GO_LIVE, rules=candidates))

    @api.model_create_multi
    def create(self, vals_list):
        programs = super().create(vals_list)
        held = self._chain_go_live_held(programs.filtered("active"))
        if held:
            held.with_context(chain_go_live=True).write({"active": False})
        return programs

    def write(self, vals):
        if vals.get("active") and not self.env.context.get("chain_go_live"):
            going_live = self._chain_go_live_held(self.filtered(lambda p: not p.active))
            if going_live:
                # unarchiving or importing active=True is going live: it needs the approval too
                rest = dict(vals)
                rest.pop("active")
                result = super().write(rest) if rest else True
                (self - going_live).with_context(chain_go_live=True).write({"active": True})
                going_live.action_chain_go_live()
                return result
        return super().write(vals)

    def action_chain_request_go_live(self):
        """*Request Approval*: the approvals that rules ask before the promotion goes live."""
        return self.env["chain.approval.request"]._chain_action_request(self)

    def _chain_approval_withdrawn(self, request):
        """Hook of chain_approval: a withdrawn go-live leaves the promotion archived (held), to be
        requested again; the requester may withdraw it."""
        return True

    def action_chain_go_live(self):
        """Make the promotion live in the stores (held by an approval rule when one applies)."""
        self.with_context(chain_go_live=True).write({"active": True})
        return True
