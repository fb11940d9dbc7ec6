from odoo import models
from odoo.exceptions import AccessError


class TerritoryOutsideThread(models.AbstractModel):
    """A record whose thread the conciergerie opens to people outside it (a partner
    organisation's contacts on a share, an ambassador on a sponsorship) while it lasts.

    Odoo serves an attachment to whoever holds its download token (stored or signed), without
    a session. Once the record is closed, its files are served only to people who may still
    read the record itself (the conciergerie's staff): ``ir.binary`` asks
    :meth:`_files_no_longer_served`, which each model extends, and closing clears the stored
    tokens (:meth:`_withdraw_file_links`).
    """

    _name = "territory.outside.thread"
    _description = "Thread opened outside the conciergerie"

    def _files_no_longer_served(self):
        """The records of ``self`` whose files token holders no longer get (closed ones)."""
        return self.browse()

    def _thread_attachments(self):
        """The files of the records' threads: attached to the records or to their messages."""
        return self.env["ir.attachment"].sudo().search([
            ("res_model", "=", self._name), ("res_id", "in", self.ids)]) | self.sudo().message_ids.attachment_ids

    def _withdraw_file_links(self):
        """Links e-mailed with a download token stop working (``ir.binary`` also refuses the
        signed tokens of the chatter)."""
        self._thread_attachments().write({"access_token": False})

    def _check_files_still_served(self):
        """:raise AccessError: a record of ``self`` (the threads a file belongs to) is closed,
        and the current user may not read it"""
        closed = self.sudo().exists()._files_no_longer_served()
        if closed and not closed.sudo(False).has_access("read"):
            raise AccessError(self.env._("This file belonged to a conversation that is closed."))
