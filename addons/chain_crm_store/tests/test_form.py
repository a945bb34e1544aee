import time
from datetime import date, timedelta

from odoo.tests import HttpCase, tagged

from odoo.addons.chain_store.tests.common import ChainStoreCase

from ..lib import captcha as captcha_lib


@tagged("post_install", "-at_install")
class TestLeadForm(HttpCase, ChainStoreCase):
    """The public QR form of a store, over real HTTP, as an anonymous visitor."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company = cls.env.company
        cls.company.write(
            {
                "chain_crm_form_ip_limit": 50,
                "chain_crm_form_store_limit": 50,
                "chain_crm_form_consent_text": "I agree that Test Store contacts me about my baby (PIPL).",
            }
        )
        cls.token_a = cls.store_a.chain_lead_form_token
        cls.secret = cls.env["ir.config_parameter"].sudo().get_param("database.secret")
        cls.Lead = cls.env["crm.lead"].with_context(active_test=False)
        cls.member = cls.env["chain.member"].create(
            {"name": "Zhou Min (member)", "mobile": "139 0000 0099", "home_store_id": cls.store_b.id}
        )

    def _captcha(self, token=None, answer_right=True, age=10):
        _question, signed = captcha_lib.make_challenge(
            self.secret, token or self.token_a, int(time.time()) - age, numbers=(2, 3)
        )
        return {"captcha_token": signed, "captcha": "5" if answer_right else "6"}

    def _post(self, data=None, token=None, **overrides):
        form = {
            "name": "Wang Xiaohong",
            "mobile": "138 1234 5678",
            "due_date": self.due,
            "hospital": "Shanghai First Maternity Hospital",
            "consent": "1",
            **self._captcha(token),
        }
        form.update(data or {})
        form.update(overrides)
        form = {key: value for key, value in form.items() if value is not None}
        return self.url_open(f"/chain/lead/{token or self.token_a}", data=form, allow_redirects=False)

    def _leads(self):
        return self.Lead.search([("chain_store_id", "in", (self.store_a | self.store_b).ids)])

    def setUp(self):
        super().setUp()
        # the due date rule reads today: three months from now is always valid
        self.due = (date.today() + timedelta(days=90)).isoformat()

    # ------------------------------------------------------------------
    def test_get_shows_the_store_form_with_the_consent_text(self):
        response = self.url_open(f"/chain/lead/{self.token_a}?ref=M0001")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Test Store A", response.text)
        self.assertIn("contacts me about my baby (PIPL)", response.text)
        self.assertIn('name="captcha_token"', response.text)
        self.assertIn('value="M0001"', response.text)

    def test_bad_token_is_not_found(self):
        for token in ("not-a-token", "x" * 300, self.token_a[:-1]):
            response = self.url_open(f"/chain/lead/{token}")
            self.assertEqual(response.status_code, 404, token)
            self.assertIn("Form not found", response.text)
        self.assertEqual(self._post(token="nope").status_code, 404)
        self.assertEqual(self.url_open("/chain/lead/nope/qr").status_code, 404)
        self.assertFalse(self._leads())

    def test_good_submission_makes_a_lead_of_the_store_with_consent(self):
        response = self._post(data={"due_date": self.due})
        self.assertEqual(response.status_code, 200, response.text)
        self.assertIn("Thank you!", response.text)
        lead = self._leads()
        self.assertEqual(len(lead), 1)
        self.assertRecordValues(
            lead,
            [
                {
                    "chain_store_id": self.store_a.id,
                    "company_id": self.company.id,
                    "contact_name": "Wang Xiaohong",
                    "chain_mobile": "+8613812345678",
                    "chain_hospital": "Shanghai First Maternity Hospital",
                    "chain_consent": True,
                    "chain_consent_text": "I agree that Test Store contacts me about my baby (PIPL).",
                    "chain_source_kind": "qr",
                    "chain_referrer_member_id": False,
                    "user_id": False,
                    "team_id": self.store_a.chain_sales_team_ids.id,
                }
            ],
        )
        self.assertNotIn(self.env.ref("base.public_partner"), lead.message_partner_ids)
        self.assertEqual(str(lead.chain_due_date), self.due)
        self.assertTrue(lead.chain_consent_date)
        hit = self.env["chain.crm.form.hit"].search([("store_id", "=", self.store_a.id)])
        self.assertRecordValues(hit, [{"outcome": "accepted", "lead_id": lead.id}])

    def test_referral_by_member_code(self):
        response = self._post(ref=self.member.code)
        self.assertEqual(response.status_code, 200, response.text)
        self.assertRecordValues(
            self._leads(), [{"chain_referrer_member_id": self.member.id, "chain_source_kind": "referral"}]
        )

    def test_unknown_referrer_code_is_ignored(self):
        self.assertEqual(self._post(ref="NO-SUCH-CODE").status_code, 200)
        self.assertRecordValues(self._leads(), [{"chain_referrer_member_id": False, "chain_source_kind": "qr"}])

    def test_burst_above_the_ip_limit_is_refused(self):
        self.company.chain_crm_form_ip_limit = 3
        statuses = []
        for index in range(6):
            response = self._post(name=f"Parent {index}", mobile=f"1381234560{index}")
            statuses.append(response.status_code)
        self.assertEqual(statuses, [200, 200, 200, 429, 429, 429])
        self.assertIn("Too many registrations", response.text)
        self.assertEqual(response.headers.get("Retry-After"), "600")
        self.assertEqual(len(self._leads()), 3, "nothing created beyond the limit")

    def test_refused_submissions_count_for_the_ip_limit(self):
        self.company.chain_crm_form_ip_limit = 2
        self.assertEqual(self._post(**self._captcha(answer_right=False)).status_code, 400)
        self.assertEqual(self._post(**self._captcha(answer_right=False)).status_code, 400)
        self.assertEqual(self._post().status_code, 429)
        self.assertFalse(self._leads())

    def test_store_limit_per_hour(self):
        self.company.chain_crm_form_store_limit = 2
        statuses = [self._post(mobile=f"1381234561{index}").status_code for index in range(3)]
        self.assertEqual(statuses, [200, 200, 429])
        self.assertEqual(len(self._leads()), 2)
        # another store's form is not limited by store A's registrations
        self.assertEqual(self._post(token=self.store_b.chain_lead_form_token, mobile="13812345620").status_code, 200)

    def test_duplicate_mobile_is_refused(self):
        self.assertEqual(self._post().status_code, 200)
        again = self._post(mobile="+86 138-1234-5678", name="Someone else")
        self.assertEqual(again.status_code, 200)
        self.assertIn("already registered", again.text)
        self.assertEqual(len(self._leads()), 1)
        # an open lead of another store of the company holds the number too
        other = self._post(token=self.store_b.chain_lead_form_token)
        self.assertIn("already registered", other.text)
        self.assertEqual(len(self._leads()), 1)

    def test_member_mobile_is_not_a_new_lead(self):
        response = self._post(mobile="13900000099")
        self.assertEqual(response.status_code, 200)
        self.assertIn("already registered", response.text)
        self.assertFalse(self._leads())
        hit = self.env["chain.crm.form.hit"].search([("store_id", "=", self.store_a.id)])
        self.assertRecordValues(hit, [{"outcome": "refused", "reason": "member"}])

    def test_wrong_expired_or_reused_captcha_is_refused(self):
        wrong = self._post(**self._captcha(answer_right=False))
        self.assertEqual(wrong.status_code, 400)
        self.assertIn("not right", wrong.text)
        self.assertIn('value="Wang Xiaohong"', wrong.text, "the visitor's answers are kept")
        self.assertEqual(self._post(**self._captcha(age=0)).status_code, 400, "sent too fast")
        self.assertEqual(self._post(**self._captcha(age=3 * 3600)).status_code, 400, "expired")
        self.assertEqual(self._post(captcha_token="1.2.3").status_code, 400)
        self.assertEqual(self._post(captcha_token=None, captcha=None).status_code, 400)
        # a challenge of store B does not open store A's form
        self.assertEqual(self._post(**self._captcha(token=self.store_b.chain_lead_form_token)).status_code, 400)
        self.assertFalse(self._leads())
        captcha = self._captcha()
        self.assertEqual(self._post(**captcha).status_code, 200)
        reused = self._post(mobile="13812349999", **captcha)
        self.assertEqual(reused.status_code, 400, "one submission per challenge")
        self.assertEqual(len(self._leads()), 1)

    def test_honeypot_is_refused(self):
        response = self._post(website="http://spam.example.com")
        self.assertEqual(response.status_code, 400)
        self.assertIn("could not be accepted", response.text)
        self.assertFalse(self._leads())

    def test_consent_is_required(self):
        response = self._post(consent=None)
        self.assertEqual(response.status_code, 400)
        self.assertIn("accept the consent", response.text)
        self.assertFalse(self._leads())

    def test_malformed_input_never_crashes(self):
        cases = [
            {"name": None},
            {"mobile": None},
            {"mobile": "12345"},
            {"mobile": "+1 415 555 0100"},
            {"name": "王" * 10_000},
            {"hospital": "H" * 10_000},
            {"due_date": "99999-99-99"},
            {"due_date": "2027-02-30"},
            {"due_date": "tomorrow"},
            {"due_date": (date.today() - timedelta(days=1)).isoformat()},
            {"due_date": (date.today() + timedelta(days=400)).isoformat()},
            {"due_date": None},
            {"captcha": "五"},
            {"captcha": "9" * 5000},
            {"captcha_token": "9" * 5000},
        ]
        for case in cases:
            with self.subTest(case=list(case)):
                response = self._post(**case)
                self.assertEqual(response.status_code, 400, response.text[:500])
        self.assertFalse(self._leads())
        # a file instead of a text field
        response = self.url_open(
            f"/chain/lead/{self.token_a}", data={"mobile": "13812345678"}, files={"name": ("x.txt", b"abc")}
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self._leads())

    def test_products_of_interest_only_those_offered(self):
        offered, other = self.env["product.template"].create([{"name": "Formula stage 1"}, {"name": "Not offered"}])
        self.company.chain_crm_form_product_tmpl_ids = offered
        page = self.url_open(f"/chain/lead/{self.token_a}")
        self.assertIn("Formula stage 1", page.text)
        self.assertNotIn("Not offered", page.text)
        form = {
            "name": "Li Mei",
            "mobile": "13812340000",
            "due_date": self.due,
            "consent": "1",
            "product_ids": [str(offered.id), str(other.id), "not-a-number", "-1"],
            **self._captcha(),
        }
        self.assertEqual(self.url_open(f"/chain/lead/{self.token_a}", data=form).status_code, 200)
        self.assertEqual(self._leads().chain_product_tmpl_ids, offered)

    def test_qr_page_and_token_regeneration(self):
        page = self.url_open(f"/chain/lead/{self.token_a}/qr")
        self.assertEqual(page.status_code, 200)
        self.assertIn("/report/barcode/?barcode_type=QR", page.text)
        self.assertIn(self.store_a.chain_lead_form_url, page.text)
        old = self.token_a
        self.store_a.with_user(self.manager_a).action_chain_regenerate_lead_form_token()
        self.assertNotEqual(self.store_a.chain_lead_form_token, old)
        self.assertEqual(self.url_open(f"/chain/lead/{old}").status_code, 404)
        self.assertEqual(self.url_open(f"/chain/lead/{self.store_a.chain_lead_form_token}").status_code, 200)

    def test_pages_in_the_visitors_language(self):
        self.env["res.lang"]._activate_lang("zh_CN")
        self.env["ir.module.module"]._load_module_terms(["chain_crm_store"], ["zh_CN"])
        headers = {"Accept-Language": "zh-CN,zh;q=0.9"}
        missing = self.url_open("/chain/lead/nope", headers=headers)
        self.assertEqual(missing.status_code, 404)
        self.assertIn('lang="zh-CN"', missing.text)
        self.assertIn("未找到表单", missing.text)
        self.company.chain_crm_form_ip_limit = 0
        flooded = self.url_open(f"/chain/lead/{self.token_a}", data={"name": "x"}, headers=headers)
        self.assertEqual(flooded.status_code, 429)
        self.assertNotIn("Too many registrations", flooded.text)
        # ?lang= wins over the browser's language
        english = self.url_open("/chain/lead/nope?lang=en_US", headers=headers)
        self.assertIn("Form not found", english.text)
