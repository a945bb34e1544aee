# ruff: noqa: RUF001 - Chinese text is written with full-width punctuation

from odoo import api, fields, models

# (category xmlid, severity, title, description, closed) of each store's cases
STORE_CASES = (
    ("quality", "medium", "奶粉罐体凹陷", "顾客反映购买的奶粉罐体有明显凹陷，担心密封性。", False),
    ("wrong_goods", "low", "错拿尿裤尺码", "顾客购买 L 码尿裤，回家发现袋内为 M 码。", True),
    ("service", "low", "导购服务态度", "顾客反映周末排队结账时间过长，收银员未作解释。", True),
    ("delivery", "medium", "同城配送延误", "线上下单的辅食超过约定时间两小时未送达。", False),
)
# the store manager's answer on the closed cases (demo text, in the demo's language)
CLOSING_NOTE = "已致电顾客致歉并处理完毕。"


class HelpdeskTicket(models.Model):
    _inherit = "helpdesk.ticket"

    @api.model
    def _chain_demo_load_cases(self, quality_user=None, now=None):
        """After-sales cases of the open stores: open and closed ones per store, and a safety case
        (a baby's reaction to a formula lot the tills sold to a member) that the quality team turned
        into a recall.

        Idempotent: does nothing when a store has cases.
        """
        now = now or fields.Datetime.now()
        stores = self.env["chain.store"].search([("kind", "=", "store"), ("state", "=", "open")], order="code")
        if not stores or self.search_count([("chain_store_id", "in", stores.ids)], limit=1):
            return self.browse()
        done_stage = self.env.ref("helpdesk_mgmt.helpdesk_ticket_stage_done")
        cases = self.browse()
        for store in stores:
            member = self.env["chain.member"].search([("home_store_id", "=", store.id)], limit=1)
            for kind, severity, title, description, closed in STORE_CASES:
                vals = {
                    "name": title,
                    "description": f"<p>{description}</p>",
                    "chain_store_id": store.id,
                    "category_id": self.env.ref(f"chain_crm_service.helpdesk_ticket_category_{kind}").id,
                    "chain_severity": severity,
                    "user_id": store.manager_id.id,
                }
                if member:
                    vals.update(chain_member_id=member.id, partner_id=member.partner_id.id)
                # sudo: back to the loader's superuser env after the manager recorded it (demo data)
                case = self.with_user(store.manager_id or self.env.user).create(vals).sudo()
                if closed:
                    case.message_post(
                        body=CLOSING_NOTE,
                        message_type="comment",
                        subtype_xmlid="mail.mt_comment",
                        author_id=store.manager_id.partner_id.id,
                    )
                    case.stage_id = done_stage
                cases |= case
        cases |= self._chain_demo_safety_case(quality_user)
        return cases

    @api.model
    def _chain_demo_safety_case(self, quality_user):
        """A safety case on a formula lot a till sold to a member, and the recall it started."""
        sold = self.env["pos.pack.operation.lot"].search(
            [("chain_lot_id", "!=", False), ("pos_order_line_id.order_id.partner_id", "!=", False)],
            order="id desc",
            limit=1,
        )
        if not sold:
            return self.browse()
        line = sold.pos_order_line_id
        order = line.order_id
        store = order.config_id.chain_store_id
        member = self.env["chain.member"].search([("partner_id", "=", order.partner_id.id)], limit=1)
        case = self.with_user(store.manager_id or self.env.user).create(
            {
                "name": "宝宝食用后出现皮疹",
                "description": "<p>顾客反映宝宝食用该批次后出现皮疹，已就医，要求门店说明情况。</p>",
                "chain_store_id": store.id,
                "category_id": self.env.ref("chain_crm_service.helpdesk_ticket_category_safety").id,
                "chain_severity": "critical",
                "chain_member_id": member.id,
                "partner_id": order.partner_id.id,
                "chain_pos_order_id": order.id,
                "chain_pos_line_id": line.id,
                "chain_product_id": line.product_id.id,
                "chain_lot_id": sold.chain_lot_id.id,
                "user_id": store.manager_id.id,
            }
        )
        self.env["chain.crm.case.health"].with_user(store.manager_id or self.env.user).create(
            {
                "ticket_id": case.id,
                "description": "食用后约两小时面部及颈部出现红色皮疹，无发热。",
                "symptoms": "皮疹",
                "medical_visit": True,
            }
        )
        case = case.with_user(quality_user) if quality_user else case
        case.action_chain_start_recall()
        # sudo: the loader returns its records in its own superuser env (demo data)
        return case.sudo()
