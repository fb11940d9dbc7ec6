from odoo import models
from odoo.exceptions import AccessError

from .territory_share import OPEN_STATES


class IrBinary(models.AbstractModel):
    """Files of a shared journey's thread are downloaded while the share is open only.

    Odoo serves an attachment to whoever holds its download token (stored or signed),
    without a session; once a share is closed, only people who may still read the
    share itself (the conciergerie's staff) get its files.
    """

    _inherit = "ir.binary"

    def _find_record(self, xmlid=None, res_model="ir.attachment", res_id=None, access_token=None, field=None):
        record = super()._find_record(xmlid=xmlid, res_model=res_model, res_id=res_id,
                                      access_token=access_token, field=field)
        if record._name == "ir.attachment":
            self._check_share_attachment_access(record)
        return record

    def _check_share_attachment_access(self, attachment):
        attachment_sudo = attachment.sudo()
        Share = self.env["territory.share"]
        share_ids = {attachment_sudo.res_id} if attachment_sudo.res_model == Share._name else set()
        share_ids |= set(self.env["mail.message"].sudo().search(
            [("attachment_ids", "in", attachment_sudo.ids), ("model", "=", Share._name)]).mapped("res_id"))
        if not share_ids:
            return
        closed = Share.sudo().browse(share_ids).exists().filtered(lambda share: share.state not in OPEN_STATES)
        if closed and not closed.sudo(False).has_access("read"):
            raise AccessError(self.env._("This file belonged to a shared journey that is closed."))
