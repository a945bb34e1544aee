from odoo import fields, models
from odoo.tools import SQL

# one award and one reversal per channel order, whatever runs twice
SALE_ORDER_UNIQUE_INDEX = "chain_member_points_line_sale_order_kind_uniq"


class ChainMemberPointsLine(models.Model):
    _inherit = "chain.member.points.line"
    # written with the rest of the ledger row, by the server only (as superuser)
    _chain_guarded_fields = {"sale_order_id": ()}

    sale_order_id = fields.Many2one(
        "sale.order", string="Channel Order", readonly=True, index="btree_not_null", ondelete="restrict"
    )

    def init(self):
        result = super().init()
        self.env.cr.execute(
            SQL(
                "CREATE UNIQUE INDEX IF NOT EXISTS %s ON %s (sale_order_id, kind)"
                " WHERE sale_order_id IS NOT NULL AND kind IN ('award', 'reversal')",
                SQL.identifier(SALE_ORDER_UNIQUE_INDEX),
                SQL.identifier(self._table),
            )
        )
        return result
