from odoo import api, fields, models

from .territory_consent import CONSENT_PURPOSES


class TerritoryConsentWording(models.Model):
    """The sentence a household agrees to, for one purpose, in one territory: what the public
    form shows next to its boxes and what staff record by default. A recorded consent keeps
    its own copy of the wording (its proof): changing a wording here changes only the next ones."""

    _name = "territory.consent.wording"
    _inherit = ["territory.bound.mixin"]
    _description = "Consent wording"
    _order = "company_id, sequence, id"
    _rec_name = "purpose"
    _territory_parent = False

    purpose = fields.Selection(CONSENT_PURPOSES, required=True)
    wording = fields.Text(required=True, translate=True, help="The exact sentence the person agrees to.")
    company_id = fields.Many2one("res.company", "Territory", required=True, index=True,
                                 default=lambda self: self.env.company)
    sequence = fields.Integer(default=10, help="The order of the boxes on the public form.")
    active = fields.Boolean(default=True)
    on_web_form = fields.Boolean("On the public form", help="A box of the territory's public application form.")
    required_on_web_form = fields.Boolean(
        "Required on the form", help="The form is not sent without this box ticked.")

    _one_wording_per_purpose = models.UniqueIndex(
        "(company_id, purpose) WHERE active IS TRUE",
        "A territory has one wording per purpose: archive the old one first.")

    @api.model
    def _wording_of(self, company, purpose):
        """The wording a territory shows for a purpose (in the environment's language), or ''."""
        wording = self.sudo().search([("company_id", "=", company.id), ("purpose", "=", purpose)], limit=1)
        return wording.wording or ""

    @api.model
    def _web_form_boxes(self, company):
        """The boxes of a territory's public form, in order: [(purpose, required, wording)]."""
        wordings = self.sudo().search([("company_id", "=", company.id), ("on_web_form", "=", True)])
        return [(wording.purpose, wording.required_on_web_form, wording.wording) for wording in wordings]
