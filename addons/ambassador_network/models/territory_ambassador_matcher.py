import heapq
from functools import partial

from odoo import api, models

from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_OPEN_STATES
from odoo.addons.territory_concierge.text_matching import keyword_stems

from .crm_team import MATCH_MIN_POINTS_DEFAULT

# French is everyone's language here: it says nothing about who suits whom.
_stems = partial(keyword_stems, min_length=4, stopwords=frozenset({"francais", "french"}))


class TerritoryAmbassadorMatcher(models.AbstractModel):
    """The ambassadors who suit a household best, with the reasons: each side read
    once, ambassadors without room left never proposed."""

    _name = "territory.ambassador.matcher"
    _description = "Matching of households and ambassadors"

    @api.model
    def _ambassador_rows(self, company):
        """The active ambassadors of a territory (and those who belong to none)."""
        ambassadors = self.env["res.partner"].sudo().search_fetch(
            [("is_ambassador", "=", True), ("ambassador_state", "=", "active"),
             ("company_id", "in", [company.id, False])],
            ["name", "ambassador_commune_id", "ambassador_interest_ids", "ambassador_languages",
             "ambassador_household", "ambassador_profession", "sponsorship_capacity"])
        taken = dict(self.env["territory.sponsorship"].sudo()._read_group(
            [("ambassador_id", "in", ambassadors.ids), ("state", "in", SPONSORSHIP_OPEN_STATES)],
            ["ambassador_id"], ["__count"]))
        epci_of = {commune.id: commune.epci_id.id for commune in ambassadors.ambassador_commune_id}
        return [{
            "id": ambassador.id, "name": ambassador.name, "commune": ambassador.ambassador_commune_id.id,
            "commune_name": ambassador.ambassador_commune_id.name,
            "epci": epci_of.get(ambassador.ambassador_commune_id.id),
            "interests": set(ambassador.ambassador_interest_ids.ids),
            "languages": _stems(ambassador.ambassador_languages),
            "household": ambassador.ambassador_household, "profession": _stems(ambassador.ambassador_profession),
            "room": ambassador.sponsorship_capacity - taken.get(ambassador, 0),
        } for ambassador in ambassadors]

    @api.model
    def _household_row(self, journey):
        journey = journey.sudo()
        communes = journey.installation_commune_id or journey.wished_commune_ids
        adults = journey.household_member_ids.filtered(lambda m: m.role == "adult")
        return {
            "communes": set(communes.ids), "epcis": set(communes.epci_id.ids),
            "interests": set(journey.interest_ids.ids),
            "languages": _stems(journey.spoken_languages),
            "household": "family" if journey.child_count else ("couple" if len(adults) > 1 else "single"),
            "profession": _stems(" ".join(filter(None, adults.mapped("occupation") + adults.mapped("job_sought")))),
            # The points of each criterion, set by the staff of the journey's team.
            "weights": journey.team_id._get_match_weights(),
            "min_points": journey.team_id.match_min_points if journey.team_id else MATCH_MIN_POINTS_DEFAULT,
        }

    def _score(self, household, ambassador):
        weights = household["weights"]
        points, reasons = 0, []
        if ambassador["commune"] in household["communes"] and weights["commune"]:
            points += weights["commune"]
            reasons.append(self.env._("lives in %(commune)s (%(points)s pts)", commune=ambassador["commune_name"],
                                      points=weights["commune"]))
        elif ambassador["epci"] and ambassador["epci"] in household["epcis"] and weights["epci"]:
            points += weights["epci"]
            reasons.append(self.env._("lives nearby, in %(commune)s (%(points)s pts)",
                                      commune=ambassador["commune_name"], points=weights["epci"]))
        if household["interests"] and ambassador["interests"]:
            shared = len(household["interests"] & ambassador["interests"])
            interest_points = round(weights["interests"] * shared / len(household["interests"]))
            if interest_points:
                points += interest_points
                reasons.append(self.env._("%(count)s shared interest(s) (%(points)s pts)", count=shared,
                                 points=interest_points))
        if ambassador["household"] and ambassador["household"] == household["household"] and weights["household"]:
            points += weights["household"]
            reasons.append(self.env._("similar household (%(points)s pts)", points=weights["household"]))
        if household["languages"] & ambassador["languages"] and weights["language"]:
            points += weights["language"]
            reasons.append(self.env._("speaks the household's language (%(points)s pts)", points=weights["language"]))
        if household["profession"] & ambassador["profession"] and weights["profession"]:
            points += weights["profession"]
            reasons.append(self.env._("same line of work (%(points)s pts)", points=weights["profession"]))
        # A tie-breaker: ambassadors with more room left come first.
        room_points = min(5, ambassador["room"])
        points += room_points
        reasons.append(self.env._("room for %(count)s more household(s) (%(points)s pts)", count=ambassador["room"],
                                  points=room_points))
        return points, reasons

    @api.model
    def _match_journey(self, journey, limit=5, ambassadors=None):
        """Best ambassadors with room left for one journey: [(score, ambassador id, reasons)]."""
        household = self._household_row(journey)
        scored = []
        for ambassador in ambassadors if ambassadors is not None else self._ambassador_rows(
                journey.sudo().company_id):
            if ambassador["room"] <= 0:
                continue
            points, reasons = self._score(household, ambassador)
            if points >= household["min_points"]:
                scored.append((points, ambassador["id"], reasons))
        return heapq.nlargest(limit, scored, key=lambda item: (item[0], -item[1]))
