# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo.tools import SQL

from .models.stock_picking import GROUP_INDEX


def uninstall_hook(env):
    """Drop the index this addon put on a core table (``stock.picking.init``)."""
    env.cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(GROUP_INDEX)))
