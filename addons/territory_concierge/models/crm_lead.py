import hashlib
import hmac
import json
import logging
from ast import literal_eval
from collections import defaultdict

from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import clean_context, consteq, email_normalize, html2plaintext, parse_contact_from_email

from ..access import check_concierge_staff
from ..household import children_summary, household_summary
from ..intake_rules import (
    EMAIL_PATTERN,
    INTAKE_CHANNELS,
    INTAKE_RESERVED_FIELDS,
    SEARCH_CHUNK,
    same_name,
    simplify,
)
from ..portal_rules import TEXT_LIMIT, TITLE_LIMIT, too_long
from .territory_consent import CHANNEL_PROOF

_logger = logging.getLogger(__name__)

PROJECT_HORIZONS = [
    ("lt_6m", "Within 6 months"),
    ("6_12m", "6 to 12 months"),
    ("12_24m", "1 to 2 years"),
    ("gt_24m", "More than 2 years"),
    ("unknown", "Not known yet"),
]
MOTIVATIONS = [("1", "Low"), ("2", "Medium"), ("3", "High"), ("4", "Very high")]
MATURITIES = [
    ("idea", "Just an idea"),
    ("exploring", "Exploring"),
    ("planned", "Planned project"),
    ("ready", "Ready to move"),
]
# Points (0-100) each answer brings to its component of the priority score.
HORIZON_POINTS = {"lt_6m": 100, "6_12m": 75, "12_24m": 40, "gt_24m": 15, "unknown": 0}
MOTIVATION_POINTS = {"1": 25, "2": 50, "3": 75, "4": 100}
MATURITY_POINTS = {"idea": 25, "exploring": 50, "planned": 75, "ready": 100}
FIT_POINTS_PER_WARNING = 25
SCORE_COMPONENTS = ("horizon", "motivation", "maturity", "fit")


# What anonymisation blanks on a journey: everything that tells who the household is.
# Dates, stages and their history, campaign, source, profiles, team and concierge stay:
# the funnel and the impact figures are made of them.
# Written by the server only (stage moves, done activities, erasure): see _check_server_maintained_fields.
SERVER_MAINTAINED_FIELDS = ("date_last_followup", "furthest_stage_id", "anonymised_date")
PERSONAL_JOURNEY_FIELDS = (
    "contact_name", "partner_name", "email_from", "phone", "street", "street2", "city", "zip",
    "website", "function", "description", "referred", "origin_city", "origin_zip", "business_project",
    "wished_area", "departure_reason", "housing_budget", "partner_id",
)


# The journeys' own views (primary views derived from CRM's) and the CRM buttons they drop.
JOURNEY_VIEWS = {f"territory_concierge.crm_lead_view_{kind}_journey" for kind in ("form", "kanban", "list")}
JOURNEY_HIDDEN_BUTTONS = ("action_generate_leads", "action_show_potential_duplicates", "iap_enrich")
# CRM's list/kanban "Actions" that turn leads into sales opportunities or merge them (a merge would
# mix two households' consents and files): not offered on journeys. Listed by xml id so that a
# module that is not installed (crm_iap_enrich) simply matches nothing.
JOURNEY_HIDDEN_ACTIONS = (
    "crm.action_crm_send_mass_convert",
    "crm.action_merge_opportunities",
    "crm_iap_enrich.action_enrich_mail",
    "website_crm_partner_assign.action_crm_send_mass_forward",
)


class CrmLead(models.Model):
    """A newcomer journey ("parcours d'installation") is a lead of a journeys team."""

    _inherit = "crm.lead"

    is_journey = fields.Boolean(related="team_id.use_journeys", store=True, index=True)

    # Household
    household_member_ids = fields.One2many("territory.household.member", "journey_id", string="Household")
    adult_count = fields.Integer("Adults", compute="_compute_household_counts", store=True)
    child_count = fields.Integer("Children", compute="_compute_household_counts", store=True)
    children_ages = fields.Char("Children's ages", compute="_compute_household_counts", store=True)
    household_summary = fields.Char("Household in short", compute="_compute_household_summary")
    profile_ids = fields.Many2many("territory.profile", string="Profiles")

    # Project
    origin_city = fields.Char("Coming from")
    origin_zip = fields.Char("Origin postcode")
    project_horizon = fields.Selection(PROJECT_HORIZONS, string="Project horizon", tracking=True)
    motivation = fields.Selection(MOTIVATIONS, tracking=True, help="As assessed at the qualification call.")
    maturity = fields.Selection(MATURITIES, string="Project maturity", tracking=True,
                                help="As assessed at the qualification call.")
    business_project = fields.Text("Business project", help="Business to create or take over, if any.")
    interest_ids = fields.Many2many("territory.interest", string="Interests")

    # Needs
    has_car = fields.Boolean("Has a car")
    has_driving_licence = fields.Boolean("Driving licence")
    housing_tenure = fields.Selection(
        [("rent", "Rent"), ("buy", "Buy"), ("either", "Rent or buy")], string="Housing wanted")
    housing_rooms = fields.Integer("Rooms needed")
    housing_budget = fields.Monetary("Housing budget", currency_field="company_currency",
                                     help="Monthly rent or purchase budget, depending on the housing wanted.")
    wished_commune_ids = fields.Many2many(
        "territory.commune", "crm_lead_wished_commune_rel", "lead_id", "commune_id", string="Wished communes")
    wished_area = fields.Char("Wished area")

    # Installation and after
    installation_commune_id = fields.Many2one("territory.commune", string="Installation commune", tracking=True,
                                              index="btree_not_null")
    installation_date = fields.Date(tracking=True)
    housing_found = fields.Boolean("Housing found", tracking=True)
    departure_date = fields.Date("Left on", tracking=True)
    departure_reason = fields.Text("Why they left")

    # Measured journey: what the funnel and retention figures are made of
    stage_history_ids = fields.One2many("crm.lead.stage.history", "journey_id", string="Stage history")
    furthest_stage_id = fields.Many2one(
        "crm.stage", string="Furthest stage", index=True, readonly=True, copy=False,
        help="The furthest stage of the pipeline this journey reached, kept when it is lost.")

    # Privacy
    anonymised_date = fields.Datetime(
        "Anonymised on", readonly=True, copy=False, index="btree_not_null",
        help="The household's personal data was erased; the journey only counts in the figures.")

    # Follow-up
    date_last_followup = fields.Datetime(
        "Last follow-up", default=fields.Datetime.now, copy=False, readonly=True,
        help="Last stage change or done activity. Automation rules alert the concierge when it gets old.")
    request_ids = fields.One2many("territory.request", "journey_id", string="Requests")
    request_count = fields.Integer(compute="_compute_request_count")
    consent_ids = fields.One2many("territory.consent", "journey_id", string="Consents")
    partner_sharing_consent = fields.Boolean(
        "Consents to partner sharing", compute="_compute_partner_sharing_consent",
        help="The household has an active consent to sharing its project with partner organisations.")
    first_contact_date = fields.Date(
        "First contact", default=fields.Date.context_today, index=True, copy=False,
        help="When the household first contacted the conciergerie (or the campaign reached it).")

    # Prioritisation: components (0-100) and their weighted mean
    score_horizon = fields.Integer("Horizon score", compute="_compute_scores", store=True)
    score_motivation = fields.Integer("Motivation score", compute="_compute_scores", store=True)
    score_maturity = fields.Integer("Maturity score", compute="_compute_scores", store=True)
    score_fit = fields.Integer("Fit score", compute="_compute_scores", store=True)
    priority_score = fields.Integer(
        "Priority score", compute="_compute_scores", store=True, index=True, aggregator="avg",
        help="0-100: weighted mean of horizon, motivation, maturity and fit with the territory. "
             "Weights are set in Settings.")
    score_breakdown = fields.Html("Score breakdown", compute="_compute_score_breakdown", sanitize=False)
    fit_warnings = fields.Html("Fit warnings", compute="_compute_fit_warnings", sanitize=False)
    has_fit_warnings = fields.Boolean(compute="_compute_scores", store=True)

    # ------------------------------------------------------------
    # COMPUTES
    # ------------------------------------------------------------

    @api.depends("household_member_ids.role", "household_member_ids.age")
    def _compute_household_counts(self):
        for journey in self:
            adults = journey.household_member_ids.filtered(lambda m: m.role == "adult")
            children = journey.household_member_ids - adults
            journey.adult_count = len(adults)
            journey.child_count = len(children)
            journey.children_ages = ", ".join(str(age) for age in sorted(children.mapped("age")))

    @api.depends("adult_count", "child_count", "children_ages")
    def _compute_household_summary(self):
        for journey in self:
            # One age per child, 0 when unknown (children_summary leaves those out).
            ages = [int(age) for age in (journey.children_ages or "").split(", ") if age.isdigit()]
            journey.household_summary = household_summary(self.env, journey.adult_count, ages)

    @api.depends("consent_ids.purpose", "consent_ids.is_active")
    def _compute_partner_sharing_consent(self):
        for journey in self:
            journey.partner_sharing_consent = journey._has_active_consent("partner_sharing")

    def _compute_request_count(self):
        counts = dict(self.env["territory.request"]._read_group(
            [("journey_id", "in", self.ids)], ["journey_id"], ["__count"]))
        for journey in self:
            journey.request_count = counts.get(journey, 0)

    def _get_fit_warnings(self):
        """What makes the household's project hard to live in the wished place.

        :return: list of translated sentences, one per warning
        """
        self.ensure_one()
        warnings = []
        mobile = self.has_car and self.has_driving_licence
        for commune in self.wished_commune_ids.filtered("services_known"):
            if not mobile and not commune.has_train_station:
                warnings.append(self.env._(
                    "No car and %(commune)s has no train station.", commune=commune.name))
            if self.child_count and not commune.has_school:
                warnings.append(self.env._(
                    "Children in the household and %(commune)s has no school.", commune=commune.name))
        adults = self.household_member_ids.filtered(lambda m: m.role == "adult")
        if len(adults) > 1:
            for adult in adults.filtered(lambda m: m.job_sought and not m.has_job_lead and not m.job_found):
                warnings.append(self.env._(
                    "No job lead yet for %(person)s (%(job)s).", person=adult.name or self.env._("an adult"),
                    job=adult.job_sought))
        return warnings

    @api.depends("has_car", "has_driving_licence", "child_count",
                 "wished_commune_ids.has_train_station", "wished_commune_ids.has_school",
                 "wished_commune_ids.services_known",
                 "household_member_ids.role", "household_member_ids.job_sought",
                 "household_member_ids.has_job_lead", "household_member_ids.job_found")
    def _compute_fit_warnings(self):
        for journey in self:
            warnings = journey._get_fit_warnings()
            journey.fit_warnings = Markup("<ul>%s</ul>") % Markup().join(
                Markup("<li>%s</li>") % warning for warning in warnings) if warnings else False

    @api.depends("project_horizon", "motivation", "maturity", "has_car", "has_driving_licence", "child_count",
                 "wished_commune_ids.has_train_station", "wished_commune_ids.has_school",
                 "wished_commune_ids.services_known",
                 "household_member_ids.role", "household_member_ids.job_sought",
                 "household_member_ids.has_job_lead", "household_member_ids.job_found",
                 "team_id.score_weight_horizon", "team_id.score_weight_motivation",
                 "team_id.score_weight_maturity", "team_id.score_weight_fit")
    def _compute_scores(self):
        for journey in self:
            weights = journey._get_score_weights()
            total_weight = sum(weights.values()) or 1
            components = {
                "horizon": HORIZON_POINTS.get(journey.project_horizon, 0),
                "motivation": MOTIVATION_POINTS.get(journey.motivation, 0),
                "maturity": MATURITY_POINTS.get(journey.maturity, 0),
                "fit": max(0, 100 - FIT_POINTS_PER_WARNING * len(journey._get_fit_warnings())),
            }
            journey.score_horizon = components["horizon"]
            journey.score_motivation = components["motivation"]
            journey.score_maturity = components["maturity"]
            journey.score_fit = components["fit"]
            journey.has_fit_warnings = components["fit"] < 100
            journey.priority_score = round(
                sum(weights[name] * points for name, points in components.items()) / total_weight)

    def _get_score_weights(self):
        """Weights of the journey's team; the shipped defaults for a journey without team."""
        self.ensure_one()
        if self.team_id:
            return self.team_id._get_score_weights()
        return {name: self.env["crm.team"]._fields[f"score_weight_{name}"].default(self.env["crm.team"])
                for name in SCORE_COMPONENTS}

    @api.depends("score_horizon", "score_motivation", "score_maturity", "score_fit")
    def _compute_score_breakdown(self):
        labels = {
            "horizon": self.env._("Project horizon"),
            "motivation": self.env._("Motivation"),
            "maturity": self.env._("Maturity"),
            "fit": self.env._("Fit with the territory"),
        }
        for journey in self:
            weights = journey._get_score_weights()
            total_weight = sum(weights.values()) or 1
            rows = Markup().join(
                Markup("<tr><td>%s</td><td class='text-end'>%s</td><td class='text-end'>%s %%</td></tr>") % (
                    labels[name], journey[f"score_{name}"], round(100 * weights[name] / total_weight))
                for name in SCORE_COMPONENTS
            )
            journey.score_breakdown = Markup(
                "<table class='table table-sm o_score_breakdown'><thead><tr><th>%s</th>"
                "<th class='text-end'>%s</th><th class='text-end'>%s</th></tr></thead><tbody>%s</tbody></table>"
            ) % (self.env._("Component"), self.env._("Points"), self.env._("Weight"), rows)

    # ------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------

    @api.model_create_multi
    def create(self, vals_list):
        self._check_server_maintained_fields(vals_list)
        leads = super().create(vals_list)
        journeys = leads.filtered("is_journey")
        if journeys:
            journeys._check_journeys_team_staff()
            journeys._exclude_from_enrichment()
            journeys._check_stage_requirements()
            journeys._record_stage_history({})
            journeys._assign_new_journeys()
            journeys._launch_stage_activity_plans()
            journeys._keep_household_contacts_in_territory()
        return leads

    def write(self, vals):
        self._check_server_maintained_fields([vals])
        journeys_before = self.browse() if self.env.su else self.filtered("is_journey")
        if journeys_before:
            journeys_before._check_stays_in_its_territory(vals)
        entering, previous_stages = self.browse(), {}
        if "stage_id" in vals:
            entering = self.filtered(lambda lead: lead.stage_id.id != vals["stage_id"])
            previous_stages = {lead.id: lead.stage_id for lead in entering}
            if entering and "date_last_followup" not in vals:
                vals = dict(vals, date_last_followup=fields.Datetime.now())
            # Moving journeys forward (the usual case): their new furthest stage goes in the
            # same write rather than a second one (see _record_stage_history).
            target = self.env["crm.stage"].browse(vals["stage_id"])
            if target and entering == self and all(
                    lead.is_journey and lead.furthest_stage_id.sequence < target.sequence
                    if lead.furthest_stage_id else lead.is_journey for lead in self):
                vals = dict(vals, furthest_stage_id=target.id)
        entering_journeys = entering.filtered("is_journey")
        # When the write cannot change the fields the new stage requires (not in vals, not
        # computed), check them before writing: cheaper, and a refused move writes nothing.
        required = self.env["crm.stage"].browse(vals.get("stage_id")).sudo().required_field_ids.mapped("name")
        checked_before = bool(entering_journeys and vals.get("stage_id")) and not set(required) & set(vals) \
            and not any(self._fields[name].compute for name in required)
        if checked_before:
            entering_journeys._check_stage_requirements(self.env["crm.stage"].browse(vals["stage_id"]))
        result = super().write(vals)
        if "team_id" in vals or "user_id" in vals:
            # Moved into a journeys team: directly, or through a concierge as salesperson
            # (CRM then takes the salesperson's team).
            moved_in = self.filtered("is_journey")
            moved_in._check_journeys_team_staff()
            moved_in._exclude_from_enrichment()
        if entering_journeys:
            if not checked_before:
                entering_journeys._check_stage_requirements()
            entering_journeys._record_stage_history(previous_stages)
            # Plans first: closing unlinks activities, which empties the whole record cache.
            entering_journeys._launch_stage_activity_plans()
            entering_journeys._close_activities_of_stages_left()
        if "partner_id" in vals:
            self.filtered("is_journey")._keep_household_contacts_in_territory()
        if journeys_before and journeys_before - journeys_before.filtered("is_journey"):
            # CRM gives a lead the team of its new salesperson: a journey would leave the
            # journeys teams (and their privacy) for a sales team.
            raise UserError(self.env._(
                "A journey stays in a newcomer journeys team: choose a concierge of its team."))
        if vals.get("active") is False:
            # Lost or archived: partners and ambassadors lose the journey at once.
            self._revoke_outside_access("journey_closed")
        return result

    def _keep_household_contacts_in_territory(self):
        """A household's contact belongs to its journey's territory: Odoo's partner rule then
        hides it from the other territories' staff (contacts without company are everyone's).
        Contacts of a user working elsewhere (staff, an organisation's contact) stay as they are."""
        movable = self.sudo().filtered(lambda j: j.partner_id and not j.partner_id.company_id
                                       and not j.partner_id.is_company
                                       and all(j.company_id in user.company_ids
                                               for user in j.partner_id.with_context(active_test=False).user_ids))
        # One write per territory, whatever the number of journeys.
        for company, journeys in movable.grouped("company_id").items():
            journeys.partner_id.company_id = company

    def _check_stays_in_its_territory(self, vals):
        """A household changes territory through an orientation with its consent: never by
        giving its journey another company, nor a concierge who does not work there (CRM would
        follow the concierge's team and company)."""
        if "company_id" in vals and any(journey.company_id.id != vals["company_id"] for journey in self):
            raise AccessError(self.env._("A journey stays in its territory: orient the household instead."))
        if vals.get("user_id"):
            concierge = self.env["res.users"].sudo().browse(vals["user_id"])
            if not self.company_id <= concierge.company_ids:
                raise AccessError(self.env._(
                    "%(name)s does not work for this territory: orient the household instead.", name=concierge.name))

    def _check_journeys_team_staff(self):
        """Only conciergerie staff put leads in a journeys team: a lead there is a household's
        journey, hidden from the rest of CRM. Superuser paths (the public form, the retention
        job) run as sudo and are trusted."""
        if self and not self.env.su and not self.env.user.has_group("territory_concierge.group_concierge_user"):
            raise AccessError(self.env._(
                "Only conciergerie staff can create leads in, or move leads into, a newcomer journeys team."))
        # A household changes territory through an orientation with its consent, never by
        # moving its journey into another territory's team.
        if self and not self.env.su and not self.team_id.company_id <= self.env.user.company_ids:
            raise AccessError(self.env._("You can only put journeys in the teams of your own territories."))

    @api.model
    def _check_server_maintained_fields(self, vals_list):
        """What the retention job and the figures read is written by the server only: a client
        backdating the last follow-up would have a household erased (managers only), a forged
        furthest stage or erasure date would change the figures."""
        if self.env.su:
            return
        forged = set().union(*vals_list) & set(SERVER_MAINTAINED_FIELDS) if vals_list else set()
        if forged:
            raise AccessError(self.env._(
                "These fields are kept up to date by the conciergerie's software and cannot be set by hand: "
                "%(fields)s.", fields=", ".join(self._fields[name].get_description(self.env)["string"]
                                                for name in sorted(forged))))

    def _compute_email_from(self):
        """A household edits its own contact (Odoo's portal "Mes coordonnées", unverified): CRM
        would copy its new e-mail onto the journey, which matches incoming e-mails and
        applications, and so let a household take over another's messages. A journey takes the
        contact's e-mail only while it has none; then it changes only by staff."""
        journeys = self.filtered("is_journey")
        result = super(CrmLead, self - journeys)._compute_email_from()
        journeys._fill_from_contact("email_from", "email")
        return result

    def _compute_phone(self):
        """The same for the phone (it flags possible duplicates)."""
        journeys = self.filtered("is_journey")
        result = super(CrmLead, self - journeys)._compute_phone()
        journeys._fill_from_contact("phone", "phone")
        return result

    def _fill_from_contact(self, journey_field, contact_field):
        for journey in self:
            if not journey[journey_field] and journey.partner_id[contact_field]:
                journey[journey_field] = journey.partner_id[contact_field]

    def _exclude_from_enrichment(self):
        """Households' e-mail domains are never sent to Odoo's lead enrichment service (IAP).

        Odoo's enrichment (crm_iap_enrich, auto-installed with CRM, a dependency so that it is
        loaded before this module and these overrides come after its code) skips leads marked
        as enriched: its scheduled job and its "Enrich" button. ``iap_enrich`` itself leaves
        journeys out too, marked or not (a journey created before the flag existed).
        """
        self.filtered(lambda journey: not journey.iap_enrich_done).sudo().iap_enrich_done = True

    def iap_enrich(self, *, batch_size=50):
        return super(CrmLead, self.filtered(lambda lead: not lead.is_journey)).iap_enrich(batch_size=batch_size)

    def _compute_show_enrich_button(self):
        result = super()._compute_show_enrich_button()
        for journey in self.filtered("is_journey"):
            journey.show_enrich_button = False
        return result

    # ------------------------------------------------------------
    # STAGE GATES AND STAGE PLANS
    # ------------------------------------------------------------

    def _check_stage_requirements(self, stage=None):
        """Refuse journeys that sit in (or are about to enter) a stage without the fields it requires.

        :param stage: the stage the journeys are about to enter; their current stage by default
        """
        problems = []
        required_by_stage = {}  # read once per stage, not per journey
        for journey in self:
            target = stage or journey.stage_id
            if target not in required_by_stage:
                # The gate applies to everyone, including users who may not read field definitions.
                required_by_stage[target] = target.sudo().required_field_ids
            missing = required_by_stage[target].filtered(lambda field, journey=journey: not journey[field.name])
            if missing:
                problems.append(self.env._(
                    "%(journey)s cannot enter the stage \u201c%(stage)s\u201d until these are filled in: %(fields)s.",
                    journey=journey.display_name, stage=target.name,
                    fields=", ".join(
                        self.env._("\u201c%(field)s\u201d (add at least one line)", field=field.field_description)
                        if field.ttype in ("one2many", "many2many")
                        else self.env._("\u201c%(field)s\u201d", field=field.field_description)
                        for field in missing),
                ))
        if problems:
            raise ValidationError("\n".join(problems))

    def _record_stage_history(self, previous_stages):
        """Close the stage each journey leaves and open the one it enters.

        Stages jumped over forwards, and those before the stage a journey is
        created in (an import of a journey under way), are recorded as reached at
        the same moment (``skipped``). Moving back keeps the furthest stage: what a
        journey reached, it reached. One read of the open rows and one create for
        the whole batch.

        :param dict previous_stages: journey id → stage it leaves (empty on creation)
        """
        now = fields.Datetime.now()
        History = self.env["crm.lead.stage.history"].sudo().with_context(clean_context(self.env.context))
        History.search([("journey_id", "in", self.ids), ("date_left", "=", False)]).write({"date_left": now})
        pipeline_by_team = {team: self.env["crm.stage"].search([("team_ids", "in", team.ids)])
                            for team in self.team_id}
        new_rows, furthest, jumps = [], {}, {}
        for journey in self:
            stage, previous = journey.stage_id, previous_stages.get(journey.id)
            if not stage:
                continue
            low = previous.sequence if previous else float("-inf")
            # The stages jumped over, once per move (journeys moved together make the same one).
            key = (journey.team_id, low, stage.sequence)
            if key not in jumps:
                jumps[key] = pipeline_by_team.get(journey.team_id, self.env["crm.stage"]).filtered(
                    lambda s, low=low, high=stage.sequence: low < s.sequence < high)
            jumped = jumps[key]
            new_rows += [{"journey_id": journey.id, "stage_id": skipped.id, "stage_sequence": skipped.sequence,
                          "date_entered": now, "date_left": now, "skipped": True} for skipped in jumped]
            new_rows.append({"journey_id": journey.id, "stage_id": stage.id, "stage_sequence": stage.sequence,
                             "date_entered": now})
            if not journey.furthest_stage_id or journey.furthest_stage_id.sequence < stage.sequence:
                furthest.setdefault(stage, self.browse())
                furthest[stage] |= journey
        History.create(new_rows)
        for stage, journeys in furthest.items():
            journeys.sudo().write({"furthest_stage_id": stage.id})

    def _launch_stage_activity_plans(self):
        """Schedule the activities of the plan of the stage each journey enters.

        Same outcome as launching the plan from the "Schedule > plan" dialog, with
        the journey's concierge as the "ask at launch" responsible, but created in
        one batch: a stage change of many journeys (kanban, import) stays cheap.
        No e-mail per activity: concierges find them in their activity menu.
        """
        with_plan = self.filtered(lambda journey: journey.stage_id.activity_plan_id and journey.active)
        if not with_plan:
            return
        today = fields.Date.context_today(self)
        model_id = self.env["ir.model"]._get_id(self._name)
        activity_values = []
        for stage, journeys in with_plan.grouped("stage_id").items():
            # The plan's templates are read once per stage, not per journey.
            templates = [(template, {
                "res_model_id": model_id,
                "activity_type_id": template.activity_type_id.id,
                "summary": template.summary,
                "note": template.note,
                "date_deadline": template._get_date_deadline(today),
                "journey_stage_id": stage.id,
            # sudo: a stage's plan is its configuration (plans belong to a territory's company).
            }) for template in stage.sudo().activity_plan_id.template_ids]
            for journey in journeys:
                for template, values in templates:
                    if template.responsible_type == "on_demand":
                        responsible = journey.user_id
                    else:
                        responsible = template._determine_responsible(journey.user_id, journey)["responsible"]
                    # The document name given rather than computed: no second write of the activities.
                    activity_values.append(dict(values, res_id=journey.id, res_name=journey.display_name,
                                                user_id=(responsible or self.env.user).id))
        self.env["mail.activity"].with_context(
            clean_context(self.env.context), mail_activity_quick_update=True).create(activity_values)

    def _close_activities_of_stages_left(self):
        """Close the open activities that the plans of earlier stages scheduled.

        A journey entering a later stage has moved on: "Qualification call" is no longer to
        do once the journey is prioritised. Stages whose "close its plan's activities" box is
        unticked keep theirs; moving a journey back closes nothing. The closed activities are
        named in a note of the journey's chatter, so nothing disappears silently.
        """
        stage_activities = self.env["mail.activity"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids),
            ("journey_stage_id.close_activities_on_leave", "=", True),
            # Those of the stages entered (just scheduled) never close here.
            ("journey_stage_id", "not in", self.stage_id.ids),
        ])
        if not stage_activities:
            return
        by_journey = stage_activities.grouped("res_id")
        to_close = self.env["mail.activity"].sudo()
        notes = {}
        for journey in self:
            left_behind = by_journey.get(journey.id, to_close).filtered(
                lambda activity, journey=journey: activity.journey_stage_id.sequence < journey.stage_id.sequence)
            if not left_behind:
                continue
            to_close |= left_behind
            notes[journey.id] = Markup("<p>%s</p><ul>%s</ul>") % (
                self.env._("The journey moved on to \u201c%(stage)s\u201d: these activities of earlier "
                           "stages were closed.", stage=journey.stage_id.name),
                Markup().join(Markup("<li>%s</li>") % (activity.summary or activity.activity_type_id.name)
                              for activity in left_behind))
        # One batch of notes, by the user who moved the journeys (who may write them).
        if notes:
            self.browse(list(notes))._message_log_batch(bodies=notes)
        to_close.unlink()

    def _move_to_milestone(self, milestone):
        """Move each journey to the first stage of its own team where ``milestone`` starts (the
        automation rules' moves: "settled one year after installation", in every territory)."""
        stages = self.env["crm.stage"]._milestone_stages(self.team_id, milestone)
        for stage, journeys in self.grouped(lambda journey: stages.get(journey.team_id.id)).items():
            if stage:
                journeys.filtered(lambda journey, stage=stage: journey.stage_id != stage).write(
                    {"stage_id": stage.id})

    # ------------------------------------------------------------
    # ASSIGNMENT
    # ------------------------------------------------------------

    def _assign_new_journeys(self):
        """A new journey ends with a concierge of its team who has room for it.

        A member of the team chosen by someone else is kept (a decision of staff, whatever
        her load). Otherwise (no concierge, the creator filled in by CRM's default, or someone
        outside the team) the team's rules decide, keeping the creator when they are a member
        the rules and her capacity let take the journey.
        """
        creator = self.env.user
        members_by_team = {team: team.crm_team_member_ids.user_id for team in self.team_id}
        chosen_by_staff = self.filtered(
            lambda j: j.user_id and j.user_id != creator and j.user_id in members_by_team[j.team_id])
        to_assign = self - chosen_by_staff
        outsiders = to_assign.filtered(lambda j: j.user_id and j.user_id not in members_by_team[j.team_id])
        if outsiders:
            outsiders.user_id = False
        to_assign._assign_concierge(creator=creator)

    def _assign_concierge(self, creator=None):
        """Give each journey to a member of its team, following the members' rules.

        Reuses the team members' assignment rules of CRM: ``assignment_domain`` (which
        journeys a member may take), ``assignment_domain_preferred`` (which ones go to them
        first, e.g. soignants) and ``assignment_optout``. The capacity is the conciergerie's
        own ``journey_capacity`` (open journeys at most; CRM's ``assignment_max`` keeps its
        meaning of leads per 30 days for CRM's own assignment): a member at capacity gets no
        new journey. Among the eligible members with room, the one with the lowest open
        journeys / capacity ratio gets it (workload balancing). When every eligible member is
        full, the journey stays without a concierge and the team's managers get an activity.

        :param creator: the user creating the journeys; keeps those the rules let them take
        """
        full_team_journeys = self.browse()
        # One write per concierge, not per journey: a batch costs the same for 10 or 200.
        new_concierge = defaultdict(self.browse)
        for team, journeys in self.grouped("team_id").items():
            # A capacity of 0 is a member who is always full, not one outside the rules.
            members = team.crm_team_member_ids.filtered(lambda m: not m.assignment_optout and m.user_id.active)
            if not members:
                continue
            open_counts = members._journey_open_counts(excluded=journeys)
            load = {member: open_counts.get((member.user_id, team), 0) for member in members}
            accepted = {member: journeys.filtered_domain(literal_eval(member.assignment_domain or "[]"))
                        for member in members}
            preferred = {member: accepted[member].filtered_domain(literal_eval(member.assignment_domain_preferred))
                         for member in members if member.assignment_domain_preferred
                         and literal_eval(member.assignment_domain_preferred)}
            for journey in journeys:
                with_room = [m for m in members if m._has_room_for_journeys(load[m])]
                candidates = [m for m in with_room if m in preferred and journey in preferred[m]] or \
                             [m for m in with_room if journey in accepted[m]]
                if not candidates:
                    if any(journey in accepted[m] for m in members):
                        # Full, not excluded by the rules: nobody keeps it, not even its creator.
                        if journey.user_id:
                            new_concierge[self.env["res.users"]] |= journey
                        full_team_journeys |= journey
                    continue
                chosen = next((m for m in candidates if m.user_id == creator), None) or \
                    min(candidates, key=lambda m: (load[m] / m.journey_capacity, load[m], m.id))
                if journey.user_id != chosen.user_id:
                    new_concierge[chosen.user_id] |= journey
                load[chosen] += 1
        for user, journeys in new_concierge.items():
            journeys.user_id = user
        full_team_journeys._warn_managers_team_full()

    def _warn_managers_team_full(self):
        """One activity per manager on each journey left without a concierge because every
        member who could take it is at full capacity: the team leader when the team has one,
        otherwise the conciergerie's managers."""
        if not self:
            return
        todo = self.env.ref("mail.mail_activity_data_todo", raise_if_not_found=False)
        summary = self.env._("Journey without a concierge: the whole team is at full capacity")
        note = self.env._("Every concierge who could take this journey has reached their capacity (open "
                          "journeys at most, in the team's members). Assign it by hand, or raise a capacity.")
        managers = self.env.ref("territory_concierge.group_concierge_manager").sudo().user_ids.filtered(
            lambda u: u.active and not u.share)
        values = []
        for journey in self:
            recipients = journey.team_id.user_id or managers
            already = journey.activity_ids.filtered(lambda a: a.summary == summary).user_id
            values += [{
                "res_model_id": self.env["ir.model"]._get_id(self._name), "res_id": journey.id,
                "activity_type_id": todo.id if todo else False, "summary": summary, "note": note,
                "user_id": user.id, "date_deadline": fields.Date.context_today(self),
            } for user in recipients - already]
        if values:
            self.env["mail.activity"].sudo().with_context(
                clean_context(self.env.context), mail_activity_quick_update=True).create(values)

    # ------------------------------------------------------------
    # ACTIONS
    # ------------------------------------------------------------

    def _creation_subtype(self):
        if self.is_journey:
            return self.env.ref("territory_concierge.mt_journey_created")
        return super()._creation_subtype()

    def _creation_message(self):
        """A household's journey is opened, not a lead created for a sales team."""
        self.ensure_one()
        if self.is_journey:
            return self.env._("Newcomer journey opened.")
        return super()._creation_message()

    def _get_journey_for_menu_action(self):
        """The journey an action of the form's gear menu runs on.

        Those actions are bound to ``crm.lead``, so the gear menu offers them on any lead:
        they refuse what is not a journey still holding its household's data.
        """
        self.ensure_one()
        if not self.is_journey:
            raise UserError(self.env._("This action is for newcomer journeys only."))
        if self.anonymised_date:
            raise UserError(self.env._("The personal data of this household has been erased."))
        return self

    def action_show_potential_duplicates(self):
        # CRM's duplicate finder returns lead ids: it must not answer for leads the caller
        # cannot read (a portal user learning which journeys look like another).
        self.check_access("read")
        return super().action_show_potential_duplicates()

    def action_view_requests(self):
        self.ensure_one()
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge.territory_request_action")
        action["domain"] = [("journey_id", "=", self.id)]
        action["context"] = {"default_journey_id": self.id}
        return action

    @api.model
    def get_import_templates(self):
        """From the journeys list, Odoo's import offers a journeys template."""
        team = self._context_journeys_team()
        if team.use_journeys:
            return [{
                "label": self.env._("Import template for newcomer journeys"),
                "template": "/territory_concierge/static/xls/journeys_import_template.csv",
            }]
        return super().get_import_templates()

    def _has_active_consent(self, purpose):
        self.ensure_one()
        return any(c.is_active and c.purpose == purpose for c in self.consent_ids)

    def _notify_concierge(self, title, detail=None):
        """A note in the journey's chatter, by the current user, that also lands in the inbox of
        the journey's concierge (answers of partners, ambassadors, families).

        :param str title: one sentence
        :param str detail: the outsider's own words, quoted (escaped) under it
        """
        self.ensure_one()
        body = Markup("<p>%s</p>") % title
        if detail:
            body += Markup("<blockquote>%s</blockquote>") % detail
        self.message_post(body=body, author_id=self.env.user.partner_id.id, subtype_xmlid="mail.mt_note",
                          partner_ids=self.user_id.partner_id.ids)

    def _revoke_consented_access(self, withdrawn_consents):
        """End at once what the withdrawn consents allowed outsiders to see.

        :param withdrawn_consents: territory.consent records just withdrawn, of these journeys
        """
        for purpose in set(withdrawn_consents.mapped("purpose")):
            withdrawn_consents.filtered(lambda c, p=purpose: c.purpose == p).journey_id._revoke_outside_access(
                "consent_withdrawn", purpose)

    def _revoke_outside_access(self, reason, purpose=None):
        """Hook: the modules that open journeys to outsiders on a consent (partner organisations,
        ambassadors) end that access here, in the caller's transaction.

        :param str reason: "consent_withdrawn" or "journey_closed" (lost, archived, anonymised)
        :param str purpose: the consent purpose withdrawn; None when the journey itself closes
        """
        # An orientation still waiting stops when the household withdraws its consent to it or
        # its journey closes (but for the closing that accepting the orientation does).
        if purpose in (None, "orientation") and not self.env.context.get("orientation_accepted"):
            waiting = self.env["territory.orientation"].sudo().search(
                [("journey_id", "in", self.ids), ("state", "=", "proposed")])
            waiting.write({"state": "cancelled"})
            waiting.activity_ids.unlink()

    # ------------------------------------------------------------
    # INCOMING E-MAIL: the journeys team's alias (accueil@<alias domain>)
    # ------------------------------------------------------------

    # The household is found by its address with ``_journey_find_by_email``, the matching of
    # every intake channel (INTAKE below).

    @api.model
    def _routing_check_route(self, message, message_dict, route, raise_exception=True):
        """A new e-mail to a journeys team's alias from the address of a known household is no
        new household: it lands as a message on that household's journey, which it does not
        change (see ``message_update``), as an application of the public form from a known
        address does. Replies (In-Reply-To / References) are routed by Odoo before aliases."""
        route = super()._routing_check_route(message, message_dict, route, raise_exception=raise_exception)
        if not route or route[0] != self._name or route[1] or not route[4]:
            return route
        team = self.env["crm.team"].sudo().browse((route[2] or {}).get("team_id")).exists()
        if not team.use_journeys:
            return route
        journey = self.sudo()._journey_find_by_email(message_dict.get("email_from"), company=team.company_id)
        if not journey:
            return route
        _logger.info("Incoming e-mail %s from a known household: posted on journey %s, which it does not change",
                     message_dict.get("message_id"), journey.id)
        return (route[0], journey.id, route[2], route[3], route[4])

    @api.model
    def message_new(self, msg_dict, custom_values=None):
        """A new household writing to the journeys team's alias: a journey in the team's first
        stage, assigned by the team's rules, with the only consent the e-mail itself gives
        (the person wrote to us: the conciergerie may answer), recorded with its proof."""
        team = self.env["crm.team"].browse((custom_values or {}).get("team_id")).exists()
        if not team.use_journeys:
            return super().message_new(msg_dict, custom_values=custom_values)
        sender_name, sender_email = parse_contact_from_email(msg_dict.get("email_from") or "")
        values = dict(custom_values or {})
        if sender_name and not msg_dict.get("author_id"):
            values.setdefault("contact_name", sender_name)
        journey = super().message_new(msg_dict, custom_values=values)
        if journey.is_journey and sender_email:
            journey._record_email_contact_consent(msg_dict, sender_email)
        return journey

    def _record_email_contact_consent(self, msg_dict, sender_email):
        """The consent "contact by the concierge", source e-mail: the proof is the e-mail itself
        (sender, date, Message-Id), worded in the language of the journey's concierge."""
        self.ensure_one()
        lang = self.user_id.lang or self.env.company.partner_id.lang or self.env.lang
        self.env["territory.consent"].with_context(lang=lang).create({
            "journey_id": self.id,
            "purpose": "concierge_contact",
            "source": "email",
            "wording": self.with_context(lang=lang).env._(
                "The person wrote to the conciergerie from %(email)s (e-mail of %(date)s, Message-Id "
                "%(message_id)s): the conciergerie may answer at this address.",
                email=sender_email, date=msg_dict.get("date") or "-", message_id=msg_dict.get("message_id") or "-"),
        })

    def message_update(self, msg_dict, update_vals=None):
        """An incoming e-mail (a reply, or a known household writing to the alias) adds a
        message to the journey and changes none of its fields: the addresses in copy stay on
        the message, not in the journey's CC field (stock leads keep Odoo's behaviour)."""
        if all(self.mapped("is_journey")) and msg_dict.get("cc"):
            msg_dict = dict(msg_dict, cc=False)
        return super().message_update(msg_dict, update_vals=update_vals)

    def _assign_userless_lead_in_team(self, creation_source):
        """Journeys follow the team's own assignment (capacity, rules; the team leader gets an
        activity when everybody is full): CRM does not hand them to the team leader."""
        return super(CrmLead, self.filtered(lambda lead: not lead.is_journey))._assign_userless_lead_in_team(
            creation_source)

    # ------------------------------------------------------------
    # PRIVACY: retention period and erasure
    # ------------------------------------------------------------

    @api.model
    def _retention_expired_domain(self):
        """Journeys never installed whose last follow-up is older than their team's retention period.
        "Installed" is the stage milestone of each team, whatever its stages are called or ordered."""
        now = fields.Datetime.now()
        teams = self.env["crm.team"].search([("use_journeys", "=", True), ("retention_years", ">", 0)])
        installed = self.env["crm.stage"]._milestone_stages(teams, "installed")
        per_team = []
        for team in teams:
            if team.id not in installed:
                # Without an "installed" stage nothing tells a settled household from the others:
                # erasing none is the safe side.
                _logger.warning("Retention: team %s has no stage with the milestone 'installed'", team.name)
                continue
            never_installed = Domain("furthest_stage_id", "=", False) | Domain(
                "furthest_stage_id.sequence", "<", installed[team.id].sequence)
            per_team.append(Domain("team_id", "=", team.id) & never_installed
                            & Domain("date_last_followup", "<", now - relativedelta(years=team.retention_years)))
        if not per_team:
            return Domain.FALSE
        return Domain("is_journey", "=", True) & Domain("anonymised_date", "=", False) & Domain.OR(per_team)

    @api.model
    def _retention_preview_action(self):
        """What the next run of the anonymisation job would erase, for the manager to check."""
        expired = self.with_context(active_test=False).search(self._retention_expired_domain())
        action = self.env["ir.actions.actions"]._for_xml_id("territory_concierge.crm_lead_action_journeys")
        action.update({
            "name": self.env._("Journeys to anonymise"),
            "domain": [("id", "in", expired.ids)],
            "context": {"active_test": False},
            "view_mode": "list,form",
            "views": [(self.env.ref("territory_concierge.crm_lead_view_list_journey").id, "list"),
                      (self.env.ref("territory_concierge.crm_lead_view_form_journey").id, "form")],
        })
        return action

    @api.model
    def _cron_anonymise_expired_journeys(self):
        expired = self.with_context(active_test=False).search(self._retention_expired_domain())
        expired._anonymise("retention")
        _logger.info("Retention: %s journey(s) anonymised", len(expired))

    def action_export_personal_data(self):
        """Everything the conciergerie holds about the household, as a JSON file (GDPR art. 15, 20).

        Served as a download built on each request (controllers/main.py), never stored: a kept
        copy would be one more place holding the household's data, surviving its erasure.
        """
        self.ensure_one()
        self.check_access("read")
        return {"type": "ir.actions.act_url", "url": f"/territory_concierge/personal_data/{self.id}",
                "target": "download"}

    def _personal_data_export(self):
        """The export file of the journey, checked with the current user's rights.

        :return: (file name, JSON content as bytes)
        """
        self.ensure_one()
        self.check_access("read")
        if not self.is_journey:
            raise AccessError(self.env._("Only a newcomer journey has a personal data export."))
        journey_fields = [
            "name", "contact_name", "partner_name", "email_from", "phone", "street", "city", "zip", "country_id",
            "origin_city", "origin_zip", "profile_ids", "project_horizon", "motivation", "maturity", "interest_ids",
            "business_project", "has_car", "has_driving_licence", "housing_tenure", "housing_rooms",
            "housing_budget", "wished_commune_ids", "wished_area", "installation_commune_id", "installation_date",
            "housing_found", "departure_date", "departure_reason", "first_contact_date", "stage_id", "user_id",
            "campaign_id", "source_id", "description", "create_date",
        ]
        content = json.dumps(self._get_personal_data(journey_fields), default=str, ensure_ascii=False, indent=2)
        return self.env._("Personal data of journey %(id)s.json", id=self.id), content.encode()

    def _get_personal_data(self, journey_fields):
        """The export's content; modules holding more about the household add their part."""
        self.ensure_one()
        return {
            "exported_on": fields.Datetime.now(),
            "journey": self.read(journey_fields)[0],
            "household_members": self.household_member_ids.read(
                ["role", "name", "age", "occupation", "job_sought", "sector", "has_job_lead", "job_found"]),
            "requests": self.request_ids.read(["name", "type_id", "state", "date_deadline", "description", "answer"]),
            "consents": self.consent_ids.read(["purpose", "source", "wording", "date_given", "date_withdrawn"]),
            "stage_history": self.stage_history_ids.read(["stage_id", "date_entered", "date_left"]),
            "messages": [{"date": message.date, "author": message.author_id.name,
                          "body": html2plaintext(message.body or "")}
                         for message in self.message_ids if message.body],
        }

    def action_anonymise_on_request(self):
        """The person asked for erasure (GDPR art. 17): erase now, keep the anonymous figures."""
        if not self.env.user.has_group("territory_concierge.group_concierge_manager"):
            raise AccessError(self.env._("Only a manager of the conciergerie can erase a household's data."))
        self._anonymise("request")
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _anonymise(self, why):
        """Erase the households' personal data, keep what the figures need, log each erasure.

        Hook: the modules holding more about the household (partner shares, sponsorships,
        stay registrations) extend it to erase their records too, in the same transaction.

        :param str why: "retention" (the scheduled job) or "request" (the person asked)
        """
        if not self:
            return
        self._revoke_outside_access("journey_closed")
        notes = {
            "retention": self.env._("Retention period over: never installed, no follow-up since %(date)s."),
            "request": self.env._("Erased at the request of the person."),
        }
        self.env["privacy.log"].sudo().with_context(clean_context(self.env.context)).create([{
            "anonymized_name": journey.contact_name or journey.name or "-",
            "anonymized_email": journey.email_from or f"journey-{journey.id}@anonymised.invalid",
            "execution_details": self.env._("Journey #%(id)s anonymised.", id=journey.id),
            "records_description": self.env._("Newcomer journey, household members, requests, consents, messages"),
            "additional_note": notes[why] % {"date": fields.Date.to_string(journey.date_last_followup)}
            if why == "retention" else notes[why],
        } for journey in self])
        household_emails = [email for email in self.sudo().mapped("email_normalized") if email]
        sudo_self = self.sudo().with_context(clean_context(self.env.context), tracking_disable=True, mail_notrack=True)
        # Named in the conciergerie's language: the retention job runs as OdooBot (English).
        label_env = self.with_context(lang=self.env.company.partner_id.lang or self.env.lang).env
        for journey in sudo_self:
            journey.name = label_env._("Anonymised journey #%(id)s", id=journey.id)
        sudo_self.write({**dict.fromkeys(PERSONAL_JOURNEY_FIELDS, False),
                         "wished_commune_ids": [(5, 0, 0)], "interest_ids": [(5, 0, 0)],
                         "anonymised_date": fields.Datetime.now()})
        sudo_self.household_member_ids.write(
            {"name": False, "age": 0, "occupation": False, "job_sought": False, "sector": False})
        sudo_self.request_ids.write({"name": self.env._("Anonymised request"), "description": False,
                                     "answer": False})
        sudo_self.consent_ids.write({"wording": self.env._("(anonymised)")})
        self._erase_mail_traces(self, emails=household_emails)

    @api.model
    def _erase_mail_traces(self, records, emails=()):
        """Erase what the discussion tools keep about records of a household: their messages
        (with tracking values and notifications), attachments (of the records, of their messages
        and activities), e-mails still queued, followers and activities.

        Modules erasing their own records of a household (shares, sponsorships, registrations)
        call it with those records.

        :param records: records of any model, erased as superuser (the caller checked the right)
        :param emails: addresses of the household: e-mails still queued to them go too
        """
        if not records:
            return
        env = self.env(su=True, context=clean_context(self.env.context))
        on_records = [("res_model", "=", records._name), ("res_id", "in", records.ids)]
        messages = env["mail.message"].search([("model", "=", records._name), ("res_id", "in", records.ids)])
        activities = env["mail.activity"].search(on_records)
        queued = env["mail.mail"].search([("mail_message_id", "in", messages.ids)])
        for email in emails:
            queued |= env["mail.mail"].search([("email_to", "ilike", email)])
        attachments = env["ir.attachment"].search(on_records) | messages.attachment_ids | queued.attachment_ids \
            | env["ir.attachment"].search([("res_model", "=", "mail.activity"), ("res_id", "in", activities.ids)])
        queued.unlink()
        messages.unlink()
        attachments.unlink()
        activities.unlink()
        env["mail.followers"].search(on_records).unlink()

    # ------------------------------------------------------------
    # JOURNEY VIEWS: no sales tools
    # ------------------------------------------------------------

    @api.model
    def _get_view(self, view_id=None, view_type="form", **options):
        """Journey views derive from CRM's, so they inherit what other CRM modules add to those:
        lead mining ("Générer des pistes", crm_iap_mine, auto-installed) and CRM's similar-leads
        finder ("Pistes similaires") are sales tools, not the conciergerie's. They are taken out
        here rather than by an xpath, which would fail when crm_iap_mine is not installed."""
        arch, view = super()._get_view(view_id, view_type, **options)
        if view.xml_id in JOURNEY_VIEWS:
            for name in JOURNEY_HIDDEN_BUTTONS:
                for button in arch.xpath(f"//button[@name='{name}']"):
                    button.getparent().remove(button)
        return arch, view

    @api.model
    def get_views(self, views, options=None):
        """The "Actions" menu of a journeys list or kanban leaves out CRM's sales wizards."""
        result = super().get_views(views, options)
        if not (options or {}).get("toolbar"):
            return result
        journey_view_ids = {self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                            for xmlid in JOURNEY_VIEWS}
        hidden_action_ids = {self.env["ir.model.data"]._xmlid_to_res_id(xmlid, raise_if_not_found=False)
                             for xmlid in JOURNEY_HIDDEN_ACTIONS}
        for view in result["views"].values():
            if view.get("id") in journey_view_ids and view.get("toolbar", {}).get("action"):
                view["toolbar"]["action"] = [
                    action for action in view["toolbar"]["action"] if action["id"] not in hidden_action_ids]
        return result

    # ------------------------------------------------------------
    # PIPELINE: a journeys team shows only its own stages
    # ------------------------------------------------------------

    @api.model
    def _journeys_desk_teams(self):
        """The journeys teams of the territories (companies) the user works in now."""
        return self.env["crm.team"].search([("use_journeys", "=", True), ("company_id", "in", self.env.companies.ids)],
                                           order="sequence, id")

    @api.model
    def _context_journeys_team(self):
        """The journeys team a view or an import works in: the one named by the context, or the
        current territory's desk (the journeys action names none)."""
        team = self.env["crm.team"].browse(self.env.context.get("default_team_id")).exists()
        if not team and self.env.context.get("journeys_desk"):
            team = self.env["crm.team"]._journeys_team_of(self.env.company)
        return team

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if self.env.context.get("journeys_desk") and "team_id" in fields_list \
                and not self.env.context.get("default_team_id"):
            # The current territory's desk (the action names no team: each territory has its own).
            team = self._context_journeys_team()
            if team:
                values["team_id"] = team.id
        return values

    @api.model
    def _read_group_stage_ids(self, stages, domain):
        team = self.env["crm.team"].sudo().browse(self.env.context.get("default_team_id")).exists()
        teams = team if team.use_journeys else (
            self._journeys_desk_teams() if self.env.context.get("journeys_desk") else team.browse())
        if teams:
            stage_ids = stages.sudo()._search(
                ["|", ("id", "in", stages.ids), ("team_ids", "in", teams.ids)], order=stages._order)
            return stages.browse(stage_ids)
        return super()._read_group_stage_ids(stages, domain)

    def _stage_find(self, team_id=False, domain=None, order="sequence, id", limit=1):
        teams = self.env["crm.team"].browse(team_id) | self.team_id
        if teams and all(teams.mapped("use_journeys")):
            return self.env["crm.stage"].search(
                Domain("team_ids", "in", teams.ids) & Domain(domain or []), order=order, limit=limit)
        return super()._stage_find(team_id=team_id, domain=domain, order=order, limit=limit)

    # ------------------------------------------------------------
    # The household's own page (/my/journey): who may reach a journey from the portal, and the
    # few things the household does there. Families have no right on journeys: each method
    # proves first that the current user is the household the journey was invited from, then
    # acts as superuser on that journey only.
    # ------------------------------------------------------------

    # Odoo's portal chatter (the messages of /my/journey) reaches a thread with a token; a
    # journey's token is signed for its household and honoured for that household only.
    _mail_post_token_field = "family_portal_token"

    family_portal_token = fields.Char(
        compute="_compute_family_portal_token", groups="base.group_system",
        help="Signs the household's messages on its portal page; honoured for the household signed "
             "in only.")

    def _compute_family_portal_token(self):
        secret = self.env["ir.config_parameter"].sudo().get_param("database.secret")
        for journey in self:
            payload = repr((self.env.cr.dbname, "family_portal", journey.id, journey.partner_id.id))
            journey.family_portal_token = hmac.new(
                secret.encode(), payload.encode(), hashlib.sha256).hexdigest() if journey.id else False

    # ------------------------------------------------------------
    # Who the journey is for
    # ------------------------------------------------------------

    @api.model
    def _family_own_journey(self):
        """The signed-in person's own journey, as superuser: the one their household was invited
        to the portal from (``res.partner.family_journey_id``, set by staff only), never another
        lead that names the same contact. Nothing for anyone else, staff included."""
        user = self.env.user
        if not user._is_portal():
            return self.browse()
        journey = user.partner_id.sudo().family_journey_id
        if not (journey.active and journey.is_journey and not journey.anonymised_date
                and journey.partner_id == user.partner_id):
            return self.browse()
        return journey

    def _check_family_access(self):
        """This journey as superuser, once the current user is proven to be its household.

        :raise AccessError: anyone else
        """
        self.ensure_one()
        own = self._family_own_journey()
        if not own or own.id != self.id:
            raise AccessError(self.env._("Only the household of this journey can do this."))
        return own

    def _check_portal_access(self, access_token=None):
        """The portal convention (see territory_concierge.controllers.portal): the household only,
        signed in; no token opens a journey's page."""
        return self._check_family_access()

    @api.model
    def _get_thread_with_access(self, thread_id, *, mode="read", **kwargs):
        """Odoo's portal chatter on /my/journey: the household, signed in and holding its page's
        token, reads the public messages of its own journey and posts on it; a token alone (no
        session, or another user's) opens nothing, nor does a signed link (hash and pid)."""
        journey = self.browse(thread_id).exists()
        if not journey or not journey.sudo().is_journey:
            return super()._get_thread_with_access(thread_id, mode=mode, **kwargs)
        if journey.with_context(allowed_company_ids=[]).has_access(mode):
            return journey
        token = kwargs.get("token")
        if token and mode in ("read", "write") and self._family_own_journey() == journey.sudo() \
                and consteq(str(token), journey.sudo().family_portal_token):
            return journey.sudo()
        return self.browse()

    # ------------------------------------------------------------
    # Staff: the household's portal account
    # ------------------------------------------------------------

    def action_invite_family_to_portal(self):
        """One click: the household's contact gets a portal account to follow its journey."""
        self.ensure_one()
        self.check_access("write")
        if not self.email_from:
            raise UserError(self.env._("Record the household's e-mail address first: it is their login."))
        if not self.partner_id:
            self.partner_id = self.env["res.partner"].create({
                "name": self.contact_name or self.name, "email": self.email_from, "phone": self.phone})
        action = self.partner_id.action_give_portal_access()
        # The key of the family's page (/my/journey): this journey, never another lead that
        # names the same contact later. sudo: the write access on the journey was checked above;
        # the key is readable and writable by staff only.
        self.partner_id.sudo().family_journey_id = self
        return action

    # ------------------------------------------------------------
    # The household, on its page
    # ------------------------------------------------------------

    def action_family_request(self, name, description="", type_id=None):
        """The household asks for help from its page.

        :return: the request (superuser)
        :raise AccessError: anyone but the journey's household
        """
        journey = self._check_family_access()
        name, description = (name or "").strip(), (description or "").strip()
        if not name or len(name) > TITLE_LIMIT:
            raise UserError(self.env._("Give your request a short title (at most %(limit)s characters).",
                                       limit=TITLE_LIMIT))
        if message := too_long(self.env, description, TEXT_LIMIT):
            raise UserError(message)
        request_type = self.env["territory.request.type"].sudo().browse(
            int(type_id) if str(type_id or "").isdigit() else 0).exists()
        return self.env["territory.request"].sudo().create({
            "journey_id": journey.id, "name": name, "description": description,
            "type_id": request_type.id or self.env.ref("territory_concierge.request_type_question").id})

    def _family_withdrawal_effects(self, consent):
        """What withdrawing ``consent`` ends, said to the household before it confirms: each module
        that gives access under a consent (shares, sponsorships) says it first.

        :param consent: an active consent of this journey (superuser)
        :return: a sentence in the reader's language, or None
        """
        return None

    def _family_withdrawal_sentence(self, consent):
        self.ensure_one()
        return self._family_withdrawal_effects(consent) or {
            "ambassador": self.env._("The conciergerie will no longer put you in touch with an ambassador."),
            "partner_sharing": self.env._(
                "The conciergerie will no longer share your journey with partner organisations."),
            "concierge_contact": self.env._("The conciergerie will no longer contact you about your project."),
            "newsletter": self.env._("You will no longer receive the conciergerie's newsletters."),
        }.get(consent.purpose) or self.env._("The conciergerie will no longer use your details for this purpose.")

    # ------------------------------------------------------------
    # Portal contacts expected around a journey (stays, ...)
    # ------------------------------------------------------------

    def _known_to_portal_partner(self, partner):
        """Which of these journeys the portal contact ``partner`` may know about, because the
        household let them (an open share of their organisation, an open sponsorship...).

        :return: {journey: None when they may know the household, else the household's label
                  as they know it}
        """
        return {}

    # ------------------------------------------------------------
    # INTAKE: one for every channel (campaign import, public form, e-mails to the desk).
    # Matching: the e-mail decides; a phone alone is only a hint.
    # ------------------------------------------------------------

    @api.model
    def _intake_normalise_email(self, email):
        """The normalised address, or False when nobody could be written to it."""
        normalized = email_normalize((email or "").strip()) if email else False
        return normalized if normalized and EMAIL_PATTERN.match(normalized) else False

    @api.model
    def _intake_normalise_phone(self, phone):
        """E.164 of a number read in the company's country (international numbers as typed), or
        False when it is not a valid number."""
        if not (phone or "").strip():
            return False
        formatted = self._phone_format(number=phone.strip(), country=self.env.company.country_id,
                                       force_format="E164", raise_exception=False)
        return formatted if formatted and formatted.startswith("+") else False

    @api.model
    def _journeys_by_email(self, emails, company=None):
        """{normalised e-mail: journey} of households known by these addresses in a territory (the
        current company by default: a household is matched by the desk it writes to, never with
        another territory's file), closed ones included: an open journey first, then the oldest."""
        found = {}
        emails = sorted({email for email in emails if email})
        territory = ("company_id", "=", (company or self.env.company).id)
        for start in range(0, len(emails), SEARCH_CHUNK):
            for journey in self.with_context(active_test=False).search(
                    [("is_journey", "=", True), territory,
                     ("email_normalized", "in", emails[start:start + SEARCH_CHUNK])],
                    order="active desc, id"):
                found.setdefault(journey.email_normalized, journey)
        return found

    @api.model
    def _journey_find_by_email(self, email, company=None):
        """The journey of a household known by this e-mail (the address it answers at) in a
        territory (the current company by default), if any: an open one first, then the oldest.
        The e-mail is the only automatic match."""
        email_normalized = email_normalize(email) if email else False
        return self._journeys_by_email([email_normalized], company=company).get(email_normalized, self.browse())

    @api.model
    def _journeys_by_phone(self, phones):
        """{E.164 phone: journeys} of the current territory sharing these numbers, oldest first
        (hints, never a match alone)."""
        found = {}
        phones = sorted({phone for phone in phones if phone})
        for start in range(0, len(phones), SEARCH_CHUNK):
            for journey in self.with_context(active_test=False).search(
                    [("is_journey", "=", True), ("company_id", "=", self.env.company.id),
                     ("phone_sanitized", "in", phones[start:start + SEARCH_CHUNK])],
                    order="id"):
                found.setdefault(journey.phone_sanitized, self.browse())
                found[journey.phone_sanitized] |= journey
        return found

    @api.model
    def load(self, fields, data):
        """Odoo's import of journeys (Importer from the journeys list) creates through create(),
        without the intake's matching: a row that would open a second journey for an e-mail
        already known is refused, naming the journey (update that one, or import the file with
        scripts/import_candidates.py, which fills what it lacks). Rows naming a record (``id``
        or ``.id``) update it, as in Odoo."""
        team = self._context_journeys_team()
        if not (self.env.context.get("import_file") and team.use_journeys and "email_from" in fields):
            return super().load(fields, data)
        email_index = fields.index("email_from")
        id_indexes = [fields.index(name) for name in ("id", ".id") if name in fields]
        new_rows = [(index, self._intake_normalise_email(row[email_index])) for index, row in enumerate(data)
                    if not any(row[id_index] for id_index in id_indexes)]
        known = self._journeys_by_email((email for _index, email in new_rows), company=team.company_id)
        messages = [{
            "type": "error", "record": index, "rows": {"from": index, "to": index}, "field": "email_from",
            "message": self.env._(
                "The e-mail %(email)s is already the household of the journey %(id)s “%(name)s”: the import "
                "would open a second journey. Update that journey, or import the file with the campaign import "
                "(scripts/import_candidates.py), which fills only what the journey lacks.",
                email=email, id=known[email].id, name=known[email].name),
        } for index, email in new_rows if email in known]
        if messages:
            return {"ids": False, "messages": messages, "nextrow": 0}
        return super().load(fields, data)

    # ------------------------------------------------------------
    # The intake
    # ------------------------------------------------------------

    @api.model
    def intake_households(self, rows, source, dry_run=False):
        """Find or create the journeys of households coming in through ``source``, one result per row.

        The same e-mail is the same household. A staff channel (``import``) also takes the same
        phone with the same name and no differing e-mail as the same household, and fills only
        what the journey lacks (never overwrites what staff qualified), with a note in its
        chatter. An anonymous channel (``web_form``, ``email``) never changes an existing
        journey: the row is answered ``matched`` and the caller leaves its application or
        message for the concierge. A phone shared with another household only flags a
        possible duplicate: a new journey with an activity naming the other one. Rows of the
        same call are matched with each other the same way (``merged``).

        :param list rows: dicts with ``ref`` (echoed, e.g. the file's line), ``name`` or
            ``last_name`` (required) and ``first_name``, ``email``, ``phone``, ``origin_city``,
            ``origin_zip``, ``profiles`` (words of the intake vocabulary or profile codes),
            ``profile_ids``, ``horizon``, ``motivation`` (words or codes), ``adults``,
            ``children``, ``jobs`` (jobs sought by the first adults) or ``members`` (household
            member values), ``source`` and ``campaign`` (names; a staff channel creates the
            missing ones), ``contact_date`` (ISO date), ``consents`` (purposes; recorded with
            the channel's proof by staff channels only), ``values`` (other journey fields)
        :param str source: the channel: ``import``, ``web_form`` or ``email``
        :param bool dry_run: match and validate, write nothing
        :return: one dict per row, in order: ``ref``, ``status`` (``created``, ``duplicate``
            (created, possible duplicate), ``updated``, ``unchanged``, ``matched`` (anonymous
            channel, journey left as it is), ``merged`` (same household as an earlier row),
            ``refused``), ``journey_id``, ``reasons`` and ``warnings`` (sentences in the
            caller's language), ``match`` (``email``, ``phone_name`` or False),
            ``duplicate_ids`` and ``activity_id``
        :raise AccessError: anyone but the conciergerie's staff
        """
        check_concierge_staff(self.env)
        if source not in INTAKE_CHANNELS:
            raise UserError(self.env._("Unknown intake channel: %(channel)s", channel=source))
        staff = INTAKE_CHANNELS[source] == "staff"
        vocabulary = self.env["territory.intake.word"]._intake_vocabulary()
        results, candidates, by_email, by_phone = [], [], {}, {}
        for index, row in enumerate(rows):
            result = {"ref": row.get("ref", index), "status": "refused", "journey_id": False, "reasons": [],
                      "warnings": [], "match": False, "duplicate_ids": [], "activity_id": False}
            results.append(result)
            candidate = self._intake_read_row(row, vocabulary, result)
            if not candidate:
                continue
            candidate["result"] = result
            first, why = self._intake_match(candidate, by_email.get(candidate["email"]),
                                            by_phone.get(candidate["phone"], []), staff)
            if first:
                self._intake_merge(first, candidate)
                result.update(status="merged", match=why, merged_into=first)
                result["reasons"].append(self.env._("same household as line %(ref)s (%(why)s)",
                                                    ref=first["ref"], why=self._intake_why(why)))
                if first["email"]:
                    by_email.setdefault(first["email"], first)
                if candidate["phone"] and first not in by_phone.setdefault(candidate["phone"], []):
                    by_phone[candidate["phone"]].append(first)
                continue
            candidate["lookalike_rows"] = list(by_phone.get(candidate["phone"], []))
            if candidate["email"]:
                by_email[candidate["email"]] = candidate
            if candidate["phone"]:
                by_phone.setdefault(candidate["phone"], []).append(candidate)
            candidates.append(candidate)

        known_emails = self._journeys_by_email(c["email"] for c in candidates)
        known_phones = self._journeys_by_phone(c["phone"] for c in candidates)
        to_create, utm_cache = [], {}
        for candidate in candidates:
            result = candidate["result"]
            phone_journeys = known_phones.get(candidate["phone"], self.browse())
            journey, why = self._intake_match(candidate, known_emails.get(candidate["email"]), phone_journeys, staff)
            if not journey:
                candidate["lookalike_journeys"] = phone_journeys
                to_create.append(candidate)
                continue
            result.update(journey_id=journey.id, match=why)
            if not staff:
                result["status"] = "matched"
                continue
            changes = self._intake_missing_values(candidate, journey, source, dry_run, utm_cache)
            if not changes:
                result["status"] = "unchanged"
                result["reasons"].append(self.env._("already up to date"))
                continue
            result["status"] = "updated"
            result["reasons"].append(self.env._("same household as journey %(id)s (%(why)s)",
                                                id=journey.id, why=self._intake_why(why)))
            if not dry_run:
                journey.write(changes)
                journey.message_post(body=self.env._(
                    "Updated by the %(channel)s (line %(ref)s): %(fields)s.", channel=self._intake_channel_name(source),
                    ref=result["ref"], fields=", ".join(sorted(
                        self._fields[name].get_description(self.env)["string"] for name in changes))),
                    subtype_xmlid="mail.mt_note")

        journeys = self.browse()
        if to_create and not dry_run:
            journeys = self.create([self._intake_create_values(candidate, source, utm_cache)
                                    for candidate in to_create])
        for candidate, journey in zip(to_create, journeys or [self.browse()] * len(to_create), strict=True):
            candidate["result"].update(status="created", journey_id=journey.id)
        for candidate in to_create:
            self._intake_flag_duplicate(candidate, source, dry_run)
        for result in results:
            first = result.pop("merged_into", None)
            if first:
                result["journey_id"] = first["result"]["journey_id"]
        return results

    @api.model
    def _intake_read_row(self, row, vocabulary, result):
        """A row checked and read into a candidate household, or None (``result`` says why)."""
        reasons, warnings = result["reasons"], result["warnings"]

        def text(key):
            return str(row.get(key) or "").strip()

        if "last_name" in row:
            if not text("last_name"):
                reasons.append(self.env._("last name missing"))
            name = " ".join(filter(None, [text("first_name"), text("last_name")]))
        else:
            name = text("name")
            if not name:
                reasons.append(self.env._("name missing"))
        email = self._intake_normalise_email(text("email"))
        if text("email") and not email:
            warnings.append(self.env._("invalid e-mail ignored: “%(email)s”", email=text("email")))
        phone = self._intake_normalise_phone(text("phone"))
        if text("phone") and not phone:
            warnings.append(self.env._("invalid phone ignored: “%(phone)s”", phone=text("phone")))
        if not email and not phone:
            reasons.append(self.env._("neither a valid e-mail nor a valid phone: the household could not be "
                                      "contacted again"))
        profile_ids = [int(profile_id) for profile_id in row.get("profile_ids") or []]
        for word in row.get("profiles") or []:
            if not simplify(word):
                continue
            profile_id = vocabulary["profile"].get(simplify(word))
            if profile_id:
                profile_ids.append(profile_id)
            else:
                reasons.append(self.env._("unknown profile: “%(word)s”", word=str(word).strip()))
        horizon = "unknown"
        if text("horizon"):
            horizon = vocabulary["horizon"].get(simplify(text("horizon")))
            if not horizon:
                reasons.append(self.env._("unknown horizon: “%(word)s”", word=text("horizon")))
        motivation = False
        if text("motivation"):
            motivation = vocabulary["motivation"].get(simplify(text("motivation")))
            if not motivation:
                reasons.append(self.env._("unknown motivation: “%(word)s”", word=text("motivation")))
        contact_date = False
        if text("contact_date"):
            try:
                contact_date = fields.Date.to_date(text("contact_date"))
            except ValueError:
                reasons.append(self.env._("invalid contact date: “%(date)s”", date=text("contact_date")))
        purposes = dict(self.env["territory.consent"]._fields["purpose"].selection)
        consents = [purpose for purpose in row.get("consents") or [] if purpose in purposes]
        values = dict(row.get("values") or {})
        unknown = sorted(set(values) - (set(self._fields) - INTAKE_RESERVED_FIELDS))
        if unknown:
            reasons.append(self.env._("fields the intake does not take: %(fields)s", fields=", ".join(unknown)))
        counts = {}
        for key in ("adults", "children"):
            try:
                counts[key] = int(row.get(key) or 0)
            except (TypeError, ValueError):
                counts[key] = -1
            if not 0 <= counts[key] < 20:
                reasons.append(self.env._("invalid number of %(who)s: “%(count)s”", count=row.get(key), who={
                    "adults": self.env._("adults"), "children": self.env._("children")}[key]))
        if reasons:
            return None
        members = row.get("members")
        if members is None:
            jobs = list(row.get("jobs") or [])
            members = [{"role": "adult", "name": self.env._("Adult %(number)s", number=number + 1),
                        "job_sought": jobs[number] if number < len(jobs) else ""}
                       for number in range(max(counts["adults"], 1))]
            members += [{"role": "child", "name": self.env._("Child %(number)s", number=number + 1)}
                        for number in range(counts["children"])]
        return {
            "ref": result["ref"], "name": name, "email": email or "", "phone": phone or "",
            "origin_city": text("origin_city"), "origin_zip": text("origin_zip"),
            "profile_ids": list(dict.fromkeys(profile_ids)), "horizon": horizon, "motivation": motivation,
            "members": members, "source": text("source"), "campaign": text("campaign"),
            "contact_date": contact_date, "consents": consents, "values": values,
        }

    @api.model
    def _intake_match(self, candidate, email_match, phone_matches, staff):
        """The household a candidate belongs to, among earlier rows or journeys.

        :param email_match: the row or journey of the candidate's e-mail, or None
        :param phone_matches: rows or journeys with the candidate's phone
        :param bool staff: a staff channel also takes the same phone with the same name and no
            differing e-mail (a phone is often a household's landline, or retyped from another family)
        :return: (row or journey, "email" or "phone_name") or (None, False)
        """
        if candidate["email"] and email_match:
            return email_match, "email"
        if not staff:
            return None, False
        for match in phone_matches:
            if isinstance(match, dict):
                name, email = match["name"], match["email"]
            else:
                name, email = match.contact_name or match.name or "", match.email_normalized or ""
            email_differs = candidate["email"] and email and candidate["email"] != email
            if same_name(candidate["name"], name) and not email_differs:
                return match, "phone_name"
        return None, False

    def _intake_why(self, why):
        return {"email": self.env._("same e-mail"), "phone_name": self.env._("same phone and same name")}[why]

    def _intake_channel_name(self, source):
        return {"import": self.env._("campaign import"), "web_form": self.env._("website form"),
                "email": self.env._("e-mail to the desk")}[source]

    @api.model
    def _intake_merge(self, first, other):
        """A later row of the same household fills what the first one lacked."""
        for key in ("email", "phone", "origin_city", "origin_zip", "motivation", "source", "campaign",
                    "contact_date"):
            if not first[key] and other[key]:
                first[key] = other[key]
        if first["horizon"] == "unknown":
            first["horizon"] = other["horizon"]
        first["profile_ids"] += [profile for profile in other["profile_ids"] if profile not in first["profile_ids"]]
        first["consents"] += [purpose for purpose in other["consents"] if purpose not in first["consents"]]
        for key, value in other["values"].items():
            first["values"].setdefault(key, value)

    @api.model
    def _intake_utm(self, model, name, create, cache):
        """Id of the UTM source or campaign of that name; created when missing if ``create``."""
        if not name:
            return False
        if (model, name) not in cache:
            record = self.env[model].search([("name", "=", name)], limit=1)
            if not record and create:
                record = self.env[model].create({"name": name})
            cache[model, name] = record.id
        return cache[model, name]

    @api.model
    def _intake_consent_values(self, candidate, source):
        """The consents a staff channel records, with their proof (campaign, date of the import)."""
        if INTAKE_CHANNELS[source] != "staff":
            return []
        purposes = dict(self.env["territory.consent"]._fields["purpose"]._description_selection(self.env))
        today = fields.Date.context_today(self)
        # The import's proof (source, date of the campaign's contact), once check_concierge_staff passed.
        return [{"purpose": purpose, "source": "import", "channel_proof": CHANNEL_PROOF,
                 "date_given": fields.Datetime.to_datetime(candidate["contact_date"] or today),
                 "wording": self.env._(
                     "Consent to “%(purpose)s”, collected during the campaign “%(campaign)s” (export imported "
                     "on %(date)s).", purpose=purposes[purpose],
                     campaign=candidate["campaign"] or self.env._("unknown"), date=fields.Date.to_string(today))}
                for purpose in candidate["consents"]]

    @api.model
    def _intake_team(self):
        """The journeys team of the current territory (the website's company on the public form,
        the user's current company for staff), the first by sequence when it has several."""
        return self.env["crm.team"]._journeys_team_of(self.env.company, required=True)

    @api.model
    def _intake_create_values(self, candidate, source, utm_cache):
        create_utm = INTAKE_CHANNELS[source] == "staff"
        values = {
            "name": candidate["name"], "contact_name": candidate["name"], "type": "opportunity",
            "team_id": self._intake_team().id, "user_id": False,
            "country_id": self.env.company.country_id.id,
            "email_from": candidate["email"] or False, "phone": candidate["phone"] or False,
            "origin_city": candidate["origin_city"] or False, "origin_zip": candidate["origin_zip"] or False,
            "project_horizon": candidate["horizon"], "motivation": candidate["motivation"] or False,
            "profile_ids": [(6, 0, candidate["profile_ids"])],
            "household_member_ids": [(0, 0, member) for member in candidate["members"]],
            "source_id": self._intake_utm("utm.source", candidate["source"], create_utm, utm_cache),
            "campaign_id": self._intake_utm("utm.campaign", candidate["campaign"], create_utm, utm_cache),
            **candidate["values"],
        }
        if candidate["contact_date"]:
            values["first_contact_date"] = candidate["contact_date"]
        consents = self._intake_consent_values(candidate, source)
        if consents:
            values["consent_ids"] = [(0, 0, consent) for consent in consents]
        return {key: value for key, value in values.items() if value is not False or key in ("user_id",)}

    def _intake_missing_values(self, candidate, journey, source, dry_run, utm_cache):
        """Only what the journey lacks: a staff channel never overwrites what staff qualified."""
        changes = {}
        simple = {"origin_city": candidate["origin_city"], "origin_zip": candidate["origin_zip"],
                  "motivation": candidate["motivation"], "first_contact_date": candidate["contact_date"],
                  "email_from": candidate["email"], "phone": candidate["phone"], **candidate["values"]}
        for name, value in simple.items():
            if value and not journey[name]:
                changes[name] = value
        if candidate["horizon"] != "unknown" and journey.project_horizon in (False, "unknown"):
            changes["project_horizon"] = candidate["horizon"]
        missing_profiles = [profile for profile in candidate["profile_ids"] if profile not in journey.profile_ids.ids]
        if missing_profiles:
            changes["profile_ids"] = [(4, profile) for profile in missing_profiles]
        for name, model, utm_name in (("source_id", "utm.source", candidate["source"]),
                                      ("campaign_id", "utm.campaign", candidate["campaign"])):
            if utm_name and not journey[name]:
                utm_id = self._intake_utm(model, utm_name, not dry_run, utm_cache)
                changes[name] = utm_id or True  # a dry run still reports the change
        if not journey.household_member_ids and candidate["members"]:
            changes["household_member_ids"] = [(0, 0, member) for member in candidate["members"]]
        # A withdrawal is the household's refusal, not a gap: an older campaign file never
        # brings back a consent it withdrew (the concierge asks it again, and records its answer).
        withdrawn = set(journey.sudo().consent_ids.filtered("date_withdrawn").mapped("purpose"))
        purposes = dict(self.env["territory.consent"]._fields["purpose"]._description_selection(self.env))
        for purpose in sorted(withdrawn & set(candidate["consents"])):
            if not journey._has_active_consent(purpose):
                candidate["result"]["warnings"].append(self.env._(
                    "consent “%(purpose)s” not recorded: the household withdrew it", purpose=purposes[purpose]))
        missing_consents = [purpose for purpose in candidate["consents"]
                            if purpose not in withdrawn and not journey._has_active_consent(purpose)]
        if missing_consents:
            consents = self._intake_consent_values(dict(candidate, consents=missing_consents), source)
            changes["consent_ids"] = [(0, 0, consent) for consent in consents]
        return changes

    def _intake_flag_duplicate(self, candidate, source, dry_run):
        """A new journey sharing only a phone with other households: say which in the result, and
        leave an activity on the new journey for whoever checks it."""
        result = candidate["result"]
        others = [(self.env._("journey %(id)s “%(name)s”", id=journey.id, name=journey.name), journey.id)
                  for journey in candidate["lookalike_journeys"]]
        for other in candidate["lookalike_rows"]:
            other_id = other["result"]["journey_id"]
            others.append((self.env._("line %(ref)s “%(name)s” (journey %(id)s)", ref=other["ref"],
                                      name=other["name"], id=other_id)
                           if other_id else self.env._("line %(ref)s “%(name)s”", ref=other["ref"], name=other["name"]),
                           other_id))
        if not others:
            return
        described = ", ".join(description for description, _id in others)
        result["status"] = "duplicate"
        result["duplicate_ids"] = [other_id for _description, other_id in others if other_id]
        result["reasons"].insert(0, self.env._(
            "possible duplicate: line %(ref)s has the same phone (%(phone)s) as %(others)s, but another name or "
            "another e-mail; journey created, to be checked", ref=result["ref"], phone=candidate["phone"],
            others=described))
        if dry_run or not result["journey_id"]:
            return
        journey = self.browse(result["journey_id"])
        links = Markup(", ").join(
            Markup("<a href='/odoo/crm.lead/%s'>%s</a>") % (other_id, description) if other_id else description
            for description, other_id in others)
        activity = journey._intake_schedule_activity(self.env._("Possible duplicate"), Markup("<p>%s</p>") % Markup(
            self.env._("Received through the %(channel)s: same phone as %(others)s, but another name or another "
                       "e-mail. A journey was created: check whether it is the same household.")) % {
            "channel": self._intake_channel_name(source), "others": links})
        result["activity_id"] = activity.id

    def _intake_schedule_activity(self, summary, note):
        """A to-do for the journey's concierge (or the team leader, or a manager) about an intake."""
        self.ensure_one()
        user = self.user_id or self.team_id.user_id or self.env.ref(
            "territory_concierge.group_concierge_manager").user_ids.filtered(
            lambda u: u.active and not u._is_superuser())[:1]
        return self.env["mail.activity"].create({
            "res_model_id": self.env["ir.model"]._get_id("crm.lead"),
            "res_id": self.id,
            "activity_type_id": self.env.ref("mail.mail_activity_data_todo").id,
            "summary": summary,
            "note": note,
            "user_id": user.id,
            "date_deadline": fields.Date.context_today(self),
        })

    # ------------------------------------------------------------
    # ORIENTATION to another territory (see territory.orientation)
    # ------------------------------------------------------------

    origin_journey_id = fields.Many2one(
        "crm.lead", "Oriented from", readonly=True, copy=False, index="btree_not_null",
        groups="territory_concierge.group_concierge_user",
        help="The journey of the same household in the territory that oriented it here.")
    orientation_ids = fields.Many2many("territory.orientation", string="Orientations",
                                       compute="_compute_orientation_ids",
                                       groups="territory_concierge.group_concierge_user")

    def _compute_orientation_ids(self):
        # The orientations' link to the journey is hidden from clients (see territory.orientation).
        found = self.env["territory.orientation"].sudo().search([("journey_id", "in", self.ids)]).grouped("journey_id")
        for journey in self:
            journey.orientation_ids = found.get(journey, self.env["territory.orientation"]).with_env(self.env)

    def action_orient(self):
        """Open "Orient to another territory" on this journey."""
        self.ensure_one()
        check_concierge_staff(self.env)
        self.check_access("write")
        return {
            "type": "ir.actions.act_window", "res_model": "territory.orientation.wizard", "view_mode": "form",
            "target": "new", "context": {"default_journey_id": self.id},
        }

    def _orientation_summary(self):
        """What the other desk reads before accepting: composition, profiles, project. No name,
        no contact, nothing of the concierge's notes."""
        self.ensure_one()
        adults = self.household_member_ids.filtered(lambda m: m.role == "adult")
        children = self.household_member_ids - adults
        horizon = dict(self._fields["project_horizon"]._description_selection(self.env)).get(self.project_horizon)
        lines = [
            self.env._("%(count)s adult(s)", count=len(adults)) + (
                ", " + children_summary(self.env, children.mapped("age")) if children else ""),
            self.env._("Profiles: %(profiles)s", profiles=", ".join(self.profile_ids.mapped("name")) or "-"),
            self.env._("Project horizon: %(horizon)s", horizon=horizon or "-"),
        ]
        jobs = [job for job in adults.mapped("job_sought") if job]
        if jobs:
            lines.append(self.env._("Jobs sought: %(jobs)s", jobs=", ".join(jobs)))
        if self.interest_ids:
            lines.append(self.env._("Interests: %(interests)s", interests=", ".join(self.interest_ids.mapped("name"))))
        return "\n".join(lines)

    def _orientation_copy(self, company, orientation):
        """The household's journey in the first journeys team of ``company`` (as superuser, once
        the caller was proven to be that desk's staff): who they are and how to reach them,
        their household and project; consents are the new desk's to collect, but for being
        contacted, which the consent to the orientation carries."""
        self.ensure_one()
        team = self.env["crm.team"].sudo()._journeys_team_of(company, required=True)
        # The household's contact moves with it, its portal account too (its page then shows
        # its new desk).
        if self.partner_id.company_id == self.company_id and not self.partner_id.user_ids.filtered(
                lambda user: not user.share):
            self.partner_id.user_ids.sudo().write({"company_ids": [(4, company.id)], "company_id": company.id})
            self.partner_id.sudo().company_id = company
        consent = self.consent_ids.filtered(lambda c: c.is_active and c.purpose == "orientation")[:1]
        new_journey = self.sudo().with_company(company).create({
            "name": self.name, "contact_name": self.contact_name, "partner_id": self.partner_id.id,
            "email_from": self.email_from, "phone": self.phone, "type": "opportunity", "team_id": team.id,
            "company_id": company.id, "user_id": False,
            # The household's first journey: its key in the regional figures, however often oriented.
            "origin_journey_id": (self.origin_journey_id or self).id,
            "project_horizon": self.project_horizon, "motivation": self.motivation,
            "origin_city": self.origin_city, "origin_zip": self.origin_zip,
            "profile_ids": [(6, 0, self.profile_ids.ids)], "interest_ids": [(6, 0, self.interest_ids.ids)],
            "household_member_ids": [(0, 0, member) for member in self.household_member_ids.copy_data(
                {"journey_id": False})],
            "consent_ids": [(0, 0, {
                "purpose": "concierge_contact", "source": consent.source or "phone",
                "date_given": consent.date_given,
                "wording": self.env._(
                    "Oriented from %(territory)s with the household's consent to it (%(date)s): “%(wording)s”",
                    territory=self.company_id.name, date=fields.Datetime.to_string(consent.date_given),
                    wording=consent.wording)})],
        })
        new_journey.message_post(body=Markup("<p>%s</p><pre>%s</pre>") % (
            self.env._("Oriented from %(territory)s by %(name)s.", territory=self.company_id.name,
                       name=orientation.proposed_by_id.name),
            orientation.note or ""), subtype_xmlid="mail.mt_note")
        if self.partner_id.family_journey_id == self:
            self.partner_id.sudo().family_journey_id = new_journey
        return new_journey
