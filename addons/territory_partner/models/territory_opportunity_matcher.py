import heapq
from collections import defaultdict
from functools import partial

from odoo import api, models

from odoo.addons.territory_concierge.text_matching import keyword_stems

# Words too common in job titles and projects to mean anything for matching.
STOPWORDS = frozenset({
    "les", "des", "une", "pour", "avec", "dans", "sur", "aux", "par", "qui", "que", "est", "son", "ses",
    "reprise", "reprendre", "poste", "emploi", "recherche", "cherche", "confirme", "confirmee",
})
MIN_SCORE = 30
REACH_POINTS = {"wished_commune": 30, "wished_epci": 20, "by_car": 10, "by_train": 10, "out_of_reach": 0}
# Profile codes that say a household looks for a business or a farm without having written it down.
KIND_PROFILES = {"business": "business_buyer", "farm": "farmer"}

stems = partial(keyword_stems, stopwords=STOPWORDS)


class TerritoryOpportunityMatcher(models.AbstractModel):
    """Which opportunities suit which households, with the reasons, in batched Python:
    each side is read once (one query per table), candidates come from an index of
    keywords and sectors, and only candidates are scored."""

    _name = "territory.opportunity.matcher"
    _description = "Matching of journeys and opportunities"

    # ------------------------------------------------------------
    # Reading both sides once
    # ------------------------------------------------------------

    @api.model
    def _opportunity_rows(self, domain=()):
        opportunities = self.env["territory.opportunity"].search_fetch(
            [("state", "=", "open"), *domain],
            ["name", "kind", "sector", "description", "commune_id", "epci_id", "housing_tenure",
             "housing_rooms", "price", "partner_org_id"])
        stations = set(opportunities.commune_id.filtered("has_train_station").ids)
        rows = []
        for opportunity in opportunities:
            is_job = opportunity.kind == "job"
            text = f"{opportunity.name} {opportunity.sector or ''}"
            rows.append({
                "id": opportunity.id, "kind": opportunity.kind,
                # Only what the kind's score uses is computed: stemming is the costly part.
                "stems": stems(text) if is_job else frozenset(),
                "sector": stems(opportunity.sector) if is_job else frozenset(),
                "project_stems": stems(f"{text} {opportunity.description or ''}")
                if opportunity.kind in KIND_PROFILES else frozenset(),
                "commune": opportunity.commune_id.id, "commune_name": opportunity.commune_id.name,
                "epci": opportunity.epci_id.id, "station": opportunity.commune_id.id in stations,
                "tenure": opportunity.housing_tenure, "rooms": opportunity.housing_rooms, "price": opportunity.price,
            })
        return rows

    @api.model
    def _journey_rows(self, journeys):
        journeys = journeys.sudo().with_context(active_test=False)
        journeys.fetch(["has_car", "housing_tenure", "housing_rooms", "housing_budget", "housing_found",
                        "business_project", "wished_commune_ids", "profile_ids"])
        adults = self.env["territory.household.member"].sudo().search_fetch(
            [("journey_id", "in", journeys.ids), ("role", "=", "adult"), ("job_found", "=", False)],
            ["journey_id", "name", "job_sought", "sector"])
        adults_by_journey = defaultdict(list)
        for adult in adults:
            if adult.job_sought or adult.sector:
                adults_by_journey[adult.journey_id.id].append({
                    "name": adult.name, "job_sought": adult.job_sought,
                    "stems": stems(adult.job_sought), "sector": stems(adult.sector)})
        epci_of = {commune.id: commune.epci_id.id for commune in journeys.wished_commune_ids}
        profile_codes = {profile.id: profile.code for profile in journeys.profile_ids}
        return [{
            "id": journey.id, "adults": adults_by_journey[journey.id], "has_car": journey.has_car,
            "wished": set(journey.wished_commune_ids.ids),
            "wished_epcis": {epci_of[commune] for commune in journey.wished_commune_ids.ids} - {False},
            "wants_housing": bool(journey.housing_tenure) and not journey.housing_found,
            "tenure": journey.housing_tenure, "rooms": journey.housing_rooms, "budget": journey.housing_budget,
            "project_stems": stems(journey.business_project),
            "profiles": {profile_codes[profile] for profile in journey.profile_ids.ids},
        } for journey in journeys]

    # ------------------------------------------------------------
    # Scoring one pair, with its reasons
    # ------------------------------------------------------------

    def _reach(self, journey, opportunity):
        """Can the household get there? (points, reason)"""
        if opportunity["commune"] in journey["wished"]:
            return REACH_POINTS["wished_commune"], self.env._("in %(commune)s, a wished commune",
                                                     commune=opportunity["commune_name"])
        if opportunity["epci"] and opportunity["epci"] in journey["wished_epcis"]:
            return REACH_POINTS["wished_epci"], self.env._("same intercommunal body as a wished commune")
        if journey["has_car"]:
            return REACH_POINTS["by_car"], self.env._("within reach by car")
        if opportunity["station"]:
            return REACH_POINTS["by_train"], self.env._("train station in %(commune)s",
                                                        commune=opportunity["commune_name"])
        return REACH_POINTS["out_of_reach"], self.env._("out of reach without a car")

    def _score_job(self, journey, opportunity):
        best = None
        for adult in journey["adults"]:
            title_points = 0
            if adult["stems"]:
                common = adult["stems"] & opportunity["stems"]
                title_points = round(50 * len(common) / len(adult["stems"]))
            sector_points = 20 if adult["sector"] and adult["sector"] & opportunity["sector"] else 0
            if title_points or sector_points:
                reasons = []
                if title_points:
                    reasons.append(self.env._("%(name)s looks for “%(job)s” (%(points)s pts)",
                                     name=adult["name"] or self.env._("an adult"), job=adult["job_sought"],
                                     points=title_points))
                if sector_points:
                    reasons.append(self.env._("same sector (%(points)s pts)", points=sector_points))
                candidate = (title_points + sector_points, reasons)
                best = max(best, candidate, key=lambda c: c[0]) if best else candidate
        return best

    def _score_housing(self, journey, opportunity):
        if not journey["wants_housing"] or journey["tenure"] not in ("either", opportunity["tenure"]):
            return None
        reasons = []
        if not journey["rooms"] or not opportunity["rooms"]:
            rooms_points = 15
        elif opportunity["rooms"] >= journey["rooms"]:
            rooms_points = 30
            reasons.append(self.env._("%(rooms)s rooms for %(needed)s needed (30 pts)",
                             rooms=opportunity["rooms"], needed=journey["rooms"]))
        elif opportunity["rooms"] == journey["rooms"] - 1:
            rooms_points = 10
            reasons.append(self.env._("one room short (10 pts)"))
        else:
            return None
        if not journey["budget"] or not opportunity["price"]:
            price_points = 15
        elif opportunity["price"] <= journey["budget"]:
            price_points = 30
            reasons.append(self.env._("within budget (30 pts)"))
        elif opportunity["price"] <= journey["budget"] * 1.1:
            price_points = 15
            reasons.append(self.env._("just over budget (15 pts)"))
        else:
            return None
        return rooms_points + price_points, reasons

    def _score_takeover(self, journey, opportunity):
        common = journey["project_stems"] & opportunity["project_stems"]
        project_points = min(40, 20 * len(common))
        profile_points = 30 if KIND_PROFILES[opportunity["kind"]] in journey["profiles"] else 0
        if not (project_points or profile_points):
            return None
        reasons = []
        if project_points:
            reasons.append(self.env._("matches the business project (%(points)s pts)", points=project_points))
        if profile_points:
            reasons.append(self.env._("profile looking for a takeover (30 pts)"))
        return project_points + profile_points, reasons

    def _score(self, journey, opportunity):
        """(score out of 100, reasons) or None when the opportunity does not suit the household."""
        if opportunity["kind"] == "job":
            fit = self._score_job(journey, opportunity)
        elif opportunity["kind"] == "housing":
            fit = self._score_housing(journey, opportunity)
        else:
            fit = self._score_takeover(journey, opportunity)
        if not fit:
            return None
        reach_points, reach_reason = self._reach(journey, opportunity)
        if opportunity["kind"] == "housing":
            # A home is chosen for where it is: location weighs more than for a job.
            reach_points = round(reach_points * 4 / 3)
        score = min(100, fit[0] + reach_points)
        if reach_points == REACH_POINTS["out_of_reach"]:
            # A household that does not drive cannot take what it cannot get to: still shown, far behind.
            score //= 2
        if score < MIN_SCORE:
            return None
        return score, [*fit[1], reach_reason]

    # ------------------------------------------------------------
    # Public entry points
    # ------------------------------------------------------------

    def _candidates(self, journey, index, others):
        """Only opportunities sharing a keyword or a sector with an adult, and the rest of the kinds."""
        found = {}
        for adult in journey["adults"]:
            for stem in adult["stems"] | adult["sector"]:
                found.update((opportunity["id"], opportunity) for opportunity in index.get(stem, ()))
        return [*found.values(), *others]

    @api.model
    def _match_journeys(self, journeys, limit=10, opportunity_domain=()):
        """Best opportunities of each journey: {journey id: [(score, opportunity id, reasons)]}."""
        # The offers of the journeys' territories and those for every territory.
        opportunities = self._opportunity_rows([
            *opportunity_domain, ("company_id", "in", [*journeys.sudo().company_id.ids, False])])
        index = defaultdict(list)
        others = []
        for opportunity in opportunities:
            if opportunity["kind"] == "job":
                for stem in opportunity["stems"] | opportunity["sector"]:
                    index[stem].append(opportunity)
            else:
                others.append(opportunity)
        result = {}
        for journey in self._journey_rows(journeys):
            scored = {}
            for opportunity in self._candidates(journey, index, others):
                if opportunity["id"] not in scored:
                    fit = self._score(journey, opportunity)
                    if fit:
                        scored[opportunity["id"]] = (fit[0], opportunity["id"], fit[1])
            result[journey["id"]] = heapq.nlargest(limit, scored.values(), key=lambda item: (item[0], -item[1]))
        return result

    @api.model
    def _match_opportunity(self, opportunity, limit=10):
        """Best journeys for one opportunity: [(score, journey id, reasons)]."""
        rows = self._opportunity_rows([("id", "=", opportunity.id)])
        if not rows:
            return []
        # The journeys of the offer's territory, or of the user's territories for an offer to all.
        territories = opportunity.sudo().company_id or self.env.companies
        journeys = self.env["crm.lead"].sudo().search([
            ("is_journey", "=", True), ("anonymised_date", "=", False), ("installation_date", "=", False),
            ("company_id", "in", territories.ids)])
        scored = []
        for journey in self._journey_rows(journeys):
            fit = self._score(journey, rows[0])
            if fit:
                scored.append((fit[0], journey["id"], fit[1]))
        return heapq.nlargest(limit, scored, key=lambda item: (item[0], -item[1]))
