from odoo import fields, models
from odoo.exceptions import UserError


class ResPartner(models.Model):
    _inherit = "res.partner"

    # The key of the family's portal page: set when the household is invited from its journey,
    # so that another lead naming the same contact later never takes the page over.
    family_journey_id = fields.Many2one(
        "crm.lead", string="Family portal journey", readonly=True, copy=False, index="btree_not_null",
        groups="territory_concierge.group_concierge_user",
        help="The journey whose household was invited to the portal with this contact: "
             "the one its page /my/journey shows.")

    def action_give_portal_access(self):
        """One click for staff: the contact (a partner's employee, an ambassador, a household)
        gets a portal account and its invitation e-mail, through Odoo's own portal wizard.

        Concierges are not contact managers: the wizard runs as superuser once the caller
        is proven to be conciergerie staff allowed to change the contact.
        """
        self.ensure_one()
        if not self.env.user.has_group("territory_concierge.group_concierge_user"):
            raise UserError(self.env._("Only conciergerie staff give portal access from here."))
        self.check_access("write")
        if not self.email:
            raise UserError(self.env._("Give %(name)s an e-mail address first: it is their login.",
                                       name=self.name))
        wizard = self.env["portal.wizard"].sudo().create({"partner_ids": [fields.Command.set(self.ids)]})
        wizard.user_ids.filtered(lambda line: not line.is_portal and not line.is_internal).action_grant_access()
        return {
            "type": "ir.actions.client", "tag": "display_notification",
            "params": {"type": "success", "next": {"type": "ir.actions.client", "tag": "soft_reload"},
                       "message": self.env._("%(name)s can now sign in to the portal.", name=self.name)},
        }
