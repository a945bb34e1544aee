# Copyright 2026 Chain
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import _, api, fields, models
from odoo.exceptions import ValidationError


class ChainChannelRoute(models.Model):
    """Which fulfilling stores serve the orders shipped to some provinces.

    The first rule (by sequence) whose provinces include the delivery province narrows the
    channel's fulfilling stores to the rule's region or stores; among them the first store whose
    sellable stock covers every line ships the order.
    """

    _name = "chain.channel.route"
    _description = "Channel Routing Rule"
    _order = "channel_id, sequence, id"
    _chain_guarded_fields = {}  # configuration: channel managers

    channel_id = fields.Many2one("chain.channel", required=True, ondelete="cascade", index=True)
    sequence = fields.Integer(default=10)
    state_ids = fields.Many2many(
        "res.country.state",
        string="Provinces",
        help="Delivery provinces this rule serves; empty means every province.",
    )
    region_id = fields.Many2one(
        "chain.store.region",
        string="Region",
        ondelete="restrict",
        help="Ship from the channel's fulfilling stores of this region and its sub-regions.",
    )
    store_ids = fields.Many2many(
        "chain.store",
        "chain_channel_route_store_rel",
        "route_id",
        "store_id",
        string="Stores",
        help="Ship from these fulfilling stores (added to the region's).",
    )
    company_id = fields.Many2one(related="channel_id.company_id", store=True)

    @api.constrains("channel_id", "region_id", "store_ids")
    def _check_target(self):
        for route in self:
            if not route.region_id and not route.store_ids:
                raise ValidationError(_("A routing rule needs a region or stores to ship from."))

    def _chain_stores(self, candidates):
        """The ``candidates`` (fulfilling stores) this rule ships from."""
        self.ensure_one()
        stores = self.store_ids
        if self.region_id:
            stores |= candidates.filtered(
                lambda s: s.region_id and s.region_id.parent_path.startswith(self.region_id.parent_path)
            )
        return candidates & stores


class ChainChannel(models.Model):
    _inherit = "chain.channel"
    _chain_guarded_fields = {}  # routing settings: channel managers

    route_ids = fields.One2many("chain.channel.route", "channel_id", string="Routing Rules")

    def _chain_route(self, product_qtys, province=None, taken=None, sellable=None):
        """``(warehouse, reason)`` that ships an order of ``[(product, qty)]`` to ``province``.

        1. a line of a product that ships from the distribution centre only sends the order to
           the channel's DC stores;
        2. else the first routing rule of the province narrows the stores (none: all of them);
           stores in the delivery province come first;
        3. the first of them whose sellable stock covers every line ships it; else a DC of the
           channel that covers it; else the first of them (the order waits for stock there).

        ``taken`` (``{(product id, warehouse id): qty}``) is stock that orders not reserved yet
        (the earlier ones of a batch) take: it does not cover this order. ``sellable`` is the
        sellable stock of these products in the channel's stores when the caller read it already
        (``{(product id, store id): qty}``).
        """
        self.ensure_one()
        candidates = self.store_ids.filtered("warehouse_id").sorted(lambda s: (s.sequence, s.id))
        if not candidates:
            return self.env["stock.warehouse"], _("Channel %s has no fulfilling store with a warehouse.", self.name)
        products = self.env["product.product"].union(*[product for product, _qty in product_qtys])
        dcs = candidates.filtered(lambda s: s.kind == "dc")
        dc_only = products.filtered("chain_ship_from_dc_only")
        if dc_only:
            if not dcs:
                return self.env["stock.warehouse"], _(
                    "%(products)s ship from the distribution centre only, and channel %(channel)s has none.",
                    products=", ".join(dc_only.mapped("display_name")),
                    channel=self.name,
                )
            stores, why = dcs, _("ships from the distribution centre only (%s)", dc_only[0].display_name)
        else:
            stores, why = candidates, _("fulfilling stores")
            rule = self.route_ids.filtered(lambda r: not r.state_ids or (province and province in r.state_ids))[:1]
            if rule:
                narrowed = rule._chain_stores(candidates)
                if narrowed:
                    stores = narrowed
                    why = _(
                        "routing rule %(rule)s",
                        rule=rule.region_id.display_name or ", ".join(rule.store_ids.mapped("code")),
                    )
            if province:
                stores = stores.filtered(lambda s: s.state_id == province) | stores.filtered(
                    lambda s: s.state_id != province
                )
        if sellable is None:
            sellable = products._chain_sellable_qty(stores | dcs)
        taken = taken or {}

        def covers(store):
            return all(
                sellable.get((product.id, store.id), 0.0) - taken.get((product.id, store.warehouse_id.id), 0.0) >= qty
                for product, qty in product_qtys
            )

        for store in stores:
            if covers(store):
                return store.warehouse_id, _(
                    "%(store)s: %(why)s, its sellable stock covers every line.", store=store.display_name, why=why
                )
        for store in dcs - stores:
            if covers(store):
                return store.warehouse_id, _(
                    "%(store)s: no store of the %(why)s has the stock, the distribution centre has.",
                    store=store.display_name,
                    why=why,
                )
        store = stores[0]
        return store.warehouse_id, _(
            "%(store)s: %(why)s, no store has every line in stock; the order waits for stock there.",
            store=store.display_name,
            why=why,
        )
