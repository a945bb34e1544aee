from . import models
from . import wizards

from odoo.tools import SQL


def uninstall_hook(env):
    # the PIN hashes live in a column of their own (see models/res_users.py): drop it with the addon
    from .models.res_users import PIN_HASH_COLUMN

    env.cr.execute(SQL("ALTER TABLE res_users DROP COLUMN IF EXISTS %s", SQL.identifier(PIN_HASH_COLUMN)))
