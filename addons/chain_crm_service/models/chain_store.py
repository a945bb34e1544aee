from odoo import api, models
from odoo.tools import SQL


class ChainStore(models.Model):
    _inherit = "chain.store"

    def write(self, vals):
        res = super().write(vals)
        if {"name", "company_id"} & set(vals):
            self._chain_sync_helpdesk_team()
        return res

    def _prepare_helpdesk_team_vals(self):
        """Hook: values of the after-sales team of the store (created or kept in sync)."""
        self.ensure_one()
        return {
            "name": self.name,
            "company_id": self.company_id.id,
            "user_id": self.manager_id.id,
            "user_ids": [(6, 0, self.user_ids.ids)],
            "show_in_portal": False,
        }

    def _chain_sync_helpdesk_team(self):
        """Create the missing after-sales teams of these stores and align the others.

        One team per store (``helpdesk.ticket.team.chain_store_id``): named after
        the store, led by its manager, its members the store's staff. Only the
        teams whose values differ are written.
        """
        if not self:
            return
        # sudo: teams are the stores' configuration, mirrored whoever edits the store
        Team = self.env["helpdesk.ticket.team"].sudo().with_context(active_test=False, mail_create_nolog=True)
        teams = Team.search([("chain_store_id", "in", self.ids)])
        by_store = {team.chain_store_id.id: team for team in teams}
        to_create = []
        for store in self.sudo():
            vals = store._prepare_helpdesk_team_vals()
            team = by_store.get(store.id)
            if not team:
                to_create.append(dict(vals, chain_store_id=store.id))
                continue
            changed = {key: value for key, value in vals.items() if not _same(team, key, value)}
            if changed:
                team.write(changed)
        if to_create:
            Team.create(to_create)

    @api.model
    def _chain_sync_helpdesk_team_members(self):
        """Every store team's members and leader from its store's staff and manager: three queries.

        Called whenever the stores' staff may have changed (``res.users._chain_access_changed``);
        the stores without a team get theirs.
        """
        # sudo: teams mirror the stores whoever changed the staff (a store manager hiring)
        Team = self.env["helpdesk.ticket.team"].sudo()
        self.env["chain.store"].flush_model(["user_ids", "manager_id"])
        Team.flush_model(["user_ids", "user_id", "chain_store_id"])
        cr = self.env.cr
        cr.execute(
            SQL(
                """
                INSERT INTO helpdesk_ticket_team_res_users_rel (helpdesk_ticket_team_id, res_users_id)
                SELECT team.id, rel.user_id
                  FROM helpdesk_ticket_team team
                  JOIN chain_store_res_users_rel rel ON rel.store_id = team.chain_store_id
                    ON CONFLICT DO NOTHING
                """
            )
        )
        added = cr.rowcount
        cr.execute(
            SQL(
                """
                DELETE FROM helpdesk_ticket_team_res_users_rel member
                 USING helpdesk_ticket_team team
                 WHERE team.id = member.helpdesk_ticket_team_id AND team.chain_store_id IS NOT NULL
                   AND NOT EXISTS (
                       SELECT 1 FROM chain_store_res_users_rel rel
                        WHERE rel.store_id = team.chain_store_id AND rel.user_id = member.res_users_id)
                """
            )
        )
        removed = cr.rowcount
        cr.execute(
            SQL(
                """
                UPDATE helpdesk_ticket_team team
                   SET user_id = store.manager_id
                  FROM chain_store store
                 WHERE store.id = team.chain_store_id AND team.user_id IS DISTINCT FROM store.manager_id
                """
            )
        )
        if added or removed or cr.rowcount:
            Team.invalidate_model(["user_ids", "user_id"])
            self.env["res.users"].invalidate_model(["helpdesk_team_ids"])
        cr.execute(
            SQL(
                """
                SELECT store.id FROM chain_store store
                 WHERE NOT EXISTS (SELECT 1 FROM helpdesk_ticket_team team WHERE team.chain_store_id = store.id)
                """
            )
        )
        missing = [row[0] for row in cr.fetchall()]
        if missing:
            self.env["chain.store"].browse(missing)._chain_sync_helpdesk_team()


def _same(team, key, value):
    """Whether the team's ``key`` already holds ``value`` (a write value)."""
    field = team._fields[key]
    if field.type == "many2many":
        return set(team[key].ids) == set(value[0][2])
    if field.type == "many2one":
        return team[key].id == (value or False)
    return team[key] == value
