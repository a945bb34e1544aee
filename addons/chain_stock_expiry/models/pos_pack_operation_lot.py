from odoo import api, fields, models


class PosPackOperationLot(models.Model):
    _inherit = "pos.pack.operation.lot"
    _chain_guarded_fields = {}  # a stored compute from the lot number

    chain_lot_id = fields.Many2one(
        "stock.lot",
        string="Lot",
        compute="_compute_chain_lot_id",
        store=True,
        index=True,
        help="The lot the POS sold, found from the lot number typed or scanned at the till.",
    )

    @api.depends("lot_name", "product_id")
    def _compute_chain_lot_id(self):
        lines = self.filtered(lambda line: line.lot_name and line.product_id)
        (self - lines).chain_lot_id = False
        if not lines:
            return
        lots = (
            self.env["stock.lot"]
            .sudo()  # sudo: the link must not depend on whether the cashier may read lots
            .search([("product_id", "in", lines.product_id.ids), ("name", "in", list(set(lines.mapped("lot_name"))))])
        )
        by_key = {}
        for lot in lots:
            by_key.setdefault((lot.product_id.id, lot.name), []).append(lot)
        for line in lines:
            company = line.order_id.company_id
            candidates = by_key.get((line.product_id.id, line.lot_name), [])
            match = [lot for lot in candidates if lot.company_id in (company, lot.company_id.browse())]
            line.chain_lot_id = match[0].id if match else False
