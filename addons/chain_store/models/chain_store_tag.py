from random import randint

from odoo import fields, models


class ChainStoreTag(models.Model):
    _name = "chain.store.tag"
    _description = "Store Tag"
    _order = "name"
    _chain_guarded_fields = {}  # configuration, no workflow field

    name = fields.Char(required=True, translate=True)
    color = fields.Integer(default=lambda self: randint(1, 11))
    active = fields.Boolean(default=True)

    _sql_constraints = [
        ("name_uniq", "unique(name)", "A store tag with this name already exists."),
    ]
