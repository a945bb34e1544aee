"""18.0.1.1.0: purchase orders became OCA tier validation documents (purchase_tier_validation is
installed with this version). Their stored validation status was computed before the chain rules
were taken into account: recompute it for the orders that have chain approval requests, so that
an order waiting for its approval shows *Pending* (and its form is read-only) after the upgrade."""

from odoo import SUPERUSER_ID, api


def migrate(cr, version):
    if not version:
        return
    env = api.Environment(cr, SUPERUSER_ID, {})
    cr.execute("SELECT DISTINCT res_id FROM chain_approval_request WHERE res_model = 'purchase.order'")
    orders = env["purchase.order"].browse([row[0] for row in cr.fetchall()]).exists()
    env.add_to_compute(orders._fields["validation_status"], orders)
    orders.flush_recordset(["validation_status"])
