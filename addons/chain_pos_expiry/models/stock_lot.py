from odoo import api, fields, models


class StockLot(models.Model):
    _name = "stock.lot"
    _inherit = ["stock.lot", "pos.load.mixin"]

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
    def _chain_pos_lot_domain(self, config):
        """Hook: domain on ``stock.quant`` of the stock a till of ``config`` sells from."""
        return [
            ("location_id", "child_of", config.picking_type_id.default_location_src_id.id),
            ("lot_id", "!=", False),
            ("quantity", ">", 0),
            ("product_id.available_in_pos", "=", True),
            ("product_id.tracking", "!=", "none"),
        ]

    @api.model
    def _chain_pos_lot_data(self, config, product_ids=None, lot_names=None):
        """Lots a till of ``config`` may be asked to sell, with their dates and the quantity on
        the store's shelves: one grouped query on quants, one read of the lots.

        ``product_ids`` / ``lot_names`` narrow it (refresh of one product, lookup of a lot
        scanned at the till); lots named in ``lot_names`` are returned even without stock.
        """
        domain = self._chain_pos_lot_domain(config)
        if product_ids:
            domain.append(("product_id", "in", list(product_ids)))
        if lot_names:
            domain.append(("lot_id.name", "in", list(lot_names)))
        # sudo: cashiers sell from the store's stock without reading quants themselves
        groups = self.env["stock.quant"].sudo()._read_group(domain, ["lot_id"], ["quantity:sum"])
        qty_by_lot = {lot.id: qty for lot, qty in groups}
        if lot_names:
            lot_domain = [("name", "in", list(lot_names)), ("company_id", "in", [False, config.company_id.id])]
            if product_ids:
                lot_domain.append(("product_id", "in", list(product_ids)))
            lot_ids = self.sudo().search(lot_domain).ids
        else:
            lot_ids = sorted(qty_by_lot)
        fields_ = [f for f in self._load_pos_data_fields(config.id) if f != "chain_pos_qty"]
        records = self.sudo().browse(lot_ids).read(fields_, load=False)
        for record in records:
            record["chain_pos_qty"] = qty_by_lot.get(record["id"], 0.0)
        return records

    @api.model
    def chain_pos_lots(self, config_id, product_ids=None, lot_names=None):
        """RPC of the till: refresh the lots of ``product_ids`` (or all) or look up ``lot_names``."""
        config = self.env["pos.config"].browse(config_id)
        config.check_access("read")
        return self._chain_pos_lot_data(config, product_ids=product_ids, lot_names=lot_names)
