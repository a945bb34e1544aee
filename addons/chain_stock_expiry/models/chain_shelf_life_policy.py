from odoo import _, api, fields, models
from odoo.exceptions import ValidationError

from ..lib import shelf_life

UNITS = [("days", "Days"), ("percent", "% of shelf life")]
# (value field, unit field) of each threshold, all counted as remaining life before expiry
THRESHOLDS = {
    "near": ("near_value", "near_unit"),
    "last_sale": ("last_sale_value", "last_sale_unit"),
    "removal": ("removal_value", "removal_unit"),
    "receipt": ("receipt_min_value", "receipt_min_unit"),
    "transfer": ("transfer_min_value", "transfer_min_unit"),
}


class ChainShelfLifePolicy(models.Model):
    """When a lot becomes near-expiry, must stop selling, must leave the shelf,
    and how much life it needs left to be accepted.

    A policy applies to a product category (and its sub-categories) or to one
    product, optionally only for lots from one supplier. The most specific
    policy wins (see :meth:`_chain_find`).
    """

    _name = "chain.shelf.life.policy"
    _description = "Shelf-Life Policy"
    _order = "sequence, id"
    _chain_guarded_fields = {}  # configuration: expiry control managers only (access rights)

    name = fields.Char(required=True, translate=True)
    active = fields.Boolean(default=True)
    sequence = fields.Integer(default=10)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    categ_id = fields.Many2one("product.category", string="Product Category", index=True, ondelete="cascade")
    product_tmpl_id = fields.Many2one("product.template", string="Product", index=True, ondelete="cascade")
    partner_id = fields.Many2one(
        "res.partner", string="Supplier", index=True, ondelete="cascade",
        help="Applies only to lots received from this supplier.",
    )  # fmt: skip
    shelf_life_days = fields.Integer(
        string="Shelf Life (days)",
        help="Total shelf life from production to expiry. Used to compute the expiry date from the production "
        "date and the thresholds given in %. Empty: the product's expiration time.",
    )
    near_value = fields.Float(string="Near Expiry", help="Near expiry when less than this remains.")
    near_unit = fields.Selection(UNITS, default="percent", required=True)
    last_sale_value = fields.Float(string="Last Sale Day", help="Stop selling when less than this remains.")
    last_sale_unit = fields.Selection(UNITS, default="days", required=True)
    removal_value = fields.Float(
        string="Removal", help="Pull from the shelf (and quarantine) when less than this remains."
    )
    removal_unit = fields.Selection(UNITS, default="days", required=True)
    receipt_min_value = fields.Float(
        string="Minimum at Receipt", help="A receipt is refused when a lot has less remaining life."
    )
    receipt_min_unit = fields.Selection(UNITS, default="percent", required=True)
    transfer_min_value = fields.Float(
        string="Minimum at Transfer", help="An inter-store transfer is refused when a lot has less remaining life."
    )
    transfer_min_unit = fields.Selection(UNITS, default="percent", required=True)
    accepts_returns = fields.Boolean(
        string="Supplier Accepts Returns", help="Near-expiry lots of this supplier can be returned to it."
    )
    note = fields.Text()

    _sql_constraints = [
        (
            "target_required",
            "CHECK(categ_id IS NOT NULL OR product_tmpl_id IS NOT NULL)",
            "A shelf-life policy applies to a product category or to a product.",
        ),
        ("shelf_life_positive", "CHECK(shelf_life_days IS NULL OR shelf_life_days >= 0)", "Shelf life is negative."),
    ]

    @api.constrains(*(f for pair in THRESHOLDS.values() for f in pair))
    def _check_thresholds(self):
        for policy in self:
            for value_field, unit_field in THRESHOLDS.values():
                value = policy[value_field]
                if value < 0 or (policy[unit_field] == "percent" and value > 100):
                    raise ValidationError(
                        _(
                            "%(field)s of policy %(policy)s must be between 0 and 100%% or a positive number of days.",
                            field=policy._fields[value_field].get_description(self.env)["string"],
                            policy=policy.name,
                        )
                    )

    def _threshold(self, kind):
        """``(value, unit)`` of threshold ``kind`` (a key of THRESHOLDS), or None if not set."""
        self.ensure_one()
        value_field, unit_field = THRESHOLDS[kind]
        return (self[value_field], self[unit_field]) if self[value_field] else None

    def _total_days(self, product, production=None, expiry=None):
        """Total shelf life in days of a lot of ``product``: from its own dates when both are
        known, else the policy's shelf life, else the product's expiration time."""
        default = (self.shelf_life_days if self else 0) or product.expiration_time or None
        return shelf_life.total_life_days(production, expiry, default)

    @api.model
    def _chain_find(self, product, supplier=None, company=None):
        """The policy that applies to ``product`` (received from ``supplier``).

        Specificity, highest first: product + supplier, product, category +
        supplier, category (the closest ancestor category wins); then
        ``sequence``. A policy for another supplier never applies.
        Returns an empty recordset when none applies.
        """
        company = company or self.env.company
        supplier = supplier.commercial_partner_id if supplier else supplier
        categ_ids = [int(i) for i in (product.categ_id.parent_path or "").split("/") if i]
        domain = [
            ("company_id", "=", company.id),
            ("partner_id", "in", [False, supplier.id] if supplier else [False]),
            "|",
            ("product_tmpl_id", "=", product.product_tmpl_id.id),
            "&",
            ("product_tmpl_id", "=", False),
            ("categ_id", "in", categ_ids),
        ]
        candidates = self.sudo().search(domain)  # sudo: the policy is configuration every stock user applies
        if not candidates:
            return self.browse()
        depth = {categ_id: pos for pos, categ_id in enumerate(categ_ids)}

        def score(policy):
            return (
                bool(policy.product_tmpl_id),
                depth.get(policy.categ_id.id, -1),
                bool(policy.partner_id),
                -policy.sequence,
                -policy.id,
            )

        return self.browse(max(candidates, key=score).id)
