from odoo import models

from ..controllers.intake import FORM_URL, LEGACY_FORM_URL


class Website(models.Model):
    _inherit = "website"

    def _present_territory(self):
        """The website names its territory (its company): the menu entry of the form and the
        home page's description, in each language of the database. Odoo copied them from the
        shipped website when this one was created."""
        for website in self:
            place = website.company_id._territory_place()
            menus = self.env["website.menu"].search(
                [("website_id", "=", website.id), ("url", "in", [FORM_URL, LEGACY_FORM_URL])])
            menus.url = FORM_URL
            home = self.env["website.page"].search([("website_id", "=", website.id), ("url", "=", "/")])
            for lang, _name in self.env["res.lang"].get_installed():
                translated = self.with_context(lang=lang).env
                menus.with_context(lang=lang).name = translated._("Settle %(place)s", place=place)
                home.with_context(lang=lang).website_meta_description = translated._(
                    "Settle %(place)s with the conciergerie de territoire: jobs, housing, schools, health, discovery "
                    "weekends and ambassadors.", place=place)
