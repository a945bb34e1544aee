from odoo import fields, models


class HelpdeskTicketTeam(models.Model):
    _inherit = "helpdesk.ticket.team"
    _chain_guarded_fields = {}  # kept in sync with its store by chain.store._chain_sync_helpdesk_team
    _chain_store_field = "chain_store_id"

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index="btree_not_null",
        ondelete="cascade",
        help="The store whose after-sales cases this team handles; its staff are the team's members.",
    )

    _sql_constraints = [
        ("chain_store_uniq", "unique(chain_store_id)", "A store has a single after-sales team."),
    ]
