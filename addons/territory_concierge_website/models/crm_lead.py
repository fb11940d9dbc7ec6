from markupsafe import Markup

from odoo import api, models
from odoo.tools import email_normalize

from odoo.addons.phone_validation.tools import phone_validation


class CrmLead(models.Model):
    _inherit = "crm.lead"

    @api.model
    def _intake_find_household(self, email, phone):
        """The journey of a household that already applied (same e-mail or phone), if any."""
        email_normalized = email_normalize(email) if email else False
        phone_sanitized = phone_validation.phone_format(
            phone, "FR", "33", force_format="E164", raise_exception=False) if phone else False
        conditions = []
        if email_normalized:
            conditions.append([("email_normalized", "=", email_normalized)])
        if phone_sanitized:
            conditions.append([("phone_sanitized", "=", phone_sanitized)])
        if not conditions:
            return self.browse()
        domain = [("is_journey", "=", True)] + (["|"] if len(conditions) == 2 else []) + \
            [term for condition in conditions for term in condition]
        return self.with_context(active_test=False).search(domain, order="id", limit=1)

    @api.model
    def _intake_from_web_form(self, values, tags, members, consents, summary):
        """Create the journey of a web application, or update the household's existing journey.

        :param dict values: scalar journey values validated by the form's controller
        :param dict tags: {"profile_ids": [ids], "interest_ids": [ids]}
        :param list members: household member values
        :param list consents: consent values (purpose, wording) of the boxes the person ticked
        :param str summary: plain-text recap of the application, for the chatter
        :return: (journey, created)
        """
        consent_commands = [(0, 0, {**consent, "source": "web_form"}) for consent in consents]
        journey = self._intake_find_household(values.get("email_from"), values.get("phone"))
        if not journey:
            journey = self.create({
                **values,
                **{field: [(6, 0, ids)] for field, ids in tags.items()},
                "household_member_ids": [(0, 0, member) for member in members],
                "consent_ids": consent_commands,
                "team_id": self.env.ref("territory_concierge.crm_team_concierge").id,
                "type": "opportunity",
                "user_id": False,
                "country_id": self.env.ref("base.fr").id,
            })
            if not journey.source_id:  # no UTM cookie: the visitor came straight to the form
                journey.source_id = self.env.ref("territory_concierge_website.utm_source_web_form")
            journey.message_post(body=Markup("<pre>%s</pre>") % summary, subtype_xmlid="mail.mt_note")
            return journey, True
        # An existing household: fill what is missing, never overwrite what staff qualified.
        updates = {field: value for field, value in values.items() if value and not journey[field]}
        updates.update({field: [(4, tag_id) for tag_id in ids] for field, ids in tags.items() if ids})
        if not journey.household_member_ids and members:
            updates["household_member_ids"] = [(0, 0, member) for member in members]
        updates["consent_ids"] = consent_commands
        if not journey.active:
            journey.action_unarchive()
        journey.write(updates)
        journey.message_post(
            body=Markup("%s<pre>%s</pre>") % (self.env._("The household applied again on the website."), summary),
            subtype_xmlid="mail.mt_note")
        return journey, False
