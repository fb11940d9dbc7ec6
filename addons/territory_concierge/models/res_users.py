from odoo import api, models


class ResUsers(models.Model):
    _inherit = "res.users"

    @api.model_create_multi
    def create(self, vals_list):
        users = super().create(vals_list)
        users._set_journeys_home_action()
        return users

    def write(self, vals):
        result = super().write(vals)
        if "group_ids" in vals:
            self._set_journeys_home_action()
        return result

    def _set_journeys_home_action(self):
        """Conciergerie staff land on the journeys pipeline after login, not on Discuss.

        Only users without a home action of their own get it: a choice made in the user's
        form stays.
        """
        staff = self.filtered(lambda user: not user.action_id and not user.share
                              and user.has_group("territory_concierge.group_concierge_user"))
        if staff:
            staff.sudo().action_id = self.env.ref("territory_concierge.crm_lead_action_journeys").id
