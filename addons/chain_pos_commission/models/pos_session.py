from odoo import models


class PosSession(models.Model):
    """The till's list of guides (导购): the active employees of the session's store, sent with
    the session (``_chain_guides``); the line's guide travels as a plain employee id."""

    _inherit = "pos.session"

    def _load_pos_data(self, data):
        result = super()._load_pos_data(data)
        if result["data"]:
            result["data"][0]["_chain_guides"] = self[:1]._chain_guide_vals()
        return result

    def _load_pos_data_relations(self, model, response):
        result = super()._load_pos_data_relations(model, response)
        if model == "pos.order.line":
            # The guides are not the till's cashiers (pos_hr's ``hr.employee`` records, who may
            # log in): the guide stays an id the till shows through ``_chain_guides``, so that
            # listing a guide never lets them log in at the till.
            response[model]["relations"]["chain_guide_id"] = {
                "name": "chain_guide_id",
                "type": "integer",
                "compute": False,
                "related": False,
            }
        return result

    def _chain_guides(self):
        """The employees a line of this session may be credited to: the active employees of
        the till's store (in the till's company)."""
        self.ensure_one()
        store = self.config_id.chain_store_id
        if not store:
            return self.env["hr.employee"]
        # sudo: a cashier reads only the public profile of colleagues; the till shows names and jobs
        return (
            self.env["hr.employee"]
            .sudo()
            .search(
                [
                    ("chain_store_id", "=", store.id),
                    ("company_id", "in", (self.config_id.company_id.id, False)),
                ],
                order="name, id",
            )
        )

    def _chain_guide_vals(self):
        """``[{id, name, job}]`` of :meth:`_chain_guides`, as the till lists them."""
        if not self:
            return []
        return [
            {"id": employee.id, "name": employee.name, "job": employee.job_id.name or employee.job_title or ""}
            for employee in self._chain_guides()
        ]
