from datetime import timedelta

from odoo.addons.chain_dashboard.tests.common import ChainDashboardCase


class MemberDashboardCase(ChainDashboardCase):
    """The POS history of ``ChainDashboardCase`` (whose "member" is a customer who is no
    member) with three members: Wang of store A (joined today, bought in A 3 days ago and in
    B 10 days ago), Li of store B (joined 40 days ago, last bought 100 days ago) and Zhao of
    store A (joined 200 days ago, never bought). Follow-ups of the last days: Wang's purchased,
    reached and open (store A), Li's not reached (store B). Summaries rebuilt for 120 days."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Member = cls.env["chain.member"]
        cls.wang = Member.create(
            {"name": "Wang Xiaohong", "mobile": "13812345678", "home_store_id": cls.store_a.id, "join_date": cls.today}
        )
        cls.li = Member.create(
            {
                "name": "Li Na",
                "mobile": "13900001111",
                "home_store_id": cls.store_b.id,
                "join_date": cls.today - timedelta(days=40),
            }
        )
        cls.zhao = Member.create(
            {
                "name": "Zhao Min",
                "mobile": "13700002222",
                "home_store_id": cls.store_a.id,
                "join_date": cls.today - timedelta(days=200),
            }
        )
        cls.wang_a = cls._member_order(cls.config_a, 3, cls.wang, [(cls.formula, 1), (cls.diaper, 2)])
        cls.wang_b = cls._member_order(cls.config_b, 10, cls.wang, [(cls.diaper, 1)])
        cls.li_old = cls._member_order(cls.config_b, 100, cls.li, [(cls.formula, 2)])
        Followup = cls.env["chain.member.followup"]
        cls.followups = Followup.create(
            [
                cls._followup_vals(cls.wang, "replenish", 2),
                cls._followup_vals(cls.wang, "birthday", 2),
                cls._followup_vals(cls.wang, "due", 1),
                cls._followup_vals(cls.li, "replenish", 2),
            ]
        )
        purchased, reached, _open, not_reached = cls.followups
        purchased.action_purchased()
        reached.action_reached()
        not_reached.action_not_reached()
        cls.env["chain.dashboard"]._chain_rebuild(cls.today - timedelta(days=120), cls.today)

    @classmethod
    def _member_order(cls, config, days_ago, member, lines):
        order = cls._order(config, cls._local(days_ago, 11), lines)
        order.partner_id = member.partner_id
        return order

    @classmethod
    def _followup_vals(cls, member, kind, days_ago):
        day = cls.today - timedelta(days=days_ago)
        return {"member_id": member.id, "kind": kind, "date": day, "moment_date": day}

    def _filters(self, days=120, **extra):
        return {
            "period": "custom",
            "date_from": str(self.today - timedelta(days=days)),
            "date_to": str(self.today),
            **extra,
        }
