from odoo import api, fields, models


class StockWarehouse(models.Model):
    _inherit = "stock.warehouse"
    _chain_guarded_fields = {}  # configuration: stock managers only (ACL)
    _chain_store_field = "chain_store_id"

    chain_store_ids = fields.One2many("chain.store", "warehouse_id", string="Stores")
    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        compute="_compute_chain_store_id",
        store=True,
        index=True,
        help="The store that owns this warehouse, if any.",
    )

    @api.depends("chain_store_ids")
    def _compute_chain_store_id(self):
        for warehouse in self:
            warehouse.chain_store_id = warehouse.chain_store_ids[:1]
