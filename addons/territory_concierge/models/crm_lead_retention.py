import logging

from dateutil.relativedelta import relativedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError
from odoo.fields import Domain

_logger = logging.getLogger(__name__)

# What anonymisation blanks on a journey: everything that tells who the household is.
# Dates, stages and their history, campaign, source, profiles, team and concierge stay:
# the funnel and the impact figures are made of them.
PERSONAL_JOURNEY_FIELDS = (
    "contact_name", "partner_name", "email_from", "phone", "street", "street2", "city", "zip",
    "website", "function", "description", "referred", "origin_city", "origin_zip", "business_project",
    "wished_area", "departure_reason", "housing_budget", "partner_id",
)


class CrmLead(models.Model):
    _inherit = "crm.lead"

    anonymised_date = fields.Datetime(
        "Anonymised on", readonly=True, copy=False, index="btree_not_null",
        help="The household's personal data was erased; the journey only counts in the figures.")

    @api.model
    def _retention_expired_domain(self):
        """Journeys never installed whose last follow-up is older than their team's retention period."""
        installed = self.env.ref("territory_concierge.stage_installed")
        now = fields.Datetime.now()
        per_team = [
            Domain("team_id", "=", team.id)
            & Domain("date_last_followup", "<", now - relativedelta(years=team.retention_years))
            for team in self.env["crm.team"].search([("use_journeys", "=", True), ("retention_years", ">", 0)])
        ]
        if not per_team:
            return Domain.FALSE
        never_installed = Domain("furthest_stage_id", "=", False) | Domain(
            "furthest_stage_id.sequence", "<", installed.sequence)
        return Domain("is_journey", "=", True) & Domain("anonymised_date", "=", False) & never_installed \
            & Domain.OR(per_team)

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

    def action_anonymise_on_request(self):
        """The person asked for erasure (GDPR art. 17): erase now, keep the anonymous figures."""
        if not self.env.user.has_group("territory_concierge.group_concierge_manager"):
            raise AccessError(self.env._("Only a manager of the conciergerie can erase a household's data."))
        self._anonymise("request")
        return {"type": "ir.actions.client", "tag": "soft_reload"}

    def _anonymise(self, why):
        """Erase the households' personal data, keep what the figures need, log each erasure.

        :param str why: "retention" (the scheduled job) or "request" (the person asked)
        """
        if not self:
            return
        notes = {
            "retention": self.env._("Retention period over: never installed, no follow-up since %(date)s."),
            "request": self.env._("Erased at the request of the person."),
        }
        self.env["privacy.log"].sudo().create([{
            "anonymized_name": journey.contact_name or journey.name or "-",
            "anonymized_email": journey.email_from or f"journey-{journey.id}@anonymised.invalid",
            "execution_details": self.env._("Journey #%(id)s anonymised.", id=journey.id),
            "records_description": self.env._("Newcomer journey, household members, requests, consents, messages"),
            "additional_note": notes[why] % {"date": fields.Date.to_string(journey.date_last_followup)}
            if why == "retention" else notes[why],
        } for journey in self])
        sudo_self = self.sudo().with_context(tracking_disable=True, mail_notrack=True)
        for journey in sudo_self:
            journey.name = self.env._("Anonymised journey #%(id)s", id=journey.id)
        sudo_self.write({**dict.fromkeys(PERSONAL_JOURNEY_FIELDS, False),
                         "wished_commune_ids": [(5, 0, 0)], "interest_ids": [(5, 0, 0)],
                         "anonymised_date": fields.Datetime.now()})
        sudo_self.household_member_ids.write(
            {"name": False, "age": 0, "occupation": False, "job_sought": False, "sector": False})
        sudo_self.request_ids.write({"name": self.env._("Anonymised request"), "description": False,
                                     "answer": False})
        sudo_self.consent_ids.write({"wording": self.env._("(anonymised)")})
        self.env["mail.message"].sudo().search([("model", "=", self._name), ("res_id", "in", self.ids)]).unlink()
        self.env["mail.activity"].sudo().search([("res_model", "=", self._name), ("res_id", "in", self.ids)]).unlink()
        self.env["mail.followers"].sudo().search([("res_model", "=", self._name), ("res_id", "in", self.ids)]).unlink()
