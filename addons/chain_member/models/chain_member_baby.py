from odoo import _, api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tools import SQL

from ..lib import baby as baby_lib

FORMULA_STAGES = [
    ("1", "Stage 1 (0-6 months)"),
    ("2", "Stage 2 (6-12 months)"),
    ("3", "Stage 3 (12-36 months)"),
]
DIAPER_SIZES = [
    ("nb", "NB (newborn)"),
    ("s", "S"),
    ("m", "M"),
    ("l", "L"),
    ("xl", "XL"),
    ("xxl", "XXL"),
]


class ChainMemberBaby(models.Model):
    """A child of a member, born or expected (宝宝档案).

    The age in months, the formula stage and the diaper size follow from the
    birth date (see ``lib/baby.py``); an expected baby (a due date, no birth
    date) is in stage 1 and newborn size, what the family buys ahead. Stage and
    size are stored (the POS and the follow-up job search on them): computed on
    write and kept current every night by :meth:`_chain_refresh_bands`, one
    UPDATE for all babies. The age is not stored (it would change every day for
    a thirtieth of the babies): a search on it becomes a range of birth dates.

    The health note (allergies, ...) is personal health data: only the staff of
    the member's home store (its users and its manager) read and write it;
    region and chain managers, who see the baby through the store rules, do not.
    """

    _name = "chain.member.baby"
    _description = "Baby"
    _order = "member_id, birth_date, due_date, id"
    _chain_store_field = "member_id.home_store_id"
    _chain_guarded_fields = {
        # kept by the computes and the nightly job from the birth date, never written by hand
        "formula_stage": (),
        "diaper_size": (),
    }

    member_id = fields.Many2one(
        "chain.member",
        string="Member",
        required=True,
        # a member is anonymized, not deleted; a merge moves the babies first
        ondelete="restrict",
        index=True,
    )
    company_id = fields.Many2one(related="member_id.company_id", store=True, index=True)
    name = fields.Char(string="Baby's Name", help="The baby's name or nickname (小名); may wait for the birth.")
    gender = fields.Selection(
        [("girl", "Girl"), ("boy", "Boy"), ("unknown", "Not known yet")], default="unknown", required=True
    )
    birth_date = fields.Date(string="Birth Date", index=True)
    due_date = fields.Date(string="Due Date", index=True, help="Expected birth date of a baby not born yet.")
    is_born = fields.Boolean(string="Born", compute="_compute_is_born", store=True)
    age_months = fields.Integer(
        string="Age (Months)",
        compute="_compute_age_months",
        search="_search_age_months",
        help="Completed months since the birth date; empty while the baby is expected.",
    )
    formula_stage = fields.Selection(
        FORMULA_STAGES,
        compute="_compute_bands",
        store=True,
        index=True,
        help="Infant formula stage for the baby's age (GB 10765/10766/10767-2021); stage 1 for an "
        "expected baby; empty from 36 months.",
    )
    diaper_size = fields.Selection(
        DIAPER_SIZES, compute="_compute_bands", store=True, help="Diaper size usual at the baby's age."
    )
    health_note = fields.Text(
        string="Health Note",
        compute="_compute_health_note",
        inverse="_inverse_health_note",
        help="Allergies, intolerances, special formula: seen only by the staff of the member's home store.",
    )
    health_note_data = fields.Text(groups="base.group_system", copy=False)
    health_note_visible = fields.Boolean(compute="_compute_health_note_visible")

    # member_id: always given, so the check also runs when neither date is
    @api.constrains("member_id", "birth_date", "due_date")
    def _check_dates(self):
        today = fields.Date.context_today(self)
        for baby in self:
            if not baby.birth_date and not baby.due_date:
                raise ValidationError(_("Give the baby's birth date or, for an expected baby, the due date."))
            if baby.birth_date and baby.birth_date > today:
                raise ValidationError(
                    _("The birth date %s is in the future: enter it as the due date.", baby.birth_date)
                )

    @api.depends("birth_date")
    def _compute_is_born(self):
        for baby in self:
            baby.is_born = bool(baby.birth_date)

    @api.depends("birth_date")
    @api.depends_context("tz")
    def _compute_age_months(self):
        today = fields.Date.context_today(self)
        for baby in self:
            baby.age_months = baby_lib.age_months(baby.birth_date, today) or 0

    def _search_age_months(self, operator, value):
        """Ages become birth date ranges (``lib.baby.birth_date_bound``): the index on birth_date serves."""
        if operator not in ("=", "!=", "<", "<=", ">", ">=") or not isinstance(value, int) or value < 0:
            raise UserError(_("Search the age in months with a whole number of months."))
        today = fields.Date.context_today(self)

        def at_least(months):
            return [("birth_date", "<=", baby_lib.birth_date_bound(today, months))]

        def under(months):
            return [("birth_date", ">", baby_lib.birth_date_bound(today, months)), ("birth_date", "<=", today)]

        if operator == ">":
            return at_least(value + 1)
        if operator == ">=":
            return at_least(value)
        if operator == "<":
            return under(value)
        if operator == "<=":
            return under(value + 1)
        if operator == "=":
            return [*at_least(value), *under(value + 1)]
        return [
            ("birth_date", "!=", False),
            "|",
            ("birth_date", ">", baby_lib.birth_date_bound(today, value)),
            ("birth_date", "<=", baby_lib.birth_date_bound(today, value + 1)),
        ]

    @api.depends("birth_date", "due_date")
    def _compute_bands(self):
        today = fields.Date.context_today(self)
        for baby in self:
            months = baby_lib.age_months(baby.birth_date, today)
            baby.formula_stage = baby_lib.formula_stage(months) or False
            baby.diaper_size = baby_lib.diaper_size(months) or False

    # ------------------------------------------------------------------
    # Health note: the member's home store only
    # ------------------------------------------------------------------
    def _chain_may_see_health(self):
        """Whether the current user is staff of this baby's member's home store (or the superuser)."""
        self.ensure_one()
        if self.env.su:
            return True
        store = self.member_id.home_store_id
        user = self.env.user
        return bool(store) and (store in user.chain_store_ids or store.manager_id == user)

    @api.depends("member_id.home_store_id")
    @api.depends_context("uid")
    def _compute_health_note_visible(self):
        for baby in self:
            baby.health_note_visible = baby._chain_may_see_health()

    @api.depends("member_id.home_store_id")
    @api.depends_context("uid")
    def _compute_health_note(self):
        # sudo: the note is stored in a field nobody reads directly; it is given here to the store's staff only
        stored = {baby.id: baby.health_note_data for baby in self.sudo()}
        for baby in self:
            baby.health_note = stored.get(baby.id) if baby._chain_may_see_health() else False

    def _inverse_health_note(self):
        for baby in self:
            if not baby._chain_may_see_health():
                raise AccessError(_("Only the staff of the member's store may record the baby's health note."))
            # sudo: the store's staff write the note through this field; the stored one is closed to them
            baby.sudo().health_note_data = baby.health_note

    # ------------------------------------------------------------------
    # Nightly refresh
    # ------------------------------------------------------------------
    @api.model
    def _chain_band_case(self, bands, unborn, today):
        """The SQL ``CASE`` giving a band of ``bands`` (``lib.baby``) from ``birth_date`` on ``today``."""
        whens = [
            SQL(
                "WHEN birth_date + make_interval(months => %s) > %s::date THEN %s",
                end,
                today,
                code,
            )
            for _start, end, code in bands
        ]
        return SQL(
            "CASE WHEN birth_date IS NULL OR birth_date > %s::date THEN %s %s ELSE NULL END",
            today,
            unborn,
            SQL(" ").join(whens),
        )

    @api.model
    def _chain_refresh_bands(self, today=None):
        """Bring every baby's formula stage and diaper size to ``today``: one UPDATE, changed rows only.

        Returns the number of babies changed.
        """
        today = today or fields.Date.context_today(self)
        self.env.flush_all()
        stage = self._chain_band_case(baby_lib.STAGE_BANDS, baby_lib.UNBORN_STAGE, today)
        size = self._chain_band_case(baby_lib.DIAPER_BANDS, baby_lib.UNBORN_DIAPER, today)
        self.env.cr.execute(
            SQL(
                """
                UPDATE chain_member_baby
                   SET formula_stage = %(stage)s, diaper_size = %(size)s
                 WHERE formula_stage IS DISTINCT FROM %(stage)s OR diaper_size IS DISTINCT FROM %(size)s
                """,
                stage=stage,
                size=size,
            )
        )
        changed = self.env.cr.rowcount
        self.invalidate_model(["formula_stage", "diaper_size"])
        return changed
