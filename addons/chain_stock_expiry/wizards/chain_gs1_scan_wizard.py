from odoo import _, fields, models


class ChainGs1ScanWizard(models.TransientModel):
    _name = "chain.gs1.scan.wizard"
    _description = "Scan a GS1 Code"
    _chain_guarded_fields = {}  # the user's input, applied through the receipt's own method

    picking_id = fields.Many2one("stock.picking", required=True)
    code = fields.Char(
        string="GS1 Code", required=True, help="GS1-128 or GS1 DataMatrix content (AI 01, 10, 11, 17, 37)."
    )
    last_result = fields.Text(readonly=True)

    def action_scan(self):
        """Apply the code to the receipt and stay open for the next scan."""
        self.ensure_one()
        line = self.picking_id.chain_receive_gs1(self.code)
        self.write(
            {
                "code": False,
                "last_result": f"{line.product_id.display_name} / {line.lot_id.name or line.lot_name or ''}"
                f" x {line.quantity:g}",
            }
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": self._name,
            "res_id": self.id,
            "view_mode": "form",
            "target": "new",
            "name": _("Scan GS1 Code"),
        }
