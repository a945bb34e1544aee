from odoo import fields, models


class ChainMemberPointsAdjust(models.TransientModel):
    """Add or remove a member's points by hand, with the reason (store managers)."""

    _name = "chain.member.points.adjust"
    _description = "Adjust Member Points"
    _chain_guarded_fields = {}  # a form: the member's method checks the role and the reason

    member_id = fields.Many2one("chain.member", required=True, ondelete="cascade")
    points = fields.Integer(required=True, help="Positive to add points, negative to remove them.")
    reason = fields.Char(required=True)

    def action_confirm(self):
        self.ensure_one()
        self.member_id.action_adjust_points(self.points, self.reason)
        return {"type": "ir.actions.act_window_close"}
