from collections import defaultdict

from odoo import Command, _, models
from odoo.tools import float_is_zero


class StockMove(models.Model):
    _inherit = "stock.move"
    _chain_guarded_fields = {}  # no fields added

    # -- store of the valuation entries ---------------------------------------------

    def _chain_account_store(self):
        """The store whose P&L a valuation entry of this move belongs to.

        A store that bears a loss by decision (``chain_account_loss_store_id`` in the server's
        context, e.g. the sending store of a transfer discrepancy written off) first; else the
        store of the warehouse on the valued side (the goods leave or enter its stock).
        """
        self.ensure_one()
        # sudo: the store of any location (accounting crosses stores)
        Store = self.env["chain.store"].sudo().with_context(active_test=False)
        loss_store = self.env.context.get("chain_account_loss_store_id")
        if loss_store:
            return Store.browse(loss_store).exists()
        for location in (self.location_id, self.location_dest_id):
            # sudo: the warehouse of another store's location (a transfer, a settlement)
            warehouse = location.sudo().warehouse_id
            if location.usage == "internal" and warehouse:
                store = Store.search([("warehouse_id", "=", warehouse.id)], limit=1)
                if store:
                    return store
        return Store

    def _generate_valuation_lines_data(
        self, partner_id, qty, debit_value, credit_value, debit_account_id, credit_account_id, svl_id, description
    ):
        result = super()._generate_valuation_lines_data(
            partner_id, qty, debit_value, credit_value, debit_account_id, credit_account_id, svl_id, description
        )
        store = self._chain_account_store()
        distribution = store._chain_analytic_distribution() if store else {}
        if distribution:
            for vals in result.values():
                if not vals.get("analytic_distribution"):
                    vals["analytic_distribution"] = distribution
        return result

    # -- goods in transit between stores ------------------------------------------

    def _action_done(self, cancel_backorder=False):
        moves = super()._action_done(cancel_backorder=cancel_backorder)
        moves.filtered(lambda m: m.state == "done")._chain_post_transit_value()
        return moves

    def _chain_transit_direction(self):
        """``"in"`` for goods entering the inter-store transit location, ``"out"`` for goods leaving
        it, ``False`` otherwise."""
        self.ensure_one()
        source, dest = self.location_id, self.location_dest_id
        if dest.chain_transfer_transit and not source.chain_transfer_transit:
            return "in"
        if source.chain_transfer_transit and not dest.chain_transfer_transit:
            return "out"
        return False

    def _chain_post_transit_value(self):
        """Move the value of goods entering (leaving) the inter-store transit location from (to) the
        stock valuation account to (from) the company's goods-in-transit account.

        Odoo values the transit location with the stock (it belongs to the company), so a shipment
        posts nothing: this entry shows the goods on their way in their own account. Leaving
        transit is valued at the average value of what is in transit for the product, so the
        transit account of a product is empty when its goods have all arrived (or been written off).
        """
        valued = []
        for move in self:
            direction = move._chain_transit_direction()
            product = move.product_id.with_company(move.company_id)
            if not direction or not product.is_storable or product.valuation != "real_time":
                continue
            account = move.company_id._chain_transit_account()
            if account:
                valued.append((move, direction, account))
        # what the batch still takes out of transit per product: the quants are already updated
        # for the whole batch, each move is valued on what was in transit before it left
        leaving = defaultdict(float)
        for move, direction, _account in valued:
            if direction == "out":
                leaving[(move.product_id, move.location_id)] += move._chain_product_qty()
        for move, direction, account in valued:
            key = (move.product_id, move.location_id)
            value = move._chain_transit_value(direction, account, still_leaving=leaving.get(key, 0.0))
            if direction == "out":
                leaving[key] -= move._chain_product_qty()
            if not move.company_id.currency_id.is_zero(value):
                move._chain_create_transit_entry(direction, account, value)

    def _chain_product_qty(self):
        self.ensure_one()
        return self.product_uom._compute_quantity(self.quantity, self.product_id.uom_id)

    def _chain_transit_value(self, direction, account, still_leaving=0.0):
        """Value of this move's goods entering (at the product's cost) or leaving transit (their
        share of the product's value in transit; ``still_leaving``: the quantity this move and the
        next ones of its batch take out of transit)."""
        self.ensure_one()
        product = self.product_id.with_company(self.company_id)
        qty = self._chain_product_qty()
        if direction == "in":
            return self.company_id.currency_id.round(qty * product.standard_price)
        # sudo: the value in transit is read from the accounts, whoever receives
        AccountMoveLine = self.env["account.move.line"].sudo()
        [(balance,)] = AccountMoveLine._read_group(
            [("account_id", "=", account.id), ("product_id", "=", product.id), ("parent_state", "=", "posted"),
             ("company_id", "=", self.company_id.id)],
            aggregates=["balance:sum"],
        )  # fmt: skip
        # sudo: the quantity still in the shared transit location, after the batch
        quants = (
            self.env["stock.quant"]
            .sudo()
            .search([("product_id", "=", product.id), ("location_id", "=", self.location_id.id)])
        )
        in_transit_before = sum(quants.mapped("quantity")) + max(still_leaving, qty)
        if float_is_zero(in_transit_before, precision_rounding=product.uom_id.rounding) or not balance:
            return self.company_id.currency_id.round(qty * product.standard_price)
        return self.company_id.currency_id.round(balance * min(qty / in_transit_before, 1.0))

    def _chain_create_transit_entry(self, direction, account, value):
        self.ensure_one()
        accounts = self.product_id.product_tmpl_id.with_company(self.company_id).get_product_accounts()
        stock_account, journal = accounts.get("stock_valuation"), accounts.get("stock_journal")
        if not stock_account or not journal:
            return
        store = self._chain_account_store()
        distribution = store._chain_analytic_distribution() if store else {}
        debit, credit = (account, stock_account) if direction == "in" else (stock_account, account)
        label = _("%(ref)s - goods in transit: %(product)s", ref=self.reference or self.name,
                  product=self.product_id.display_name)  # fmt: skip
        common = {
            "name": label,
            "product_id": self.product_id.id,
            "quantity": self.quantity,
            "product_uom_id": self.product_uom.id,
            "analytic_distribution": distribution or False,
        }
        # sudo: the valuation entry of a store's shipment or receipt (store users do not keep books)
        entry = (
            self.env["account.move"]
            .sudo()
            .with_company(self.company_id)
            .create(
                {
                    "journal_id": journal.id,
                    "date": self.date.date() if self.date else False,
                    "ref": label,
                    "move_type": "entry",
                    "chain_store_id": store.id,
                    "company_id": self.company_id.id,
                    "line_ids": [
                        Command.create({**common, "account_id": debit.id, "balance": value}),
                        Command.create({**common, "account_id": credit.id, "balance": -value}),
                    ],
                }
            )
        )
        entry._post()
        return entry
