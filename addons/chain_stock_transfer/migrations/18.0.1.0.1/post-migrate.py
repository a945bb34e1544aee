"""18.0.1.0.1: transfer lines remember the quantity approved (``approved_qty``); a raise above it
sends the transfer back for approval. Lines of transfers approved (or further) before the upgrade
were approved as they are now."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(approved_qty_sql())


def approved_qty_sql():
    """The update setting the approved quantity of lines of already approved transfers."""
    return SQL(
        """UPDATE chain_stock_transfer_line line
              SET approved_qty = GREATEST(line.product_qty, COALESCE(line.ship_qty, 0))
             FROM chain_stock_transfer transfer
            WHERE transfer.id = line.transfer_id
              AND transfer.state IN ('approved', 'in_transit', 'done')
              AND COALESCE(line.approved_qty, 0) = 0"""
    )
