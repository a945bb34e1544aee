from datetime import timedelta

from odoo import Command, api, fields, models

LANDLORD = "上海漕河泾商业物业管理有限公司"


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _chain_demo_store_rent(self, today=None):
        """Yesterday's bill of the stores' landlord: each open store's rent for the month on its
        store (a store expense of the store P&L), and a day the accountant can send to Kingdee.
        Idempotent: skipped when the landlord already has a bill."""
        company = self.env.ref("base.main_company")
        landlord = self.env["res.partner"].search([("name", "=", LANDLORD)], limit=1) or self.env["res.partner"].create(
            {"name": LANDLORD, "is_company": True, "company_id": company.id}
        )
        if self.search_count([("partner_id", "=", landlord.id), ("move_type", "=", "in_invoice")]):
            return self
        account = self.env["account.account"].search(
            [("code", "=like", "5601%"), ("account_type", "=", "expense"), ("company_ids", "in", company.id)],
            order="code",
            limit=1,
        )
        stores = self.env["chain.store"].search([("kind", "=", "store"), ("state", "=", "open")], order="code")
        if not account or not stores:
            return self
        day = (today or fields.Date.context_today(self)) - timedelta(days=1)
        bill = self.with_company(company).create(
            {
                "move_type": "in_invoice",
                "partner_id": landlord.id,
                "invoice_date": day,
                "date": day,
                "ref": f"RENT-{day:%Y%m}",
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": f"{store.name} {day:%Y-%m} 租金",
                            "account_id": account.id,
                            "quantity": 1,
                            "price_unit": 28000 + 4000 * (index % 3),
                            "tax_ids": [Command.clear()],
                            "analytic_distribution": store._chain_analytic_distribution(),
                        }
                    )
                    for index, store in enumerate(stores)
                ],
            }
        )
        bill.action_post()
        return bill
