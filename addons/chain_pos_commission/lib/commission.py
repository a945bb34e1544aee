"""Commission arithmetic without the ORM: which rule a product earns under, which tier applies,
what a group of lines earns.

The most specific rule wins for a product (documented in readme/CONFIGURE.md)::

    product  >  brand  >  formula stage  >  category (the deepest category first)  >  all products

and, within one scope, the lowest ``sequence`` (then the lowest id). Two active rules of the same
scope and target that overlap in stores and dates are refused when saved (``overlapping``), so the
sequence only breaks ties between different categories of equal depth.
"""

from collections import namedtuple

#: scope -> rank (lower = more specific)
SCOPE_RANK = {"product": 0, "brand": 1, "formula_stage": 2, "category": 3, "all": 4}

#: bases computed from POS lines (per product); the others are bonuses counted per employee
LINE_BASES = ("sales", "margin", "fixed")

Rule = namedtuple(
    "Rule",
    "id sequence applies_to product_tmpl_id brand formula_stage categ_id categ_depth",
    defaults=(None, None, None, None, 0),
)
Product = namedtuple("Product", "id tmpl_id brand formula_stage categ_ids")
Tier = namedtuple("Tier", "achievement_from rate amount")


def matches(rule, product):
    """Whether ``rule`` applies to ``product`` (``categ_ids``: the product's category and its parents).

    >>> p = Product(1, 10, "飞鹤", "2", {5, 3})
    >>> matches(Rule(1, 10, "brand", brand="飞鹤"), p), matches(Rule(2, 10, "category", categ_id=3), p)
    (True, True)
    >>> matches(Rule(3, 10, "formula_stage", formula_stage="3"), p)
    False
    """
    scope = rule.applies_to
    if scope == "all":
        return True
    if scope == "product":
        return rule.product_tmpl_id == product.tmpl_id
    if scope == "brand":
        return bool(rule.brand) and (rule.brand or "").strip().lower() == (product.brand or "").strip().lower()
    if scope == "formula_stage":
        return bool(rule.formula_stage) and rule.formula_stage == product.formula_stage
    if scope == "category":
        return rule.categ_id in product.categ_ids
    return False


def specificity(rule):
    """Sort key: the most specific rule first (deeper categories before their parents)."""
    return (SCOPE_RANK[rule.applies_to], -(rule.categ_depth or 0), rule.sequence, rule.id)


def resolve(rules, product):
    """The id of the rule that wins for ``product`` among ``rules``, or None.

    >>> p = Product(1, 10, "飞鹤", "2", {5, 3})
    >>> rules = [Rule(1, 10, "all"), Rule(2, 10, "category", categ_id=3, categ_depth=1),
    ...          Rule(3, 10, "category", categ_id=5, categ_depth=2), Rule(4, 10, "brand", brand="飞鹤")]
    >>> resolve(rules, p)
    4
    >>> resolve(rules[:3], p), resolve(rules[:2], p), resolve(rules[:1], p), resolve([], p)
    (3, 2, 1, None)
    """
    best = None
    for rule in rules:
        if matches(rule, product) and (best is None or specificity(rule) < specificity(best)):
            best = rule
    return best.id if best else None


def pick_tier(tiers, achievement):
    """The tier reached at ``achievement`` (% of target): the highest ``achievement_from`` not above it.

    >>> tiers = [Tier(80, 2.0, 0), Tier(100, 3.0, 0), Tier(120, 4.0, 0)]
    >>> pick_tier(tiers, 79.9), pick_tier(tiers, 100).rate, pick_tier(tiers, 150).rate
    (None, 3.0, 4.0)
    """
    reached = [tier for tier in tiers if achievement >= tier.achievement_from]
    return max(reached, key=lambda tier: tier.achievement_from) if reached else None


def earn(base, rate, amount, sales=0.0, margin=0.0, qty=0.0, count=0.0):
    """What a group of lines (or a bonus count) earns.

    ``sales``: untaxed amount; ``margin``: untaxed amount minus cost; ``qty``: units;
    ``count``: for bonus bases, the number (members, top-ups...) and ``sales`` their amount.

    >>> earn("sales", 2.0, 0, sales=1000), earn("margin", 10.0, 0, sales=1000, margin=300)
    (20.0, 30.0)
    >>> earn("fixed", 0, 5.0, qty=3), earn("member_enrolled", 0, 20.0, count=4)
    (15.0, 80.0)
    >>> earn("topup", 1.0, 2.0, sales=5000, count=3)
    56.0
    """
    if base == "sales":
        return sales * rate / 100.0
    if base == "margin":
        return margin * rate / 100.0
    if base == "fixed":
        return qty * amount
    # bonus bases: an amount per item and/or a rate of their amount
    return count * amount + sales * rate / 100.0


def achievement(sales, target):
    """Achievement of a sales target in % (0 without a target).

    >>> achievement(12000, 10000), achievement(5, 0)
    (120.0, 0.0)
    """
    return sales * 100.0 / target if target else 0.0


def periods_overlap(from1, to1, from2, to2):
    """Whether two date ranges overlap (None = open).

    >>> import datetime as d
    >>> periods_overlap(None, None, d.date(2026, 1, 1), None)
    True
    >>> periods_overlap(d.date(2026, 1, 1), d.date(2026, 1, 31), d.date(2026, 2, 1), None)
    False
    """
    return (from1 is None or to2 is None or from1 <= to2) and (from2 is None or to1 is None or from2 <= to1)
