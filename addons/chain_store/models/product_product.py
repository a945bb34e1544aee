from itertools import pairwise

from odoo import models
from odoo.osv import expression


class ProductProduct(models.Model):
    _inherit = "product.product"

    def _get_domain_locations_new(self, location_ids):
        """Match whole warehouses by ``warehouse_id`` instead of location paths.

        Without a location in the context, Odoo computes quantities over the
        view locations of every warehouse and matches each one with a
        ``parent_path =like`` condition: a chain with hundreds of store
        warehouses gets a domain of hundreds of OR-ed pattern matches, run on
        quants and twice on moves (odoo/odoo#245569). When every location
        asked for is the view location of a warehouse, "under this view
        location" is exactly ``location.warehouse_id in warehouses``, which
        PostgreSQL answers with one indexed lookup.

        The context key ``chain_plain_location_domain`` keeps Odoo's own
        domain (used by the benchmarks as their baseline).
        """
        if not location_ids or self.env.context.get("strict") or self.env.context.get("chain_plain_location_domain"):
            return super()._get_domain_locations_new(location_ids)
        # sudo: only maps view locations to their warehouse ids; the quant and
        # move searches that use the domain still apply the user's rules
        Warehouse = self.env["stock.warehouse"].sudo().with_context(active_test=False)
        warehouses = Warehouse.search([("view_location_id", "in", list(location_ids))])
        paths = sorted(warehouses.view_location_id.mapped("parent_path"))
        nested = any(b.startswith(a) for a, b in pairwise(paths))
        if len(warehouses) != len(set(location_ids)) or nested:
            return super()._get_domain_locations_new(location_ids)
        # "!= False" keeps the negated form right: Odoo pushes a "!" inside the
        # joined location, where NOT (NULL IN (...)) would drop partner locations
        in_warehouses = [("warehouse_id", "!=", False), ("warehouse_id", "in", warehouses.ids)]
        loc_domain = [("location_id", "any", in_warehouses)]
        dest_done = ("location_dest_id", "any", in_warehouses)
        dest_in_progress = [
            "|",
            "&", ("location_final_id", "!=", False), ("location_final_id", "any", in_warehouses),
            "&", ("location_final_id", "=", False), ("location_dest_id", "any", in_warehouses),
        ]  # fmt: skip
        dest_loc_domain = ["|", "&", ("state", "=", "done"), dest_done, "&", ("state", "!=", "done")]
        dest_loc_domain += dest_in_progress
        dest_loc_domain_out = ["|", "&", ("state", "=", "done"), "!", dest_done, "&", ("state", "!=", "done")]
        dest_loc_domain_out += ["!"] + dest_in_progress
        return (
            loc_domain,
            expression.normalize_domain(dest_loc_domain) + ["!"] + loc_domain,
            loc_domain + expression.normalize_domain(dest_loc_domain_out),
        )
