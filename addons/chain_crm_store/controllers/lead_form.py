import logging
import time

from werkzeug.urls import url_encode

from odoo import http
from odoo.http import request
from odoo.service.model import PG_CONCURRENCY_EXCEPTIONS_TO_RETRY

from ..lib import captcha as captcha_lib
from ..lib import lead_import as import_lib

_logger = logging.getLogger(__name__)

MAX_NAME = import_lib.MAX_NAME
MAX_TEXT = import_lib.MAX_TEXT
HONEYPOT = "website"  # a field hidden from people; robots fill it


def _text(value, limit=None):
    """A form value as stripped text ('' for anything else: a file, a list)."""
    if not isinstance(value, str):
        return ""
    value = value.strip()
    return value[: limit + 1] if limit else value


class ChainLeadForm(http.Controller):
    """The public lead form of a store (门店二维码): ``/chain/lead/<token>``.

    Anyone with the store's token (a QR code printed in the store) may register an
    expectant parent for that store. The form has a signed sum to solve (captcha,
    one submission per challenge, not sent within 3 seconds of the page), a hidden
    field robots fill, and two rate limits (per IP, per store; company settings).
    A mobile that is already a member's or an open lead's is not registered again.
    Every refusal is a page in the visitor's language with its HTTP status: 404 for
    an unknown token, 429 over a limit, 400 for a form to correct or a robot.
    """

    # ------------------------------------------------------------------
    # Routes
    # ------------------------------------------------------------------
    @http.route(
        "/chain/lead/<string:token>",
        type="http",
        auth="public",
        methods=["GET", "POST"],
        # no session is involved: the signed captcha token is the form's anti-forgery proof
        csrf=False,
        readonly=False,
        sitemap=False,
    )
    def lead_form(self, token, **post):
        store = request.env["chain.store"]._chain_lead_form_store(token)
        self._chain_set_lang(store)
        if not store:
            return self._chain_message("not_found", status=404)
        if request.httprequest.method != "POST":
            values = {"ref": _text(post.get("ref"), 64)[:64]}
            return self._chain_render_form(store, values, {})
        try:
            return self._chain_submit(store, post)
        except PG_CONCURRENCY_EXCEPTIONS_TO_RETRY:
            raise  # Odoo runs the request again
        except Exception:  # a bug on a hostile body: a refusal page, never a server error page
            _logger.exception("Lead form of store %s: submission failed", store.id)
            request.env.cr.rollback()
            return self._chain_message("error", status=400)

    @http.route(
        "/chain/lead/<string:token>/qr", type="http", auth="public", methods=["GET"], readonly=True, sitemap=False
    )
    def lead_form_qr(self, token, **_kwargs):
        """The printable poster of the store's QR code and URL."""
        store = request.env["chain.store"]._chain_lead_form_store(token)
        self._chain_set_lang(store)
        if not store:
            return self._chain_message("not_found", status=404)
        url = store.chain_lead_form_url
        qr_src = "/report/barcode/?" + url_encode(
            {"barcode_type": "QR", "value": url, "width": 360, "height": 360, "barLevel": "M"}
        )
        return request.render(
            "chain_crm_store.lead_form_qr_page",
            {"store": store, "company": store.company_id, "url": url, "qr_src": qr_src},
            headers=[("Cache-Control", "no-store")],
        )

    # ------------------------------------------------------------------
    # Submission
    # ------------------------------------------------------------------
    def _chain_submit(self, store, post):
        env = request.env
        company = store.company_id
        # sudo: the public user records the submission of the store whose token it holds
        Hit = env["chain.crm.form.hit"].sudo()
        ip = request.httprequest.remote_addr or ""
        ip_hits, store_accepted = Hit._chain_counts(store, ip)
        if ip_hits >= company.chain_crm_form_ip_limit or store_accepted >= company.chain_crm_form_store_limit:
            return self._chain_message("rate", status=429, headers=[("Retry-After", "600")])

        def refuse(reason, nonce=False):
            Hit.create({"store_id": store.id, "ip": ip, "outcome": "refused", "reason": reason, "nonce": nonce})

        if _text(post.get(HONEYPOT)):
            refuse("honeypot")
            return self._chain_message("refused", status=400)

        values, errors = self._chain_read_form(store, post)
        nonce = captcha_lib.token_nonce(post.get("captcha_token"))
        # sudo: the captcha's signing key, never sent out
        secret = env["ir.config_parameter"].sudo().get_param("database.secret")
        problem = captcha_lib.check_answer(
            secret, store.chain_lead_form_token, post.get("captcha_token"), post.get("captcha"), time.time()
        )
        if problem is None and Hit._chain_nonce_used(nonce):
            problem = "reused"
        if problem:
            errors["captcha"] = {
                "too_fast": env._("Please take a moment to check your details, then send the form again."),
                "expired": env._("The form was open too long: answer the new question."),
            }.get(problem, env._("The answer to the question is not right: try the new question."))
        if errors:
            refuse("captcha" if list(errors) == ["captcha"] else "invalid", nonce if problem is None else False)
            return self._chain_render_form(store, values, errors, status=400)

        # sudo: the public user finds who holds the number in the store's company (any store)
        Lead = env["crm.lead"].sudo().with_company(company)
        holder = Lead._chain_intake_holders(company, [values["mobile"]]).get(values["mobile"])
        if holder:
            refuse("member" if holder._name == "chain.member" else "duplicate", nonce)
            return self._chain_message("duplicate", status=200, store=store)

        referrer = Lead._chain_intake_referrer(company, values.get("ref"))
        vals = Lead._chain_prepare_intake_vals(
            store, values, "referral" if referrer else "qr", company.chain_crm_form_consent_text, referrer=referrer
        )
        # unassigned: the store's guides see it (not the public user as salesperson, nor as follower)
        vals["user_id"] = False
        # sudo: the public user creates the lead of the store whose token it holds, nothing else
        lead = Lead.with_context(mail_create_nosubscribe=True).create(vals)
        Hit.create({"store_id": store.id, "ip": ip, "outcome": "accepted", "nonce": nonce, "lead_id": lead.id})
        return self._chain_message("thanks", status=200, store=store)

    def _chain_read_form(self, store, post):
        """``(values, errors)`` of a submitted form; ``errors`` maps a field to its translated message."""
        env = request.env
        Lead = env["crm.lead"]
        values = {
            "name": _text(post.get("name"), MAX_NAME),
            "mobile_input": _text(post.get("mobile"), 40)[:40],
            "due_date_input": _text(post.get("due_date"), 40)[:40],
            "hospital": _text(post.get("hospital"), MAX_TEXT),
            "consent": bool(_text(post.get("consent"))),
            "ref": _text(post.get("ref"), 64)[:64],
        }
        errors = {}
        if not values["name"]:
            errors["name"] = env._("Enter your name.")
        elif len(values["name"]) > MAX_NAME:
            errors["name"] = env._("The name is too long (at most %s characters).", MAX_NAME)
            values["name"] = values["name"][:MAX_NAME]
        if len(values["hospital"]) > MAX_TEXT:
            errors["hospital"] = env._("The hospital's name is too long (at most %s characters).", MAX_TEXT)
            values["hospital"] = values["hospital"][:MAX_TEXT]
        if not values["mobile_input"]:
            errors["mobile"] = env._("Enter your mobile number.")
        else:
            values["mobile"], message = Lead._chain_intake_mobile_message(values["mobile_input"])
            if message:
                errors["mobile"] = message
        due_date = import_lib.parse_date(values["due_date_input"])
        if due_date is None:
            errors["due_date"] = env._("Enter the due date.")
        elif due_date is False:
            errors["due_date"] = env._("The due date is not a date.")
        else:
            values["due_date"] = due_date
            message = Lead._chain_intake_due_date_message(due_date)
            if message:
                errors["due_date"] = message
        if not values["consent"]:
            errors["consent"] = env._("Please read and accept the consent to be contacted by the store.")
        offered = store.company_id.chain_crm_form_product_tmpl_ids
        chosen = set()
        for value in request.httprequest.form.getlist("product_ids")[:50]:
            if isinstance(value, str) and value.isdigit():
                chosen.add(int(value))
        values["product_tmpl_ids"] = [pid for pid in offered.ids if pid in chosen]
        return values, errors

    # ------------------------------------------------------------------
    # Pages
    # ------------------------------------------------------------------
    def _chain_set_lang(self, store):
        """The visitor's language: ``?lang=``, else their browser's, else the store company's."""
        env = request.env
        installed = [code for code, _name in env["res.lang"].get_installed()]
        wanted = _text(request.httprequest.args.get("lang"), 16)
        lang = wanted if wanted in installed else None
        if not lang:
            by_tag = {code.replace("_", "-"): code for code in installed}
            best = request.httprequest.accept_languages.best_match(list(by_tag))
            lang = by_tag.get(best) if best else None
        if not lang and store:
            lang = store.company_id.partner_id.lang if store.company_id.partner_id.lang in installed else None
        if lang:
            request.update_context(lang=lang)

    def _chain_render_form(self, store, values, errors, status=200):
        env = request.env
        now = int(time.time())
        # sudo: the captcha's signing key, never sent out
        secret = env["ir.config_parameter"].sudo().get_param("database.secret")
        question, captcha_token = captcha_lib.make_challenge(secret, store.chain_lead_form_token, now)
        return request.render(
            "chain_crm_store.lead_form_page",
            {
                "store": store,
                "company": store.company_id,
                "values": values,
                "errors": errors,
                "question": question,
                "captcha_token": captcha_token,
                "honeypot": HONEYPOT,
                "products": store.company_id.chain_crm_form_product_tmpl_ids,
                "consent_text": store.company_id.chain_crm_form_consent_text or "",
                "action": f"/chain/lead/{store.chain_lead_form_token}",
            },
            status=status,
            headers=[("Cache-Control", "no-store")],
        )

    def _chain_message(self, kind, status, store=None, headers=None):
        return request.render(
            "chain_crm_store.lead_form_message_page",
            {"kind": kind, "store": store, "company": store.company_id if store else None},
            status=status,
            headers=(headers or []) + [("Cache-Control", "no-store")],
        )
