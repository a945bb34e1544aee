from odoo import Command

from odoo.addons.chain_store.tests.common import ChainStoreCase


class ChainApprovalCase(ChainStoreCase):
    """The chain of ``ChainStoreCase`` (store A in region Shanghai, B in Zhejiang) and a rule
    helper. ``manager_b`` runs store B; ``buyer`` buys the test product's category."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.manager_b = cls._user("t_manager_b", "chain_store.group_chain_store_manager")
        cls.store_b.manager_id = cls.manager_b
        cls.buyer = cls._user("t_buyer", "base.group_user")
        cls.product.categ_id.chain_buyer_id = cls.buyer
        cls.Request = cls.env["chain.approval.request"]

    @classmethod
    def _rule(cls, model, method, tiers, domain="[]", **vals):
        """A rule on ``model``.``method`` with ``tiers`` = [(name, approver type, extra vals)]."""
        return cls.env["chain.approval.rule"].create(
            {
                "name": f"Rule {model} {method}",
                "model_id": cls.env["ir.model"]._get_id(model),
                "method_name": method,
                "domain": domain,
                "tier_ids": [
                    Command.create({"name": name, "approver_type": kind, "sequence": index, **extra})
                    for index, (name, kind, extra) in enumerate(tiers, start=1)
                ],
                **vals,
            }
        )

    def _request_of(self, record, method):
        return self.Request.sudo().search(
            [("res_model", "=", record._name), ("res_id", "=", record.id), ("method_name", "=", method)], limit=1
        )

    def _scrap(self, store, qty, user=None):
        warehouse = store.warehouse_id
        return (
            self.env["stock.scrap"]
            .with_user(user or self.env.user)
            .create(
                {
                    "product_id": self.product.id,
                    "scrap_qty": qty,
                    "location_id": warehouse.lot_stock_id.id,
                    "company_id": store.company_id.id,
                }
            )
        )
