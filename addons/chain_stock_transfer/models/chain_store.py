from odoo import api, models


class ChainStore(models.Model):
    _inherit = "chain.store"
    _chain_guarded_fields = {}  # adds the transfer form's store pick list only

    @api.model
    def name_search(self, name="", args=None, operator="ilike", limit=100):
        # A store requests goods from any store of the chain: with ``chain_store_any`` in the
        # context (the transfer form), the pick list offers every store, names only.
        if self.env.context.get("chain_store_any") and self.env.user.has_group("chain_store.group_chain_store_user"):
            # sudo: names and codes of the chain's stores are not confidential; their stock stays hidden
            return super(ChainStore, self.sudo()).name_search(name=name, args=args, operator=operator, limit=limit)
        return super().name_search(name=name, args=args, operator=operator, limit=limit)
