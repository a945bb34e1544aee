from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ProductTemplate(models.Model):
    """What a service count card product sells (次卡): N uses of a service, for a period, in some stores."""

    _inherit = "product.template"
    _chain_guarded_fields = {}  # catalogue configuration, under the product's ACL

    chain_card_uses = fields.Integer(string="Uses", default=10, help="How many times the card's service is given.")
    chain_card_validity_days = fields.Integer(
        string="Validity (days)", default=365, help="The card is used within this many days of its sale."
    )
    chain_card_service_product_id = fields.Many2one(
        "product.product",
        string="Service",
        domain=[("type", "=", "service")],
        help="The service each use pays for (e.g. a baby bath).",
    )
    chain_card_store_ids = fields.Many2many(
        "chain.store", string="Usable in Stores", help="Empty: usable in every store of the chain."
    )

    @api.constrains(
        "chain_prepaid_kind", "chain_card_uses", "chain_card_validity_days", "chain_card_service_product_id"
    )
    def _check_chain_service_card(self):
        for template in self.filtered(lambda t: t.chain_prepaid_kind == "service_card"):
            if template.chain_card_uses <= 0 or template.chain_card_validity_days <= 0:
                raise ValidationError(_("A service card has at least one use and a validity of at least a day."))
            if not template.chain_card_service_product_id:
                raise ValidationError(_("Service card %s: choose the service it pays for.", template.name))
