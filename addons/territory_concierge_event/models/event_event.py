from dateutil.relativedelta import relativedelta
from markupsafe import Markup

from odoo import api, fields, models

STAY_KINDS = [("group_weekend", "Discovery weekend"), ("individual_visit", "Individual visit")]


class EventType(models.Model):
    """The kind of discovery stay is a setting of the event template: staff add a template of
    their own (e.g. a "Séjour soignants") and its events are stays."""

    _inherit = "event.type"

    stay_kind = fields.Selection(
        STAY_KINDS, string="Discovery stay",
        help="Events of this template are discovery stays of this kind: invitations from the "
             "pipeline, answers by link, attendance moving the journey, itinerary and feedback.")


class EventEvent(models.Model):
    """A discovery stay is an event of one of the two stay kinds."""

    _inherit = "event.event"

    # Odoo's default is a sample text for software conferences ("Join us for this 24 hours Event").
    description = fields.Html(default=lambda self: self._default_stay_description())
    stay_kind = fields.Selection(
        STAY_KINDS, string="Discovery stay", index=True,
        compute="_compute_stay_kind", store=True, readonly=False, precompute=True,
        help="Group weekends gather several households around a common programme; an individual "
             "visit is built for one household. Comes from the event's template.")
    stay_invited_count = fields.Integer("Invited", compute="_compute_stay_report")
    stay_attended_count = fields.Integer("Came", compute="_compute_stay_report")
    stay_decided_count = fields.Integer("Decided to come", compute="_compute_stay_report")
    stay_installed_6m_count = fields.Integer("Installed within 6 months", compute="_compute_stay_report")
    stay_installed_12m_count = fields.Integer("Installed within 12 months", compute="_compute_stay_report")

    def _default_stay_description(self):
        return Markup("<p>%s</p>") % self.env._(
            "The programme of the stay: visits of the places to live, meetings with employers and residents, "
            "and time to discover the territory.")

    @api.depends("event_type_id")
    def _compute_stay_kind(self):
        for event in self:
            # An event without template keeps the kind staff chose.
            event.stay_kind = event.event_type_id.stay_kind if event.event_type_id else event.stay_kind

    @api.depends("registration_ids.state", "registration_ids.stay_decision",
                 "registration_ids.journey_id.installation_date", "date_end")
    def _compute_stay_report(self):
        """Per stay: who was invited, came, decided to settle, and did settle within 6 and 12 months
        of the stay's end."""
        registrations = self.env["event.registration"].sudo().search_fetch(
            [("event_id", "in", self.ids), ("journey_id", "!=", False)],
            ["event_id", "state", "stay_decision", "journey_id"])
        registrations.journey_id.fetch(["installation_date"])
        by_event = {event.id: registrations.filtered(lambda r, e=event: r.event_id == e) for event in self}
        for event in self:
            stay = by_event[event.id]
            end = event.date_end.date() if event.date_end else fields.Date.today()
            installed = stay.journey_id.filtered("installation_date").mapped("installation_date")
            event.stay_invited_count = len(stay)
            event.stay_attended_count = len(stay.filtered(lambda r: r.state == "done"))
            event.stay_decided_count = len(stay.filtered(lambda r: r.stay_decision == "settle"))
            event.stay_installed_6m_count = sum(1 for day in installed if day <= end + relativedelta(months=6))
            event.stay_installed_12m_count = sum(1 for day in installed if day <= end + relativedelta(months=12))
