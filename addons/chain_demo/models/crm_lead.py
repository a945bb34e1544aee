# ruff: noqa: RUF001 - Chinese names are written with full-width parentheses
from datetime import timedelta

from odoo import api, fields, models

# (name, mobile suffix, due in days, hospital) of the prenatal class attendees and QR-form leads
CLASS_ATTENDEES = (
    ("王芳", 120, "上海市第一妇婴保健院"),
    ("李娜", 45, "上海市第一妇婴保健院"),
    ("张敏", 200, "复旦大学附属妇产科医院"),
    ("刘洋", 90, "上海市国际和平妇幼保健院"),
    ("陈静", 160, "上海市第一妇婴保健院"),
)
QR_LEADS = (
    ("赵丽", 75, "复旦大学附属妇产科医院"),
    ("孙悦", 30, "上海市国际和平妇幼保健院"),
    ("周婷", 250, ""),
)
CONSENT_TEXT = "本人同意门店保存并使用以上信息，用于母婴顾问的孕期与育儿服务回访（可随时撤回）。"


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _chain_demo_load_leads(self, today=None):
        """Expectant parents of each open store, as the stores met them: attendees of last week's
        prenatal class (孕妈课堂, imported from its sign-in sheet) and parents who scanned the store's
        QR code; each lead with the store's guide; two per store converted into members (one of
        them a member of the chain already: found by mobile); then the follow-up plans scheduled,
        so that every guide has follow-ups due today.

        Idempotent: a store with leads is skipped.
        """
        today = today or fields.Date.context_today(self)
        stores = self.env["chain.store"].search([("kind", "=", "store"), ("state", "=", "open")], order="code")
        done = self.with_context(active_test=False).search([("chain_store_id", "in", stores.ids)]).chain_store_id
        guide_job = self.env.ref("chain_hr_store.job_guide")
        created = self.browse()
        for number, store in enumerate(stores - done, start=1):
            guides = (
                self.env["hr.employee"]
                .search([("chain_store_id", "=", store.id), ("job_id", "=", guide_job.id), ("user_id", "!=", False)])
                .user_id
                or store.manager_id
            )
            event = self.env["chain.crm.event"].create(
                {
                    "name": f"孕妈课堂：新生儿喂养（{store.name}）",
                    "kind": "prenatal_class",
                    "date": today - timedelta(days=7),
                    "chain_store_id": store.id,
                    "hospital": CLASS_ATTENDEES[0][2],
                }
            )
            vals_list = []
            rows = [(row, "event") for row in CLASS_ATTENDEES] + [(row, "qr") for row in QR_LEADS]
            for index, ((name, due_in, hospital), source) in enumerate(rows):
                guide = guides[index % len(guides)]
                vals_list.append(
                    {
                        "name": f"{name} 孕期咨询",
                        "contact_name": name,
                        "phone": f"139{number:02d}{index:02d}{store.id % 10000:04d}",
                        "chain_store_id": store.id,
                        "user_id": guide.id,
                        "chain_due_date": today + timedelta(days=due_in),
                        "chain_hospital": hospital,
                        "chain_source_kind": source,
                        "chain_event_id": event.id if source == "event" else False,
                        "chain_consent": True,
                        "chain_consent_text": CONSENT_TEXT,
                    }
                )
            member = self.env["chain.member"].search(
                [("home_store_id", "=", store.id), ("mobile", "!=", False), ("state", "=", "active")], limit=1
            )
            if member:
                # she came to the class too: the conversion finds her by mobile, not by name
                vals_list[0].update(phone=member.mobile, contact_name=member.name, name=f"{member.name} 孕期咨询")
            # sudo: back to the loader's superuser env after the manager created them (demo data)
            leads = self.with_user(store.manager_id or self.env.user).create(vals_list).sudo()
            leads[:2].action_chain_convert()
            created |= leads
        if created:
            self.env["chain.crm.followup"]._cron_schedule(today)
        return created
