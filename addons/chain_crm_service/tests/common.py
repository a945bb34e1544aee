from markupsafe import Markup

from odoo import Command

from odoo.addons.chain_stock_recall.tests.common import ChainRecallCase


class ChainCaseCase(ChainRecallCase):
    """chain_stock_recall's lots (F-BAD received from the supplier into store A, sold at the
    tills of A and B; F-GOOD sold at A only), plus: a second staff of store A who owns no case,
    a store manager of B, two users of the quality team, and the six case categories of the
    addon's data (safety: first answer 1 h, resolution 24 h)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.staff_a2 = cls._user("t_staff_a2", "chain_store.group_chain_store_user", cls.store_a)
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.quality = cls._user("t_quality", "chain_crm_service.group_chain_quality")
        cls.quality_2 = cls._user("t_quality_2", "chain_crm_service.group_chain_quality")
        ref = cls.env.ref
        cls.categ_quality = ref("chain_crm_service.helpdesk_ticket_category_quality")
        cls.categ_safety = ref("chain_crm_service.helpdesk_ticket_category_safety")
        cls.categ_allergy = ref("chain_crm_service.helpdesk_ticket_category_allergy")
        cls.categ_service = ref("chain_crm_service.helpdesk_ticket_category_service")
        cls.Ticket = cls.env["helpdesk.ticket"]
        cls.escalation = ref("chain_crm_service.mail_activity_type_case_escalation")

    @classmethod
    def _case(cls, user=None, store=None, category=None, lot=None, **vals):
        """A case recorded by ``user`` (the superuser by default) at ``store`` (A)."""
        Ticket = cls.env["helpdesk.ticket"].with_user(user) if user else cls.env["helpdesk.ticket"]
        return Ticket.create(
            {
                "name": "Baby rash after the formula (test)",
                "description": Markup("<p>Rash after two days.</p>"),
                "category_id": (category or cls.categ_quality).id,
                "chain_store_id": (store or cls.store_a).id,
                "chain_product_id": cls.formula.id,
                "chain_lot_id": (lot if lot is not None else cls.bad).id,
                **vals,
            }
        )

    def _activities(self, record, activity_type=None):
        """``{user: summary}`` of the open activities on ``record``."""
        domain = [("res_model", "=", record._name), ("res_id", "=", record.id)]
        if activity_type:
            domain.append(("activity_type_id", "=", activity_type.id))
        return {a.user_id: a.summary for a in self.env["mail.activity"].search(domain)}

    def _activity_count(self, record, activity_type):
        return self.env["mail.activity"].search_count(
            [("res_model", "=", record._name), ("res_id", "=", record.id), ("activity_type_id", "=", activity_type.id)]
        )

    def _add_staff(self, store, user):
        store.user_ids = [Command.link(user.id)]
