from odoo import Command
from odoo.tests import TransactionCase, new_test_user


class JourneyCommon(TransactionCase):
    """Shared fixtures: the concierge team with two concierges and a manager,
    a few communes with known services, and a helper to create journeys."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env = cls.env(context=dict(cls.env.context, mail_create_nolog=True, mail_notrack=True,
                                       tracking_disable=True, mail_create_nosubscribe=True))
        cls.team = cls.env.ref("territory_concierge.crm_team_concierge")
        cls.stages = {
            name: cls.env.ref(f"territory_concierge.stage_{name}")
            for name in ("contacted", "qualified", "prioritized", "discovery_stay", "decision",
                         "moving", "installed", "settled")
        }
        cls.manager = new_test_user(cls.env, "tc_manager", "territory_concierge.group_concierge_manager",
                                    name="Manon Manager")
        cls.concierge = new_test_user(cls.env, "tc_concierge", "territory_concierge.group_concierge_user",
                                      name="Chloé Concierge")
        cls.concierge_health = new_test_user(cls.env, "tc_concierge_health",
                                             "territory_concierge.group_concierge_user", name="Hélène Health")
        cls.salesman = new_test_user(cls.env, "tc_salesman", "sales_team.group_sale_salesman_all_leads",
                                     name="Sam Sales")
        # The team's members are ours only: the demo data may have added others.
        cls.team.crm_team_member_ids.unlink()
        cls.member = cls.env["crm.team.member"].create(
            {"crm_team_id": cls.team.id, "user_id": cls.concierge.id, "assignment_max": 30})
        cls.member_health = cls.env["crm.team.member"].create({
            "crm_team_id": cls.team.id, "user_id": cls.concierge_health.id, "assignment_max": 30,
            "assignment_domain_preferred": "[('profile_ids.code', '=', 'health_worker')]",
        })
        Commune = cls.env["territory.commune"]
        cls.town_with_station = Commune.create({
            "name": "Gareville", "insee_code": "99001", "zip_codes": "99100",
            "services_known": True, "has_train_station": True, "has_school": True, "has_doctor": True,
        })
        cls.village = Commune.create({"name": "Petitbourg", "insee_code": "99002", "zip_codes": "99200",
                                      "services_known": True})
        cls.unchecked_village = Commune.create({"name": "Inconnu-sur-Marne", "insee_code": "99003"})
        cls.profile_family = cls.env.ref("territory_concierge.profile_family")
        cls.profile_health = cls.env.ref("territory_concierge.profile_health_worker")

    @classmethod
    def _second_territory(cls):
        """A second territory (company "Vosges") with its journeys team on the same stages, its
        concierge and its manager, who work in that territory only."""
        cls.other_company = cls.env["res.company"].create({"name": "Vosges", "country_id": cls.env.ref("base.fr").id})
        cls.other_team = cls.env["crm.team"].create({
            "name": "Accueil Vosges", "use_journeys": True, "use_opportunities": True,
            "company_id": cls.other_company.id})
        for stage in cls.stages.values():
            stage.team_ids |= cls.other_team
        territory = {"company_id": cls.other_company.id, "company_ids": [Command.set(cls.other_company.ids)]}
        cls.other_concierge = new_test_user(cls.env, "tc_other_concierge", "territory_concierge.group_concierge_user",
                                            name="Odile Vosges", **territory)
        cls.other_manager = new_test_user(cls.env, "tc_other_manager", "territory_concierge.group_concierge_manager",
                                          name="Olivier Vosges", **territory)
        cls.env["crm.team.member"].create(
            {"crm_team_id": cls.other_team.id, "user_id": cls.other_concierge.id, "assignment_max": 30})

    @classmethod
    def _household(cls, adults=1, children=0, job_lead=True):
        members = [Command.create({"role": "adult", "name": f"Adulte {i + 1}", "age": 35 + i,
                                   "job_sought": "Infirmier", "has_job_lead": job_lead})
                   for i in range(adults)]
        members += [Command.create({"role": "child", "name": f"Enfant {i + 1}", "age": 4 + 3 * i})
                    for i in range(children)]
        return members

    @classmethod
    def _create_journey(cls, user=None, **values):
        """A journey in the concierge team, created by ``user`` (a concierge by default)."""
        values = {"name": "Famille Test", "team_id": cls.team.id, "type": "opportunity", **values}
        return cls.env["crm.lead"].with_user(user or cls.concierge).create(values)


def pages_in_english(env):
    """The portal pages are checked in English: when the website is installed, its default
    language (French in the demo) would win over the test users' language on forms posted
    without a language prefix."""
    if "website" in env:
        env["website"].search([]).write({"default_lang_id": env.ref("base.lang_en").id})
