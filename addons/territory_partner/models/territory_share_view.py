from odoo import fields, models


class TerritoryShareView(models.Model):
    """Audit trail: who at the partner organisation opened a shared journey, and when."""

    _name = "territory.share.view"
    _description = "Shared journey viewed by a partner"
    _order = "date desc, id desc"
    _log_access = False

    share_id = fields.Many2one("territory.share", required=True, index=True, ondelete="cascade")
    company_id = fields.Many2one(related="share_id.company_id", store=True, index=True, string="Territory")
    user_id = fields.Many2one("res.users", "Viewed by", required=True, ondelete="cascade")
    date = fields.Datetime("Viewed on", required=True, default=fields.Datetime.now)
