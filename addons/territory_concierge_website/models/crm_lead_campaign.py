from odoo import api, fields, models

UTM_FIELDS = ("campaign_id", "source_id", "medium_id")


class CrmLead(models.Model):
    _inherit = "crm.lead"

    visitor_campaign = fields.Char(
        "Campaign named by the visitor's link", readonly=True, copy=False,
        help="The utm_campaign of the link the household followed to the public form, as typed in the "
             "link. Only text: a visitor's link never creates a campaign; the journey's campaign is set "
             "when the conciergerie created one of that name.")

    @api.model
    def default_get(self, fields_list):
        """Odoo's utm.mixin reads the visitor's utm_* cookies on a record's creation and creates the
        campaign, source or medium they name when it does not exist. A journey of the public form
        gets its UTM values from the form's controller only (records the conciergerie created): its
        creation (context ``territory_intake``) never reads the cookies."""
        if self.env.context.get("territory_intake"):
            fields_list = [name for name in fields_list if name not in UTM_FIELDS]
        return super().default_get(fields_list)
