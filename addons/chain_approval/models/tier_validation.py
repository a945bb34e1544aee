from odoo import models

from odoo.addons.chain_store.lib import guard

ENGINE_FIELDS = ("status", "done_by", "reviewed_date", "comment")


class TierValidation(models.AbstractModel):
    """OCA's engine decides on reviews (see ``tier.review``'s write): these are its doors."""

    _inherit = "tier.validation"
    _chain_guarded_fields = {}  # adds no field; review decisions are guarded on tier.review

    def request_validation(self):
        with guard.allow("tier.review", ENGINE_FIELDS):
            return super().request_validation()

    def _validate_tier(self, tiers=False):
        with guard.allow("tier.review", ENGINE_FIELDS):
            return super()._validate_tier(tiers)

    def _rejected_tier(self, tiers=False):
        with guard.allow("tier.review", ENGINE_FIELDS):
            return super()._rejected_tier(tiers)
