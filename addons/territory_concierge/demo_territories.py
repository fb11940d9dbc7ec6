"""The demo's second territory: the Vosges, next to Haute-Marne, created the way a manager does
(the "Nouveau territoire" wizard), with its own concierge and households, and a household
oriented from Haute-Marne to the Vosges with its consent (accepted), and another from the Vosges
to Haute-Marne waiting for Haute-Marne's answer."""

import base64

from odoo import api, models
from odoo.tools.misc import file_open

VOSGES_CONSENT = ("J'accepte que la conciergerie transmette mon projet à la conciergerie d'un autre territoire "
                  "qui me conviendrait mieux.")


class TerritorySetupWizard(models.TransientModel):
    _inherit = "territory.setup.wizard"

    @api.model
    def _demo_second_territory(self):
        env = self.env
        if env.ref("territory_concierge.company_vosges", raise_if_not_found=False):
            return env["crm.stage"]  # made at the first install
        manager, concierge = env.ref("territory_concierge.user_manager"), env.ref("territory_concierge.user_concierge")
        vosges_concierge = env["res.users"].with_context(no_reset_password=True).create({
            "name": "Lucie Girard", "login": "vosges", "password": "vosges", "email": "lucie.girard@vosges.example",
            "lang": "fr_FR", "tz": "Europe/Paris",
            "action_id": env.ref("territory_concierge.crm_lead_action_journeys").id,
            "group_ids": [(4, env.ref("territory_concierge.group_concierge_user").id)]})
        env["ir.model.data"]._update_xmlids([{"xml_id": "territory_concierge.user_vosges", "record": vosges_concierge,
                                              "noupdate": True}])
        with file_open("territory_concierge/static/img/conciergerie_logo.png", "rb") as image:
            sign = base64.b64encode(image.read())
        action = self.with_user(manager).create({
            "name": "Conciergerie des Vosges", "territory_place": "dans les Vosges", "departement_codes": "88",
            "logo": sign,
            "email": "accueil@conciergerie-vosges.example",
            "user_ids": [(6, 0, vosges_concierge.ids)],
        }).action_create()
        team = env["crm.team"].browse(action["params"]["team_id"])
        company = team.company_id
        company.write({"street": "8 rue de la Préfecture", "city": "Épinal", "zip": "88000",
                       "phone": "+33 3 29 00 00 00"})
        # Lucie works for the Vosges only; Sophie, the manager, for both (the regional view).
        vosges_concierge.write({"company_id": company.id, "company_ids": [(6, 0, company.ids)]})
        env["ir.model.data"]._update_xmlids([{"xml_id": "territory_concierge.company_vosges", "record": company,
                                              "noupdate": True}])
        stages = env["crm.stage"].search([("team_ids", "=", team.id)], order="sequence")
        Lead = env["crm.lead"].with_user(vosges_concierge).with_context(allowed_company_ids=company.ids)
        colin, _perrin = Lead.create([{
            "name": "Famille Colin — soignants", "contact_name": "Pauline Colin", "type": "opportunity",
            "email_from": "pauline.colin@example.org", "team_id": team.id, "project_horizon": "lt_6m",
            "profile_ids": [(6, 0, env.ref("territory_concierge.profile_health_worker").ids)],
            "household_member_ids": [(0, 0, {"role": "adult", "name": "Pauline", "age": 38,
                                             "job_sought": "Infirmière"}),
                                     (0, 0, {"role": "child", "name": "Jules", "age": 7})],
        }, {
            "name": "Thomas Perrin — artisan", "contact_name": "Thomas Perrin", "type": "opportunity",
            "email_from": "thomas.perrin@example.org", "team_id": team.id, "project_horizon": "6_12m",
            "profile_ids": [(6, 0, env.ref("territory_concierge.profile_craftsperson").ids)],
            "household_member_ids": [(0, 0, {"role": "adult", "name": "Thomas", "age": 44,
                                             "job_sought": "Reprise d'une menuiserie"})],
        }])
        # The Colins agreed to be shared with partners and put in touch with an ambassador (the
        # partner and ambassador modules' demo show the Vosges' own).
        env["territory.consent"].create([{
            "journey_id": colin.id, "purpose": purpose, "source": "phone", "wording": wording}
            for purpose, wording in (
                ("concierge_contact", "J'accepte d'être recontactée par la conciergerie des Vosges."),
                ("partner_sharing", "J'accepte que mon projet soit partagé avec les partenaires de la conciergerie."),
                ("ambassador", "J'accepte d'être mise en relation avec un ambassadeur du territoire."))])
        env["ir.model.data"]._update_xmlids([{"xml_id": "territory_concierge.journey_vosges_colin", "record": colin,
                                              "noupdate": True}])
        # Haute-Marne → Vosges, accepted: the Blanc family looks for a farm to take over near Épinal.
        blanc = env.ref("territory_concierge.journey_blanc")
        env["territory.consent"].create({"journey_id": blanc.id, "purpose": "orientation", "source": "phone",
                                         "wording": VOSGES_CONSENT})
        Orientation = env["territory.orientation"]
        orientation = Orientation.with_user(concierge)._propose(
            blanc.with_user(concierge), company,
            "Cherchent une exploitation à reprendre : la chambre d'agriculture des Vosges en propose deux près "
            "d'Épinal.")
        orientation.with_user(vosges_concierge).with_context(allowed_company_ids=company.ids).action_accept()
        # Vosges → Haute-Marne, waiting: Thomas Perrin would rather live near Langres.
        perrin = Lead.search([("email_from", "=", "thomas.perrin@example.org")])
        env["territory.consent"].create({"journey_id": perrin.id, "purpose": "orientation", "source": "phone",
                                         "wording": VOSGES_CONSENT})
        Orientation.with_user(vosges_concierge).with_context(allowed_company_ids=company.ids)._propose(
            perrin, env.ref("base.main_company"),
            "Une menuiserie est à reprendre à Langres, où vit déjà sa sœur.")
        return stages
