from odoo import api, fields, models


class TerritoryHouseholdMember(models.Model):
    """One person of a newcomer household (foyer): an adult or a child."""

    _name = "territory.household.member"
    _inherit = ["territory.bound.mixin"]
    _description = "Household member"
    _order = "journey_id, role, age desc, id"

    journey_id = fields.Many2one("crm.lead", required=True, index=True, ondelete="cascade")
    # The journey's territory, stored for the multi-company record rule.
    company_id = fields.Many2one(related="journey_id.company_id", store=True, index=True, string="Territory")
    name = fields.Char("First name")
    role = fields.Selection([("adult", "Adult"), ("child", "Child")], required=True, default="adult")
    age = fields.Integer()
    occupation = fields.Char("Current occupation")
    job_sought = fields.Char("Job sought")
    sector = fields.Char()
    has_job_lead = fields.Boolean(
        "Job lead", help="A concrete lead (offer, employer contact, business to take over) exists in the territory.")
    job_found = fields.Boolean("Job found")

    @api.depends("name", "role", "age")
    def _compute_display_name(self):
        roles = dict(self._fields["role"]._description_selection(self.env))
        for member in self:
            label = member.name or roles.get(member.role, "")
            member.display_name = f"{label} ({member.age})" if member.age else label
