from odoo import api, fields, models


class CrmTeamMember(models.Model):
    _inherit = "crm.team.member"

    use_journeys = fields.Boolean(related="crm_team_id.use_journeys")
    # CRM's own assignment_max means "leads assigned on 30 days" for its rule-based assignment;
    # a concierge's load is the journeys she follows at once, so it gets a field of its own.
    journey_capacity = fields.Integer(
        "Open journeys at most", default=30,
        help="A concierge with this many open journeys gets no new one; among those with room, the least "
             "loaded (open journeys / capacity) gets it. 0 takes no new journey.")
    journey_open_count = fields.Integer(
        "Open journeys", compute="_compute_journey_open_count",
        help="Journeys of the team this concierge follows that are neither won nor lost.")

    @api.depends("user_id", "crm_team_id")
    def _compute_journey_open_count(self):
        counts = self._journey_open_counts()
        for member in self:
            member.journey_open_count = counts.get((member.user_id, member.crm_team_id), 0)

    def _journey_open_counts(self, excluded=None):
        """Open journeys per (user, team) of these members, ``excluded`` journeys left out.

        :return: {(res.users, crm.team): count}
        """
        domain = [("team_id", "in", self.crm_team_id.ids), ("user_id", "in", self.user_id.ids),
                  ("won_status", "=", "pending")]
        if excluded:
            domain.append(("id", "not in", excluded.ids))
        return {(user, team): count for user, team, count in self.env["crm.lead"].sudo().with_context(
            active_test=True)._read_group(domain, ["user_id", "team_id"], ["__count"])}

    def _has_room_for_journeys(self, load):
        """Whether the member may take one more journey with ``load`` open ones."""
        self.ensure_one()
        return load < self.journey_capacity
