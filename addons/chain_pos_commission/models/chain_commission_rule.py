from datetime import datetime, time

from dateutil.relativedelta import relativedelta

from odoo import _, api, fields, models
from odoo.exceptions import ValidationError
from odoo.osv import expression

from odoo.addons.chain_member.models.chain_member_baby import FORMULA_STAGES

from ..lib import commission as lib

APPLIES_TO = [
    ("product", "Product"),
    ("brand", "Brand"),
    ("formula_stage", "Formula Stage"),
    ("category", "Product Category"),
    ("all", "All Products"),
]
BASES = [
    ("sales", "% of Sales"),
    ("margin", "% of Margin"),
    ("fixed", "Fixed per Unit"),
    ("member_enrolled", "Per Member Enrolled"),
]


class ChainCommissionRule(models.Model):
    """A commission rule (提成规则): what a guide earns on the POS lines of some products, or a bonus.

    Line rules (base ``sales``, ``margin``, ``fixed``) apply to the products of their scope; for each
    product the most specific rule wins (``lib.commission``: product > brand > formula stage >
    category, deepest first > all products; then sequence). Bonus rules (``member_enrolled`` and the
    bases glue addons add, e.g. ``topup``, ``deposit``) pay per item counted for the employee in the
    month by ``chain.commission.statement._chain_bonus_figures``. Tiers replace the rate and amount
    when the employee's monthly sales target is reached far enough.
    """

    _name = "chain.commission.rule"
    _description = "Commission Rule"
    _order = "sequence, id"
    _chain_guarded_fields = {}  # configuration: chain managers only (ACL)

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    company_id = fields.Many2one("res.company", required=True, index=True, default=lambda self: self.env.company)
    currency_id = fields.Many2one(related="company_id.currency_id")
    store_ids = fields.Many2many(
        "chain.store", string="Stores", check_company=True, help="Empty: every store of the company."
    )
    applies_to = fields.Selection(APPLIES_TO, string="Applies to", required=True, default="all")
    product_tmpl_id = fields.Many2one("product.template", string="Product", check_company=True)
    brand = fields.Char(help="The brand of the products, as on the product (case ignored).")
    formula_stage = fields.Selection(FORMULA_STAGES)
    categ_id = fields.Many2one("product.category", string="Product Category", help="This category and its children.")
    base = fields.Selection(BASES, required=True, default="sales")
    rate = fields.Float(string="Rate (%)", digits=(16, 4))
    amount = fields.Monetary(currency_field="currency_id", help="Per unit (fixed) or per item counted (bonuses).")
    tier_ids = fields.One2many("chain.commission.rule.tier", "rule_id", string="Tiers", copy=True)
    date_from = fields.Date(string="Valid from")
    date_to = fields.Date(string="Valid until")

    @api.model
    def _chain_line_bases(self):
        """Hook: the bases computed from POS lines, per product."""
        return list(lib.LINE_BASES)

    def _chain_is_bonus(self):
        self.ensure_one()
        return self.base not in self._chain_line_bases()

    @api.constrains("applies_to", "product_tmpl_id", "brand", "formula_stage", "categ_id", "base")
    def _check_scope(self):
        required = {"product": "product_tmpl_id", "brand": "brand", "formula_stage": "formula_stage",
                    "category": "categ_id"}  # fmt: skip
        for rule in self:
            field = required.get(rule.applies_to)
            if field and not rule[field]:
                raise ValidationError(
                    _("Rule %(rule)s applies to a %(scope)s: set it.", rule=rule.name,
                      scope=rule._fields[field]._description_string(self.env))
                )  # fmt: skip
            if rule._chain_is_bonus() and rule.applies_to != "all":
                raise ValidationError(
                    _("Rule %s is a bonus counted per employee: it applies to all products.", rule.name)
                )

    @api.constrains("date_from", "date_to")
    def _check_dates(self):
        for rule in self:
            if rule.date_from and rule.date_to and rule.date_from > rule.date_to:
                raise ValidationError(_("Rule %s ends before it starts.", rule.name))

    def _chain_target_key(self):
        """What the rule applies to: two rules of one key and kind overlap if their stores and dates do."""
        self.ensure_one()
        kind = self.base if self._chain_is_bonus() else "line"
        target = {
            "product": self.product_tmpl_id.id,
            "brand": (self.brand or "").strip().lower(),
            "formula_stage": self.formula_stage,
            "category": self.categ_id.id,
            "all": True,
        }[self.applies_to]
        return (self.company_id.id, kind, self.applies_to, target)

    @api.constrains(
        "active", "company_id", "store_ids", "applies_to", "product_tmpl_id", "brand", "formula_stage", "categ_id",
        "base", "date_from", "date_to",
    )  # fmt: skip
    def _check_overlap(self):
        """Two active rules of the same scope and target, sharing a store and a day, are refused:
        which one pays would be a matter of sequence nobody sees."""
        # the rules are configuration: a few dozen at most
        others = self.search([("company_id", "in", self.company_id.ids)])
        for rule in self.filtered("active"):
            key = rule._chain_target_key()
            for other in others - rule:
                if other._chain_target_key() != key:
                    continue
                shared_store = not rule.store_ids or not other.store_ids or rule.store_ids & other.store_ids
                if shared_store and lib.periods_overlap(
                    rule.date_from or None, rule.date_to or None, other.date_from or None, other.date_to or None
                ):
                    raise ValidationError(
                        _(
                            "Rules %(rule)s and %(other)s apply to the same products in the same stores and "
                            "period: change the scope, the stores or the dates of one of them.",
                            rule=rule.name,
                            other=other.name,
                        )
                    )

    def _chain_lib_rule(self):
        self.ensure_one()
        return lib.Rule(
            self.id,
            self.sequence,
            self.applies_to,
            self.product_tmpl_id.id or None,
            self.brand or None,
            self.formula_stage or None,
            self.categ_id.id or None,
            self.categ_id.parent_path.count("/") if self.categ_id else 0,
        )

    def _chain_lib_tiers(self):
        self.ensure_one()
        return [lib.Tier(t.achievement_from, t.rate, t.amount) for t in self.tier_ids]

    @api.model
    def _chain_rules_for(self, company, month_start, month_end):
        """The active rules of ``company`` valid for part of the month."""
        return self.search(
            [
                ("company_id", "=", company.id),
                "|", ("date_from", "=", False), ("date_from", "<=", month_end),
                "|", ("date_to", "=", False), ("date_to", ">=", month_start),
            ]
        )  # fmt: skip

    def _chain_rule_plan(self, stores, month, month_end):
        """Which of these line rules each product earns under, per store and part of the month.

        Stores sharing the same rules form a *signature*; rules starting or ending inside the month
        split it into *segments*. For each (signature, segment) ``key``, the rule of products that
        no specific rule matches (``defaults``) and the products whose winning rule differs from it
        (``map``): products are few, the mapping is small and the lines are joined to it in SQL.
        """
        line_rules = self
        one_day = relativedelta(days=1)
        bounds = {month}
        for rule in line_rules:
            if rule.date_from and month < rule.date_from <= month_end:
                bounds.add(rule.date_from)
            if rule.date_to and month <= rule.date_to < month_end:
                bounds.add(rule.date_to + one_day)
        seg_starts = sorted(bounds)
        sig_index, store_sigs = {}, []
        for store in stores:
            sig = frozenset(line_rules.filtered(lambda r, s=store: not r.store_ids or s in r.store_ids).ids)
            store_sigs.append(sig_index.setdefault(sig, len(sig_index)))
        products = line_rules._chain_rule_products()
        lib_rules = {rule.id: rule._chain_lib_rule() for rule in line_rules}
        dates = {rule.id: (rule.date_from, rule.date_to) for rule in line_rules}
        plan = {"map_keys": [], "map_products": [], "map_rules": [], "default_keys": [], "default_rules": []}
        for sig, sig_id in sig_index.items():
            for seg, start in enumerate(seg_starts, start=1):
                valid = [
                    lib_rules[rid] for rid in sig
                    if (not dates[rid][0] or dates[rid][0] <= start) and (not dates[rid][1] or dates[rid][1] >= start)
                ]  # fmt: skip
                key = sig_id * 1000 + seg
                default = lib.resolve([r for r in valid if r.applies_to == "all"], None)
                if default:
                    plan["default_keys"].append(key)
                    plan["default_rules"].append(default)
                specific = [r for r in valid if r.applies_to != "all"]
                if not specific:
                    continue
                for product in products:
                    winner = lib.resolve(valid, product)
                    if winner and winner != default:
                        plan["map_keys"].append(key)
                        plan["map_products"].append(product.id)
                        plan["map_rules"].append(winner)
        plan["store_sigs"] = store_sigs
        plan["seg_starts"] = [datetime.combine(start, time.min) for start in seg_starts]
        return plan

    def _chain_rule_products(self):
        """The products some specific (not *all products*) rule of these matches, as ``lib.Product``."""
        domains = []
        for rule in self:
            if rule.applies_to == "product":
                domains.append([("product_tmpl_id", "=", rule.product_tmpl_id.id)])
            elif rule.applies_to == "brand":
                domains.append([("product_tmpl_id.chain_brand", "=ilike", (rule.brand or "").strip())])
            elif rule.applies_to == "formula_stage":
                domains.append([("product_tmpl_id.chain_formula_stage", "=", rule.formula_stage)])
            elif rule.applies_to == "category":
                domains.append([("categ_id", "child_of", rule.categ_id.id)])
        if not domains:
            return []
        # sudo: the catalogue decides which rule pays, whoever computes
        products = self.env["product.product"].sudo().with_context(active_test=False).search(expression.OR(domains))
        return self._chain_lib_products(products)

    @api.model
    def _chain_lib_products(self, products):
        products.fetch(["product_tmpl_id", "categ_id"])
        return [
            lib.Product(
                product.id,
                product.product_tmpl_id.id,
                product.product_tmpl_id.chain_brand or None,
                product.product_tmpl_id.chain_formula_stage or None,
                {int(c) for c in (product.categ_id.parent_path or "").split("/") if c},
            )
            for product in products
        ]
