from odoo import api, models


class ChainMemberPointsLine(models.Model):
    _inherit = "chain.member.points.line"
    _chain_guarded_fields = {}  # no field added: the loyalty card follows each new ledger row

    @api.model_create_multi
    def create(self, vals_list):
        lines = super().create(vals_list)
        lines.member_id._chain_sync_loyalty_cards()
        return lines
