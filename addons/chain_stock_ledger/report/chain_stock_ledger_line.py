from odoo import fields, models

QTY = "Product Unit of Measure"


class ChainStockLedgerLine(models.TransientModel):
    """One row of a stock ledger run: a store's product (or lot) over the period.

    Rows are written by one ``INSERT ... SELECT`` of the ledger query
    (``chain.stock.ledger._fill_lines``) and vacuumed with their run.

    The table has no foreign keys, as Odoo's report views have none: a chain-wide run writes
    about 300,000 rows, and checking their ten references (run, store, product, lot, users...)
    tripled the time of the run (11.4 s instead of 4.1 s for 299,078 rows). The rows come from
    the ledger query, which only names existing records, and are rewritten on every run.
    """

    _name = "chain.stock.ledger.line"
    _description = "Stock Ledger Line"
    _chain_guarded_fields = {}  # results of the user's own query, read-only (access rights)
    _chain_store_field = "store_id"
    _order = "store_id, product_id, lot_id, id"
    _rec_name = "product_id"

    ledger_id = fields.Many2one("chain.stock.ledger", string="Ledger", required=True, ondelete="cascade", index=True)
    store_id = fields.Many2one("chain.store", string="Store", readonly=True)
    region_id = fields.Many2one("chain.store.region", string="Region", readonly=True)
    company_id = fields.Many2one("res.company", string="Company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    product_id = fields.Many2one("product.product", string="Product", readonly=True)
    categ_id = fields.Many2one("product.category", string="Product Category", readonly=True)
    uom_id = fields.Many2one("uom.uom", string="Unit", readonly=True)
    lot_id = fields.Many2one("stock.lot", string="Lot", readonly=True)

    opening_qty = fields.Float(string="Opening Qty", digits=QTY, readonly=True)
    receipt_qty = fields.Float(string="Receipts", digits=QTY, readonly=True, help="From suppliers, net of returns")
    transfer_in_qty = fields.Float(string="Transfers In", digits=QTY, readonly=True)
    return_qty = fields.Float(string="Customer Returns", digits=QTY, readonly=True)
    pos_sale_qty = fields.Float(string="POS Sales", digits=QTY, readonly=True)
    sale_qty = fields.Float(string="Other Sales", digits=QTY, readonly=True)
    transfer_out_qty = fields.Float(string="Transfers Out", digits=QTY, readonly=True)
    inventory_qty = fields.Float(
        string="Inventory Adjustments", digits=QTY, readonly=True, help="Stock found (+) or lost (-) at counts"
    )
    scrap_qty = fields.Float(string="Scrap", digits=QTY, readonly=True)
    other_qty = fields.Float(string="Other Movements", digits=QTY, readonly=True)
    closing_qty = fields.Float(string="Closing Qty", digits=QTY, readonly=True)

    opening_value = fields.Monetary(string="Opening Value", readonly=True)
    receipt_value = fields.Monetary(string="Receipts Value", readonly=True)
    transfer_in_value = fields.Monetary(string="Transfers In Value", readonly=True)
    return_value = fields.Monetary(string="Customer Returns Value", readonly=True)
    pos_sale_value = fields.Monetary(string="POS Sales Value", readonly=True)
    sale_value = fields.Monetary(string="Other Sales Value", readonly=True)
    transfer_out_value = fields.Monetary(string="Transfers Out Value", readonly=True)
    inventory_value = fields.Monetary(string="Inventory Adjustments Value", readonly=True)
    scrap_value = fields.Monetary(string="Scrap Value", readonly=True)
    other_value = fields.Monetary(string="Other Movements Value", readonly=True)
    closing_value = fields.Monetary(string="Closing Value", readonly=True)

    def _is_an_ordinary_table(self):
        # read by Odoo to decide on foreign keys (fields.Many2one.update_db_foreign_key): none
        # here, see the class docstring; the rows are not exported with external ids either
        return False
