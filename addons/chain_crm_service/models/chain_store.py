from odoo import models


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


def _same(team, key, value):
    """Whether the team's ``key`` already holds ``value`` (a write value)."""
    field = team._fields[key]
    if field.type == "many2many":
        return set(team[key].ids) == set(value[0][2])
    if field.type == "many2one":
        return team[key].id == (value or False)
    return team[key] == value
