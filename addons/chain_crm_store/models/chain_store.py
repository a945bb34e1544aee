from odoo import Command, api, fields, models

SALES_JOBS = ("chain_hr_store.job_guide", "chain_hr_store.job_baby_advisor")


class ChainStore(models.Model):
    _name = "chain.store"
    _inherit = ["chain.store", "chain.crm.store.form.mixin"]
    _chain_guarded_fields = {}  # the sales team link is a computed reverse of crm.team.chain_store_id

    chain_sales_team_ids = fields.One2many("crm.team", "chain_store_id", string="Sales Team")

    @api.model_create_multi
    def create(self, vals_list):
        stores = super().create(vals_list)
        stores._chain_sync_sales_team()
        return stores

    def write(self, vals):
        result = super().write(vals)
        if {"manager_id", "name", "active", "company_id"} & set(vals):
            self._chain_sync_sales_team()
        return result

    @api.model
    def _chain_sales_jobs(self):
        """The jobs whose holders are members of their store's sales team (guides, baby advisors)."""
        jobs = self.env["hr.job"]
        for xmlid in SALES_JOBS:
            jobs |= self.env.ref(xmlid, raise_if_not_found=False) or jobs
        return jobs

    def _chain_sales_team_users(self):
        """``{store id: users}`` of the sales team of each store: the guides and baby advisors
        with a user, and the manager (one search for all the stores)."""
        # sudo: the team follows the staff of the store, whoever changed it
        employees = (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("chain_store_id", "in", self.ids),
                    ("job_id", "in", self._chain_sales_jobs().ids),
                    ("user_id", "!=", False),
                ]
            )
        )
        users = {store.id: store.manager_id for store in self}
        for employee in employees:
            users[employee.chain_store_id.id] |= employee.user_id
        return users

    def _chain_prepare_sales_team_vals(self, users):
        self.ensure_one()
        return {
            "name": self.name,
            "company_id": self.company_id.id,
            "user_id": self.manager_id.id,
            "active": self.active,
            "member_ids": [Command.set(users.ids)],
        }

    def _chain_sync_sales_team(self):
        """Create or update the sales team of each store: leader = the store manager, members = the
        manager and the users of the store's guides and baby advisors. Idempotent."""
        if not self:
            return
        # sudo: a store's team follows its staff and manager; store staff may not manage sales teams
        stores = self.sudo().with_context(active_test=False)
        users = stores._chain_sales_team_users()
        Team = self.env["crm.team"].sudo().with_context(active_test=False)
        teams = {team.chain_store_id.id: team for team in Team.search([("chain_store_id", "in", stores.ids)])}
        to_create = []
        for store in stores:
            vals = store._chain_prepare_sales_team_vals(users[store.id])
            team = teams.get(store.id)
            if not team:
                to_create.append(dict(vals, chain_store_id=store.id))
                continue
            if team.member_ids == users[store.id]:
                vals.pop("member_ids")
            changed = {
                key: value
                for key, value in vals.items()
                if key == "member_ids" or (team[key].id if hasattr(team[key], "id") else team[key]) != value
            }
            if changed:
                team.write(changed)
        if to_create:
            Team.create(to_create)
