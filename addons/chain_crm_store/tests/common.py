from datetime import date

from odoo.addons.chain_store.tests.common import ChainStoreCase

TODAY = date(2026, 12, 7)


class ChainCrmLeadCase(ChainStoreCase):
    """Store A (manager_a) with two guides, Guide A1 and Guide A2 (employees with the guide
    job), store B with staff_b; leads of store A: one of each guide and one unassigned; a lead of
    store B. Dates are set relative to ``TODAY`` (tests freeze time on it when they need to)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.job_guide = cls.env.ref("chain_hr_store.job_guide")
        cls.guide_a1 = cls._user("t_guide_a1", "chain_store.group_chain_store_user", cls.store_a)
        cls.guide_a2 = cls._user("t_guide_a2", "chain_store.group_chain_store_user", cls.store_a)
        Employee = cls.env["hr.employee"]
        cls.emp_guide_a1, cls.emp_guide_a2 = Employee.create(
            [
                {"name": "Guide A1", "chain_store_id": cls.store_a.id, "job_id": cls.job_guide.id,
                 "user_id": cls.guide_a1.id},
                {"name": "Guide A2", "chain_store_id": cls.store_a.id, "job_id": cls.job_guide.id,
                 "user_id": cls.guide_a2.id},
            ]
        )  # fmt: skip
        cls.team_a = cls.store_a.chain_sales_team_ids
        cls.team_b = cls.store_b.chain_sales_team_ids
        Lead = cls.env["crm.lead"]
        cls.lead_a1, cls.lead_a2, cls.lead_a_free, cls.lead_b = Lead.create(
            [
                cls._lead_vals("Ms Wang", "13800138000", cls.store_a, cls.guide_a1),
                cls._lead_vals("Ms Zhao", "13800138001", cls.store_a, cls.guide_a2),
                cls._lead_vals("Ms Qian", "13800138002", cls.store_a),
                cls._lead_vals("Ms Sun", "13800138003", cls.store_b),
            ]
        )

    @classmethod
    def _lead_vals(cls, name, mobile, store, guide=None, **extra):
        return {
            "name": f"{name} (expecting)",
            "contact_name": name,
            "mobile": mobile,
            "chain_store_id": store.id,
            "user_id": guide.id if guide else False,
            "chain_consent": True,
            "type": "opportunity",
            **extra,
        }
