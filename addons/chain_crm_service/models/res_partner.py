from odoo import models


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _chain_supplier_case_stats(self, date_from=None, date_to=None):
        """After-sales cases per supplier, for the purchasing supplier scoring.

        Returns ``{partner id: {"cases": n, "safety": n}}`` over the cases created
        from ``date_from`` to ``date_to`` (datetimes or dates, both optional), of
        the suppliers in ``self`` (every supplier when ``self`` is empty); one
        ``_read_group``. ``safety`` counts the safety and allergy cases.
        """
        domain = [("chain_supplier_id", "!=", False)]
        if self:
            domain.append(("chain_supplier_id", "in", self.ids))
        if date_from:
            domain.append(("chain_opened_date", ">=", date_from))
        if date_to:
            domain.append(("chain_opened_date", "<=", date_to))
        # sudo: counts per supplier of every store's cases (no case content leaves this method)
        groups = (
            self.env["helpdesk.ticket"].sudo()._read_group(domain, ["chain_supplier_id", "chain_kind"], ["__count"])
        )
        stats = {}
        for supplier, kind, count in groups:
            entry = stats.setdefault(supplier.id, {"cases": 0, "safety": 0})
            entry["cases"] += count
            if kind in ("safety", "allergy"):
                entry["safety"] += count
        return stats
