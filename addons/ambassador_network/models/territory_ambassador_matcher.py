import heapq
from functools import partial

from odoo import api, models

from odoo.addons.territory_concierge.portal_rules import SPONSORSHIP_OPEN_STATES
from odoo.addons.territory_concierge.text_matching import keyword_stems

MIN_SCORE = 20
# French is everyone's language here: it says nothing about who suits whom.
_stems = partial(keyword_stems, min_length=4, stopwords=frozenset({"francais", "french"}))


class TerritoryAmbassadorMatcher(models.AbstractModel):
    """The ambassadors who suit a household best, with the reasons: each side read
    once, ambassadors without room left never proposed."""

    _name = "territory.ambassador.matcher"
    _description = "Matching of households and ambassadors"

    @api.model
    def _ambassador_rows(self):
        ambassadors = self.env["res.partner"].sudo().search_fetch(
            [("is_ambassador", "=", True), ("ambassador_state", "=", "active")],
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
        }

    def _score(self, household, ambassador):
        points, reasons = 0, []
        if ambassador["commune"] in household["communes"]:
            points += 35
            reasons.append(self.env._("lives in %(commune)s (35 pts)", commune=ambassador["commune_name"]))
        elif ambassador["epci"] and ambassador["epci"] in household["epcis"]:
            points += 20
            reasons.append(self.env._("lives nearby, in %(commune)s (20 pts)", commune=ambassador["commune_name"]))
        if household["interests"] and ambassador["interests"]:
            shared = len(household["interests"] & ambassador["interests"])
            if shared:
                interest_points = round(25 * shared / len(household["interests"]))
                points += interest_points
                reasons.append(self.env._("%(count)s shared interest(s) (%(points)s pts)", count=shared,
                                 points=interest_points))
        if ambassador["household"] and ambassador["household"] == household["household"]:
            points += 15
            reasons.append(self.env._("similar household (15 pts)"))
        if household["languages"] & ambassador["languages"]:
            points += 10
            reasons.append(self.env._("speaks the household's language (10 pts)"))
        if household["profession"] & ambassador["profession"]:
            points += 10
            reasons.append(self.env._("same line of work (10 pts)"))
        points += min(5, ambassador["room"])
        return points, reasons

    @api.model
    def _match_journey(self, journey, limit=5, ambassadors=None):
        """Best ambassadors with room left for one journey: [(score, ambassador id, reasons)]."""
        household = self._household_row(journey)
        scored = []
        for ambassador in ambassadors if ambassadors is not None else self._ambassador_rows():
            if ambassador["room"] <= 0:
                continue
            points, reasons = self._score(household, ambassador)
            if points >= MIN_SCORE:
                scored.append((points, ambassador["id"], reasons))
        return heapq.nlargest(limit, scored, key=lambda item: (item[0], -item[1]))
