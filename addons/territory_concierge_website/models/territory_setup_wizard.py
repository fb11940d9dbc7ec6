from odoo import models


class TerritorySetupWizard(models.TransientModel):
    _inherit = "territory.setup.wizard"

    def _after_territory_created(self, company, team):
        """The new territory gets its own website (Odoo's multi-website): its public form takes
        households into that territory's journeys team (the website's company). Staff give it
        its domain in Website > Configuration > Websites."""
        super()._after_territory_created(company, team)
        self.env["website"].sudo().create({"name": company.name, "company_id": company.id})
