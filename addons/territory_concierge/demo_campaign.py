"""The demo's 2021 campaign in Haute-Marne, as the seed tells it, generated at install.

430 households contacted from March to September 2021, 257 selected by the end of 2021,
13 invited to the discovery weekend of 15-17 October 2021, 10 installed between March and
August 2022 (the first in March, the next in April, the others by the summer), two of them
gone since. Each journey has its dated stage history, its end reason and its concierge, so
that the dashboard, the funnel, the cohorts and the report for elected officials show the
seed's own figures and believable medians on the first start.

The households are fictitious: common French first names and surnames drawn at random (no
combination designates anyone), no phone, no address, e-mails on example.org (reserved for
examples, RFC 2606). Those never installed are anonymised at once, as the retention job
would have done three years after their last follow-up.

Fast on purpose: one batch create, tracking and messages off, the stage history written in
one batch; no activity is scheduled (the lost journeys are created closed, the others are in
"Installé depuis 1 an", a stage without activity plan).
"""

import random
import unicodedata
from datetime import date, datetime, timedelta

from dateutil.relativedelta import relativedelta

from odoo.fields import Domain
from odoo.tools import clean_context

SEED = 2021
CONTACTED, QUALIFIED = 430, 257
CAMPAIGN_START = date(2021, 3, 1)
CAMPAIGN_DAYS = 213  # contacts from March to September 2021
WEEKEND_END = datetime(2021, 10, 17, 17, 0)  # the discovery weekend of 15-17 October 2021
QUALIFIED_BY = datetime(2021, 12, 17, 17, 0)  # "257 families selected at the end of 2021"
STAY_QUALIFIED_BY = datetime(2021, 8, 20, 17, 0)  # invited in September: known by the summer
# The seed: one family moved in in March 2022, another arrives in April, the others by the summer.
FIRST_INSTALLATIONS = (date(2022, 3, 12), date(2022, 4, 9))
SUMMER_INSTALLATIONS = (date(2022, 5, 2), date(2022, 8, 29))

# End reasons (xml id suffix of crm.lost.reason, count) per stage where journeys stopped.
LOST_AT_CONTACTED = (("no_answer", 104), ("incompatible", 38), ("abandoned", 24), ("duplicate", 7))
LOST_AT_QUALIFIED = (("abandoned", 105), ("no_answer", 60), ("elsewhere", 35), ("incompatible", 22))
LOST_AT_PRIORITIZED = (("abandoned", 9), ("elsewhere", 7), ("incompatible", 3), ("no_answer", 3))
LOST_AT_STAY = (("elsewhere", 1), ("abandoned", 1))
LOST_AT_DECISION = (("abandoned", 1),)
STAYS = 13
STAY_SKIPPING_PRIORITIZED = 3  # invited to the weekend straight from "Qualifié"
# Households gone after installation: months after installing, and why.
DEPARTURES = ((8, "Mutation professionnelle du conjoint, hors du département."),
              (20, "Retour près de la famille, après le décès d'un parent."))

SURNAMES = (
    "Thomas", "Robert", "Richard", "Durand", "Laurent", "Simon", "Michel", "Leroy", "David", "Bertrand",
    "Morel", "Fournier", "Lambert", "Bonnet", "François", "Mercier", "Dupont", "Guérin", "Boyer", "Chevalier",
    "Gauthier", "Perrin", "Robin", "Clément", "Morin", "Nicolas", "Henry", "Mathieu", "Garnier", "Faure",
    "Rolland", "Lemoine", "Colin", "Vidal", "Caron", "Picard", "Roger", "Aubert", "Lucas", "Brunet",
    "Schmitt", "Meyer", "Diallo", "Haddad", "Mendes", "Leclerc", "Renaud", "Barbier", "Arnaud", "Traoré",
)
WOMEN = ("Julie", "Sarah", "Laura", "Marie", "Émilie", "Céline", "Pauline", "Manon", "Chloé", "Anaïs",
         "Amandine", "Élise", "Nadia", "Fatou", "Clara", "Audrey", "Mélanie", "Charlotte", "Sandrine", "Lucie")
MEN = ("Nicolas", "Thomas", "Maxime", "Romain", "Kevin", "Guillaume", "Alexandre", "Sébastien", "Mehdi",
       "Yanis", "Antoine", "Pierre", "Vincent", "Olivier", "Adrien", "Mathieu", "Jérôme", "Florian", "Karim",
       "Benoît")
CHILDREN = ("Léo", "Gabriel", "Louise", "Jade", "Emma", "Raphaël", "Arthur", "Alice", "Lina", "Jules", "Adam",
            "Rose", "Noah", "Mia", "Maël", "Lou", "Tom", "Nina", "Sacha", "Zoé")
# Where the campaign found them (the cities of the detailed demo households), Paris first.
ORIGINS = ((("Paris", "75011"), 5), (("Paris", "75018"), 5), (("Montreuil", "93100"), 3), (("Lyon", "69003"), 3),
           (("Lille", "59000"), 2), (("Reims", "51100"), 2), (("Nancy", "54000"), 2), (("Strasbourg", "67000"), 1),
           (("Dijon", "21000"), 1), (("Toulouse", "31000"), 1))
# Talent profiles (territory.profile xml id suffixes), with the jobs they do and seek.
TALENTS = (
    ("skilled_employee", 35, ("Technicienne qualité", "Comptable", "Technicien de maintenance",
                              "Usineur sur commande numérique", "Chargée de clientèle", "Ingénieur méthodes",
                              "Électricien industriel", "Assistante de direction")),
    ("remote_worker", 18, ("Développeuse web", "Graphiste", "Consultant en informatique", "Traductrice",
                           "Chef de projet numérique")),
    ("health_worker", 12, ("Infirmière", "Aide-soignant", "Kinésithérapeute", "Médecin généraliste",
                           "Sage-femme", "Pharmacienne")),
    ("craftsperson", 10, ("Menuisier", "Plombier-chauffagiste", "Coiffeuse", "Boulanger", "Maçon")),
    ("business_buyer", 6, ("Reprise d'une épicerie", "Reprise d'un bar-restaurant",
                           "Reprise d'une entreprise de maçonnerie")),
    ("farmer", 4, ("Maraîcher", "Éleveuse de chèvres", "Reprise d'une exploitation laitière")),
    ("student", 3, ("Étudiante en alternance", "Jeune diplômé en logistique")),
)
INTERESTS = ("nature", "cycling", "hiking", "culture", "heritage", "sport", "gardening", "volunteering", "music",
             "fishing")
# Towns of Haute-Marne (INSEE codes of data/territory.commune.csv) the households wished for and chose.
TOWNS = ("52121", "52121", "52121", "52269", "52269", "52448", "52448", "52250", "52353", "52060", "52550",
         "52114", "52058", "52211", "52197", "52017")
CONTACT_CONSENT = ("J'accepte d'être recontacté(e) par la conciergerie de territoire au sujet de mon projet "
                   "d'installation.")
SHARING_CONSENT = ("J'accepte que mon projet soit partagé avec les organismes partenaires (chambres consulaires, "
                   "employeurs, France Travail) utiles à mon installation.")
STAGES = ("contacted", "qualified", "prioritized", "discovery_stay", "decision", "moving", "installed", "settled")


def _ascii(text):
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower().replace(" ", "-")


class DemoCampaign:
    """Draws the households and their journeys (deterministic for a given seed) and creates them."""

    def __init__(self, campaign, source=None, seed=SEED):
        self.campaign = campaign
        self.env = campaign.env
        self.source = source
        self.rng = random.Random(seed)

    def at(self, day, earliest=8, latest=17):
        """A moment of office hours on ``day`` (UTC, like Odoo's datetimes)."""
        return datetime(day.year, day.month, day.day, self.rng.randint(earliest, latest - 1),
                        self.rng.choice((0, 15, 30, 45)))

    def later(self, moment, low, high, cap=None):
        """A moment of a weekday ``low`` to ``high`` days after ``moment`` (not after ``cap``)."""
        day = moment.date() + timedelta(days=self.rng.randint(low, high))
        while day.weekday() >= 5 and high > low + 2:  # a weekday of the range
            day = moment.date() + timedelta(days=self.rng.randint(low, high))
        if day.weekday() >= 5:
            day += timedelta(days=7 - day.weekday())
        result = self.at(day)
        if result <= moment:
            result = moment + timedelta(hours=1)
        return min(result, cap) if cap and cap > moment else result

    def journeys(self):
        """One dict per household: its people, its path through the stages and how it ended."""
        rng = self.rng
        contacts = sorted(self.later(self.at(CAMPAIGN_START), offset, offset + 3)
                          for offset in (int(rng.triangular(0, CAMPAIGN_DAYS, 60)) for _i in range(CONTACTED)))
        journeys = [{"index": index + 1, "path": [("contacted", moment, False)], "contact": moment}
                    for index, moment in enumerate(contacts)]
        for journey in journeys:
            # The qualification call: about three weeks after the first contact (6 days to 11 weeks).
            delay = min(75, max(6, int(rng.lognormvariate(3.1, 0.45))))
            journey["qualified_on"] = self.later(journey["contact"], delay, delay + 3, cap=QUALIFIED_BY)
        order = journeys[:]
        rng.shuffle(order)
        qualified, never_qualified = order[:QUALIFIED], order[QUALIFIED:]
        eligible = [j for j in qualified if j["qualified_on"] <= STAY_QUALIFIED_BY]
        stays = rng.sample(eligible, STAYS)
        others = [j for j in qualified if j not in stays]
        lost_prioritized = sum(count for _reason, count in LOST_AT_PRIORITIZED)
        prioritized, stopped_qualified = others[:lost_prioritized], others[lost_prioritized:]

        for journey, reason in zip(never_qualified, self._reasons(LOST_AT_CONTACTED), strict=True):
            self._lose(journey, reason, self.later(journey["contact"], 14, 60))
        for journey, reason in zip(stopped_qualified, self._reasons(LOST_AT_QUALIFIED), strict=True):
            journey["path"].append(("qualified", journey["qualified_on"], False))
            self._lose(journey, reason, self.later(journey["qualified_on"], 30, 240))
        for journey, reason in zip(prioritized, self._reasons(LOST_AT_PRIORITIZED), strict=True):
            moment = self.later(journey["qualified_on"], 15, 90)
            journey["path"] += [("qualified", journey["qualified_on"], False), ("prioritized", moment, False)]
            self._lose(journey, reason, self.later(moment, 30, 150))
        self._stays(stays)
        return journeys

    def _reasons(self, counts):
        reasons = [reason for reason, count in counts for _i in range(count)]
        self.rng.shuffle(reasons)
        return reasons

    def _lose(self, journey, reason, moment):
        journey.update(lost_reason=reason, closed_on=moment)

    def _stays(self, stays):
        """The weekend's 13 households: invited in September, then decision, moving, installation."""
        rng = self.rng
        skipping = rng.sample(stays, STAY_SKIPPING_PRIORITIZED)
        for journey in stays:
            invited = self.at(date(2021, 9, 6) + timedelta(days=rng.randint(0, 11)))
            journey["path"].append(("qualified", journey["qualified_on"], False))
            if journey in skipping:
                journey["path"].append(("prioritized", invited, True))
            else:
                low = journey["qualified_on"] + timedelta(days=7)
                high = min(journey["qualified_on"] + timedelta(days=45), invited - timedelta(days=3))
                journey["path"].append(("prioritized", self.later(low, 0, max(0, (high - low).days)), False))
            journey["path"].append(("discovery_stay", invited, False))
            journey["after_weekend"] = self.later(WEEKEND_END, 1, 21)
        rng.shuffle(stays)
        lost_stay = stays[:len(LOST_AT_STAY)]
        lost_decision = stays[len(LOST_AT_STAY):len(LOST_AT_STAY) + len(LOST_AT_DECISION)]
        installed = stays[len(LOST_AT_STAY) + len(LOST_AT_DECISION):]
        for journey, (reason, _count) in zip(lost_stay, LOST_AT_STAY, strict=True):
            self._lose(journey, reason, journey["after_weekend"])
        for journey in lost_decision + installed:
            journey["path"].append(("decision", journey["after_weekend"], False))
        for journey, (reason, _count) in zip(lost_decision, LOST_AT_DECISION, strict=True):
            self._lose(journey, reason, self.later(journey["after_weekend"], 60, 90))
        low, high = SUMMER_INSTALLATIONS
        days = list(FIRST_INSTALLATIONS) + sorted(
            low + timedelta(days=rng.randint(0, (high - low).days)) for _i in range(len(installed) - 2))
        installed.sort(key=lambda journey: journey["after_weekend"])
        skipping_moving = rng.choice(installed[2:])  # its house bought from afar: no "Déménagement" stage
        for journey, day in zip(installed, days, strict=True):
            moment = self.at(day)
            journey["installed_on"] = day
            if journey is skipping_moving:
                journey["path"].append(("moving", moment, True))
            else:
                # Decided one to three months after the weekend, then months to find housing and jobs.
                decided = self.later(journey["after_weekend"], 30, 90)
                journey["path"].append(("moving", min(decided, moment - timedelta(days=rng.randint(14, 40))),
                                        False))
            journey["path"].append(("installed", moment, False))
        for journey in installed:
            # The automation rule moves the household to "Installé depuis 1 an" a year on.
            journey["path"].append(("settled", self.at(journey["installed_on"] + relativedelta(years=1, days=1),
                                                      5, 7), False))
        for journey, (months, why) in zip(rng.sample(installed, len(DEPARTURES)), DEPARTURES, strict=True):
            left_on = journey["installed_on"] + relativedelta(months=months)
            if months < 12:
                journey["path"].pop()
            journey.update(departure_date=left_on, departure_reason=why)
            self._lose(journey, "left_after_installation", self.at(left_on))

    def generate(self):
        """Create the campaign's journeys, their history; anonymise those past retention."""
        Lead = self.env["crm.lead"].with_context(
            clean_context(self.env.context), tracking_disable=True, mail_create_nolog=True, mail_notrack=True,
            mail_create_nosubscribe=True, active_test=False)
        if Lead.search_count([("campaign_id", "=", self.campaign.id)]):
            return Lead
        ref = self.env.ref
        self.team = ref("territory_concierge.crm_team_concierge")
        self.stages = stages = {key: ref(f"territory_concierge.stage_{key}") for key in STAGES}
        self.concierges = (ref("territory_concierge.user_concierge"),
                           ref("territory_concierge.user_concierge_health"))
        self.towns = {town.insee_code: town for town in self.env["territory.commune"].search(
            [("insee_code", "in", list(set(TOWNS)))])}
        journeys = self.journeys()
        leads = Lead.create([self.values(journey) for journey in journeys])

        # The journeys' real history replaces the one their creation recorded (all in one stage, today).
        History = self.env["crm.lead.stage.history"].sudo()
        History.search([("journey_id", "in", leads.ids)]).unlink()
        rows = []
        for lead, journey in zip(leads, journeys, strict=True):
            path = journey["path"]
            for position, (key, entered, skipped) in enumerate(path):
                left = path[position + 1][1] if position + 1 < len(path) else None
                rows.append({"journey_id": lead.id, "stage_id": stages[key].id,
                             "stage_sequence": stages[key].sequence, "date_entered": entered,
                             "date_left": left, "skipped": skipped})
        History.create(rows)

        # Never installed, last followed up in 2021-2022: past the retention period today.
        expired = Lead.search(Domain("id", "in", leads.ids) & Lead._retention_expired_domain())
        expired._anonymise("retention")

        # The time-based rules (follow-ups 1 to 12 months after installing, settled after a year)
        # did their work on these households in 2022-2023: their first run must not schedule it
        # again. Their window starts the day after the campaign's last due date (the newer demo
        # households still get theirs).
        done_until = datetime.combine(max(filter(None, leads.mapped("installation_date")))
                                      + relativedelta(months=12, days=1), datetime.min.time())
        self.env["base.automation"].sudo().search([
            ("model_id.model", "=", "crm.lead"), ("trigger", "=", "on_time"),
            "|", ("last_run", "=", False), ("last_run", "<", done_until),
        ]).last_run = done_until
        return leads

    def values(self, journey):
        """The crm.lead values of one drawn household."""
        rng, stages, towns = self.rng, self.stages, self.towns
        profile_code = rng.choices([code for code, _w, _jobs in TALENTS], [w for _c, w, _jobs in TALENTS])[0]
        jobs = next(jobs for code, _w, jobs in TALENTS if code == profile_code)
        woman = rng.random() < 0.55
        first = rng.choice(WOMEN if woman else MEN)
        surname = rng.choice(SURNAMES)
        city, zip_code = rng.choices([origin for origin, _w in ORIGINS], [w for _o, w in ORIGINS])[0]
        reached = {key for key, _moment, _skipped in journey["path"]}
        qualified = "qualified" in reached
        ripe = "discovery_stay" in reached
        adults = 1 if profile_code == "student" else rng.choice((1, 2, 2, 2))
        children = 0 if profile_code == "student" else rng.choice((0, 0, 1, 1, 2, 2, 3))
        family = adults > 1 or children
        profiles = [f"territory_concierge.profile_{profile_code}"]
        if family and qualified:
            profiles.append("territory_concierge.profile_family")
        members = [(0, 0, {"role": "adult", "name": first, "age": rng.randint(26, 52),
                           "occupation": rng.choice(jobs), "job_sought": rng.choice(jobs),
                           "has_job_lead": ripe and rng.random() < 0.7, "job_found": "installed" in reached})]
        if qualified:
            members += [(0, 0, {"role": "adult", "name": rng.choice(MEN if woman else WOMEN),
                                "age": rng.randint(26, 52), "occupation": rng.choice(
                                    [job for _c, _w, jobs_ in TALENTS for job in jobs_]),
                                "has_job_lead": ripe and rng.random() < 0.5}) for _i in range(adults - 1)]
            members += [(0, 0, {"role": "child", "name": rng.choice(CHILDREN), "age": rng.randint(0, 16)})
                        for _i in range(children)]
        last_key, last_entered, _skipped = journey["path"][-1]
        wished = rng.sample(TOWNS, 2)
        name = f"Famille {surname}" if family else f"{first} {surname}"
        values = {
            "name": f"{name} — {city}",
            "contact_name": f"{first} {surname}",
            "email_from": f"{_ascii(first)}.{_ascii(surname)}.{journey['index']:03d}@example.org",
            "type": "opportunity",
            "team_id": self.team.id,
            "user_id": (self.concierges[1] if profile_code == "health_worker" or rng.random() < 0.3
                        else self.concierges[0]).id,
            "campaign_id": self.campaign.id,
            "source_id": self.source.id if self.source else False,
            "first_contact_date": journey["contact"].date(),
            "date_open": journey["contact"],
            "stage_id": stages[last_key].id,
            "date_last_stage_update": last_entered,
            "date_last_followup": journey.get("closed_on") or last_entered,
            "profile_ids": [(6, 0, [self.env.ref(xmlid).id for xmlid in profiles])],
            "origin_city": city,
            "origin_zip": zip_code,
            "household_member_ids": members,
            "consent_ids": [(0, 0, {"purpose": "concierge_contact", "source": "import", "wording": CONTACT_CONSENT,
                                    "date_given": journey["contact"]})],
        }
        if qualified:
            values.update({
                "project_horizon": rng.choice(("lt_6m", "6_12m") if ripe else ("6_12m", "12_24m", "gt_24m")),
                "motivation": rng.choice(("3", "4") if ripe else ("1", "2", "3")),
                "maturity": rng.choice(("planned", "ready") if ripe else ("idea", "exploring", "planned")),
                "has_driving_licence": ripe or rng.random() < 0.7,
                "has_car": ripe or rng.random() < 0.55,
                "housing_tenure": rng.choice(("rent", "buy", "either")),
                "housing_rooms": 2 + (adults > 1) + children,
                "housing_budget": rng.randrange(450, 1300, 50),
                "interest_ids": [(6, 0, [self.env.ref(f"territory_concierge.interest_{code}").id
                                         for code in rng.sample(INTERESTS, rng.randint(1, 3))])],
                "wished_commune_ids": [(6, 0, [towns[code].id for code in set(wished) if code in towns])],
            })
        if "prioritized" in reached:
            values["consent_ids"].append((0, 0, {
                "purpose": "partner_sharing", "source": "phone", "wording": SHARING_CONSENT,
                "date_given": next(moment for key, moment, _s in journey["path"] if key == "prioritized")}))
        if journey.get("installed_on"):
            town = towns[wished[0]]
            values.update({"installation_commune_id": town.id, "installation_date": journey["installed_on"],
                           "housing_found": True, "name": f"{name} — {city} → {town.name}"})
        if journey.get("lost_reason"):
            values.update({
                "active": False, "probability": 0,
                "lost_reason_id": self.env.ref(f"territory_concierge.lost_reason_{journey['lost_reason']}").id,
                "date_closed": journey["closed_on"],
                "departure_date": journey.get("departure_date"),
                "departure_reason": journey.get("departure_reason"),
            })
        return values
