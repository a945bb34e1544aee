"""18.0.1.0.1: the ledger's report rows lose their foreign keys (see chain.stock.ledger.line)."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        SELECT c.conname FROM pg_constraint c
         WHERE c.conrelid = 'chain_stock_ledger_line'::regclass AND c.contype = 'f'
        """
    )
    names = [name for (name,) in cr.fetchall()]
    for name in names:
        cr.execute(SQL("ALTER TABLE chain_stock_ledger_line DROP CONSTRAINT %s", SQL.identifier(name)))
    # their reflection, so that uninstalling does not look for them
    cr.execute(
        """
        DELETE FROM ir_model_constraint
         WHERE type = 'f' AND model = (SELECT id FROM ir_model WHERE model = 'chain.stock.ledger.line')
        """
    )
