from markupsafe import Markup

from odoo.tests import new_test_user

from odoo.addons.chain_stock_recall.tests.common import ChainRecallCase


class ChainCaseActionsCase(ChainRecallCase):
    """chain_stock_recall's lot F-BAD (received from the supplier into store A, sold at the
    tills of A and B, delivered on a sale order), plus: member Wang (store A) who bought 2 of
    it at A's till, a known customer of store B who bought 1 at B's till; the quality team;
    categories of each kind; a safety case on Wang's line."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["chain.member"]
        cls.wang = Member.create({"name": "王小红", "mobile": "138 1234 5678", "home_store_id": cls.store_a.id})
        cls.order_member.partner_id = cls.wang.partner_id
        cls.customer_b = cls.env["res.partner"].create({"name": "Zhao Min (test)", "phone": "+86 139 0000 0002"})
        cls.order_known_b = cls._pos_lot_order(cls.pos_b, cls.bad, 1, partner=cls.customer_b)
        cls.quality = new_test_user(cls.env, login="t_quality", groups="chain_crm_service.group_chain_quality")
        Category = cls.env["helpdesk.ticket.category"]
        cls.categ_safety = Category.create({"name": "Safety (test)", "chain_kind": "safety"})
        cls.categ_service = Category.create({"name": "Service (test)", "chain_kind": "service"})
        cls.line = cls.order_member.lines
        (cls.store_a | cls.store_b)._chain_sync_helpdesk_team()  # staff made after the stores
        cls.case = cls._case()

    @classmethod
    def _case(cls, category=None, line=None, store=None, **vals):
        line = line if line is not None else cls.line
        return cls.env["helpdesk.ticket"].create(
            {
                "name": "Baby rash after the formula (test)",
                "description": Markup("<p>Rash after two days.</p>"),
                "category_id": (category or cls.categ_safety).id,
                "chain_store_id": (store or cls.store_a).id,
                "chain_member_id": cls.wang.id,
                "partner_id": cls.wang.partner_id.id,
                "chain_pos_order_id": line.order_id.id,
                "chain_pos_line_id": line.id,
                "chain_product_id": cls.formula.id,
                "chain_lot_id": cls.bad.id,
                "user_id": False,  # the store's team's case (the superuser would assign it to himself)
                **vals,
            }
        )
