from odoo import api, fields, models


class PosOrderLine(models.Model):
    """What a till line says about deposits and service cards; the server checks it when the order is paid."""

    _inherit = "pos.order.line"
    # till input, judged at sync (the deposit or card rows record what the server accepted)
    _chain_guarded_fields = {}

    chain_deposit_product_id = fields.Many2one(
        "product.product",
        string="Deposited Product",
        readonly=True,
        help="On a deposit line sold: the product whose units the member leaves with the chain.",
    )
    chain_deposit_ref = fields.Integer(
        string="Deposit Picked Up",
        readonly=True,
        help="Id of the member's deposit this line picks up (the product's line and the deposit's negative line).",
    )
    chain_card_ref = fields.Integer(
        string="Service Card Used",
        readonly=True,
        help="Id of the member's service card this line uses (the service's line and the card's negative line).",
    )
    chain_employee_ref = fields.Integer(
        string="Served by (id)", readonly=True, help="Id of the employee who gave the service, as the till sent it."
    )

    @api.model
    def _load_pos_data_fields(self, config_id):
        fields_ = super()._load_pos_data_fields(config_id)
        if fields_:  # [] means every field
            fields_ += ["chain_deposit_product_id", "chain_deposit_ref", "chain_card_ref", "chain_employee_ref"]
        return fields_
