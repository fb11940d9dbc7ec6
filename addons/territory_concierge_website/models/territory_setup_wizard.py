from odoo import models


class TerritorySetupWizard(models.TransientModel):
    _inherit = "territory.setup.wizard"

    def _after_territory_created(self, company, team):
        """The new territory gets its own website (Odoo's multi-website): its public form takes
        households into that territory's journeys team (the website's company), and its pages
        name the territory. Staff give it its domain in Website > Configuration > Websites and
        edit its pages in the website builder (each website its own copy)."""
        super()._after_territory_created(company, team)
        self.env["website"].sudo().create({"name": company.name, "company_id": company.id})._present_territory()
