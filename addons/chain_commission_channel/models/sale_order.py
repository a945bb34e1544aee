from odoo import api, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"
    # set once by the compute when the channel order arrives: never by a client
    _chain_guarded_fields = {"chain_guide_id": ()}

    chain_guide_id = fields.Many2one(
        "hr.employee",
        string="Guide",
        compute="_compute_chain_guide_id",
        store=True,
        readonly=True,
        index="btree_not_null",
        help="The guide (导购) of the member who placed this channel order, when it arrived: the guide earns "
        "the channel bonus of their commission rules on it.",
    )

    @api.depends("partner_id", "chain_channel_id")
    def _compute_chain_guide_id(self):
        channel_orders = self.filtered("chain_channel_id")
        (self - channel_orders).chain_guide_id = False
        members = channel_orders._chain_members()
        guides = self._chain_member_guides(list(members.values()))
        for order in channel_orders:
            member = members.get(order.id)
            order.chain_guide_id = guides.get(member.id, False) if member else False

    @api.model
    def _chain_member_guides(self, members):
        """``{member id: employee id}``: the employee (of a store) of each member's guide user,
        the one of the member's home store first."""
        users = {member.guide_user_id.id for member in members if member.guide_user_id}
        if not users:
            return {}
        # sudo: the guides' employees, read to credit the order whoever imports it (a channel job)
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search([("user_id", "in", list(users)), ("chain_store_id", "!=", False)], order="id")
        )
        by_user = {}
        for employee in employees:
            by_user.setdefault(employee.user_id.id, []).append(employee)
        guides = {}
        for member in members:
            candidates = by_user.get(member.guide_user_id.id, [])
            home = [employee for employee in candidates if employee.chain_store_id == member.home_store_id]
            if home or candidates:
                guides[member.id] = (home or candidates)[0].id
        return guides
