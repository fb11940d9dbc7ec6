from odoo import models

from ..controllers.intake import FORM_URL, LEGACY_FORM_URL

# The colours of the conciergerie's sign (dark green, river blue), for the websites of every territory.
CONCIERGERIE_PALETTE = {"o-color-1": "#1F5F57", "o-color-2": "#3D8BBF", "o-color-3": "#EEF5F0",
                        "o-color-4": "#FFFFFF", "o-color-5": "#173B36"}
# The visitor's own fonts instead of Odoo's default Google fonts: no visitor's address goes to
# Google's servers (the legal page says the site uses no third party).
SYSTEM_FONTS = dict.fromkeys(("font", "headings-font", "navbar-font", "buttons-font"), "'SYSTEM_FONTS'")


class Website(models.Model):
    _inherit = "website"

    def _use_system_fonts(self):
        for website in self:
            self.env["website.assets"].with_context(website_id=website.id).make_scss_customization(
                "/website/static/src/scss/options/user_values.scss", SYSTEM_FONTS)

    def _present_territory(self):
        """The website names its territory (its company): the menu entry of the form and the
        home page's description, in each language of the database. Odoo copied them from the
        shipped website when this one was created."""
        for website in self:
            company = website.company_id
            place = company.territory_place_label
            # Its sign instead of Odoo's "Your Logo", the conciergerie's colours instead of Odoo's,
            # and a visitor (the author of what the public form logs) named in the language of
            # the staff who made it, not "Public user for …".
            if company.logo:
                website.logo = company.logo
            self.env["website.assets"].with_context(website_id=website.id).make_scss_customization(
                "/website/static/src/scss/options/colors/user_color_palette.scss", CONCIERGERIE_PALETTE)
            website._use_system_fonts()
            if website.user_id.name.startswith("Public user for"):
                website.user_id.name = self.env._("Visitor of the website %(website)s", website=website.name)
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
