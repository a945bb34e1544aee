from odoo import api, fields, models
from odoo.tools import SQL


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "pos.load.mixin"]
    _chain_guarded_fields = {}  # a computed quantity, nothing stored

    chain_pos_qty = fields.Float(
        string="Quantity in Store",
        compute="_compute_chain_pos_qty",
        digits="Product Unit of Measure",
        help="Quantity of the lot on the shelves of the point of sale's store (filled when the POS loads).",
    )

    def _compute_chain_pos_qty(self):
        # Only meaningful in the POS payload (``_chain_pos_lot_data``), which fills it itself.
        self.chain_pos_qty = 0.0

    @api.model
    def _load_pos_data_fields(self, config_id):
        return [
            "id",
            "name",
            "product_id",
            "expiration_date",
            "removal_date",
            "alert_date",
            "chain_blocked",
            "chain_pos_qty",
        ]

    @api.model
    def _load_pos_data(self, data):
        config = self.env["pos.config"].browse(data["pos.config"]["data"][0]["id"])
        return {"data": self._chain_pos_lot_data(config), "fields": self._load_pos_data_fields(config.id)}

    @api.model
    def _chain_pos_lot_data(self, config, product_ids=None, lot_names=None):
        """Lots a till of ``config`` may be asked to sell, with their dates and the quantity on
        the store's shelves, as the POS reads them.

        ``product_ids`` narrows it (refresh of one product); ``lot_names`` looks lots up by
        name (a lot scanned at the till), returned even without stock in the store.
        """
        if lot_names:
            return self._chain_pos_lot_lookup(config, product_ids, lot_names)
        # One grouped query: the session of a store with 20,000 lots must load in well under a
        # second, which ``_read_group`` + ``read`` (about 1 s there) did not give.
        location = config.picking_type_id.default_location_src_id
        query = SQL(
            """
            SELECT lot.id, lot.name, lot.product_id, lot.expiration_date, lot.removal_date, lot.alert_date,
                   COALESCE(lot.chain_blocked, FALSE), SUM(quant.quantity)::float
              FROM stock_quant quant
              JOIN stock_location location ON location.id = quant.location_id
              JOIN stock_lot lot ON lot.id = quant.lot_id
              JOIN product_product product ON product.id = quant.product_id
              JOIN product_template template ON template.id = product.product_tmpl_id
             WHERE location.parent_path LIKE %(path)s
               AND quant.quantity > 0
               AND product.active AND template.available_in_pos AND template.tracking != 'none'
               AND (%(no_products)s OR quant.product_id = ANY(%(product_ids)s))
          GROUP BY lot.id
          ORDER BY lot.id
            """,
            path=f"{location.parent_path}%",
            no_products=not product_ids,
            product_ids=list(product_ids or []),
        )
        self.env.flush_all()
        self.env.cr.execute(query)
        keys = ("id", "name", "product_id", "expiration_date", "removal_date", "alert_date", "chain_blocked")
        return [{**dict(zip(keys, row[:7], strict=True)), "chain_pos_qty": row[7]} for row in self.env.cr.fetchall()]

    @api.model
    def _chain_pos_lot_lookup(self, config, product_ids, lot_names):
        location = config.picking_type_id.default_location_src_id
        lot_domain = [("name", "in", list(lot_names)), ("company_id", "in", [False, config.company_id.id])]
        if product_ids:
            lot_domain.append(("product_id", "in", list(product_ids)))
        lots = self.sudo().search(lot_domain)  # sudo: cashiers sell lots without reading them
        groups = (
            self.env["stock.quant"]
            .sudo()  # sudo: same, for the quantity on the store's shelves
            ._read_group(
                [("lot_id", "in", lots.ids), ("location_id", "child_of", location.id), ("quantity", ">", 0)],
                ["lot_id"],
                ["quantity:sum"],
            )
        )
        qty_by_lot = {lot.id: qty for lot, qty in groups}
        fields_ = [f for f in self._load_pos_data_fields(config.id) if f != "chain_pos_qty"]
        records = lots.read(fields_, load=False)
        for record in records:
            record["chain_pos_qty"] = qty_by_lot.get(record["id"], 0.0)
        return records

    @api.model
    def chain_pos_lots(self, config_id, product_ids=None, lot_names=None):
        """RPC of the till: refresh the lots of ``product_ids`` (or all) or look up ``lot_names``."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        return self._chain_pos_lot_data(config, product_ids=product_ids, lot_names=lot_names)
