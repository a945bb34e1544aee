"""18.0.1.1.0: override PINs were kept in clear (``res_users.chain_pos_pin``) and the till got
an unsalted SHA-1 of them. They are now kept as a salted PBKDF2 hash in a column no client can
read (``res_users.chain_pos_pin_hash``): hash every PIN in place, then drop the clear column.
A value that is not a PIN (never accepted by the old constraint either) is dropped: the
manager sets a PIN again (logged by login)."""

import logging

from odoo.tools import SQL

from odoo.addons.chain_pos_expiry.lib import pos_lot_rule
from odoo.addons.chain_pos_expiry.models.res_users import PIN_HASH_COLUMN, ensure_pin_hash_column

_logger = logging.getLogger(__name__)
OLD_COLUMN = "chain_pos_pin"


def hash_clear_pins(cr):
    """Hash the clear PINs of ``res_users.chain_pos_pin`` into the hash column and drop the
    clear column; return ``(hashed user ids, logins that must set their PIN again)``."""
    ensure_pin_hash_column(cr)
    cr.execute(
        "SELECT 1 FROM information_schema.columns WHERE table_name = 'res_users' AND column_name = %s",
        [OLD_COLUMN],
    )
    if not cr.fetchone():
        return [], []
    cr.execute(
        SQL(
            "SELECT id, login, %s FROM res_users WHERE %s IS NOT NULL AND %s != '' ORDER BY id",
            SQL.identifier(OLD_COLUMN),
            SQL.identifier(OLD_COLUMN),
            SQL.identifier(OLD_COLUMN),
        )
    )
    hashed, again = [], []
    for user_id, login, pin in cr.fetchall():
        if not pos_lot_rule.pin_valid(pin):
            again.append(login)
            continue
        cr.execute(
            SQL(
                "UPDATE res_users SET %s = %s WHERE id = %s",
                SQL.identifier(PIN_HASH_COLUMN),
                pos_lot_rule.hash_pin(pin),
                user_id,
            )
        )
        hashed.append(user_id)
    cr.execute(SQL("ALTER TABLE res_users DROP COLUMN %s", SQL.identifier(OLD_COLUMN)))
    if again:
        _logger.warning("POS override PIN not a PIN, to be set again by: %s", ", ".join(again))
    _logger.info("POS override PINs hashed for %s users", len(hashed))
    return hashed, again


def migrate(cr, version):
    if version:
        hash_clear_pins(cr)
