from odoo import fields, models


class CrmTeam(models.Model):
    _inherit = "crm.team"
    _chain_store_field = "chain_store_id"
    # the store's team is created and kept by the store (chain.store._chain_sync_sales_team, as
    # superuser): nobody links a team to a store by hand
    _chain_guarded_fields = {"chain_store_id": ()}

    chain_store_id = fields.Many2one(
        "chain.store",
        string="Store",
        index="btree_not_null",
        ondelete="cascade",
        readonly=True,
        help="The store whose sales team this is: its manager leads it, its guides and baby advisors are members.",
    )

    _sql_constraints = [
        ("chain_store_uniq", "UNIQUE(chain_store_id)", "A store has one sales team."),
    ]
