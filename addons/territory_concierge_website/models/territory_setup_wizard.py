from odoo import models

from ..controllers.intake import FORM_URL, LEGACY_FORM_URL


class TerritorySetupWizard(models.TransientModel):
    _inherit = "territory.setup.wizard"

    def _after_territory_created(self, company, team):
        """The new territory gets its own website (Odoo's multi-website): its public form takes
        households into that territory's journeys team (the website's company), and its pages
        name the territory. Staff give it its domain in Website > Configuration > Websites and
        edit its pages in the website builder (each website its own copy)."""
        super()._after_territory_created(company, team)
        website = self.env["website"].sudo().create({"name": company.name, "company_id": company.id})
        place = company._territory_place()
        # Odoo copied the shipped menu into the new website: its entry names the new territory,
        # and so does the home page's description, in each language of the database.
        menus = self.env["website.menu"].sudo().search(
            [("website_id", "=", website.id), ("url", "in", [FORM_URL, LEGACY_FORM_URL])])
        menus.url = FORM_URL
        home = self.env["website.page"].sudo().search([("website_id", "=", website.id), ("url", "=", "/")])
        for lang, _name in self.env["res.lang"].get_installed():
            translated = self.with_context(lang=lang).env
            menus.with_context(lang=lang).name = translated._("Settle %(place)s", place=place)
            home.with_context(lang=lang).website_meta_description = translated._(
                "Settle %(place)s with the conciergerie de territoire: jobs, housing, schools, health, discovery "
                "weekends and ambassadors.", place=place)
