from odoo import models
from odoo.fields import Domain

SHARE_MODEL = "territory.share"


class MailMessage(models.Model):
    """The thread of a shared journey is read through the share only.

    Odoo also lets a partner read a message they were notified of, or wrote, whatever
    becomes of the document; a partner contact must lose the whole thread the moment
    the share closes (consent withdrawn, journey closed), so for the messages of a
    share the share's own access (record rules: open shares of one's organisation)
    is the only way in.
    """

    _inherit = "mail.message"

    def _search(self, domain, offset=0, limit=None, order=None, *, bypass_access=False, **kwargs):
        if not (self.env.su or bypass_access):
            domain = Domain(domain) & self._readable_share_messages_domain()
        return super()._search(domain, offset, limit, order, bypass_access=bypass_access, **kwargs)

    def _readable_share_messages_domain(self):
        """Messages of other models, or of the shares the current user may read."""
        not_on_a_share = Domain("model", "!=", SHARE_MODEL) | Domain("model", "=", False)
        Share = self.env[SHARE_MODEL]
        if not Share.has_access("read"):
            return not_on_a_share
        return not_on_a_share | Domain("res_id", "in", Share._search([]))

    def _get_forbidden_access(self, operation):
        forbidden = super()._get_forbidden_access(operation)
        if self.env.su:
            return forbidden
        # sudo: the message's document is read to decide; nothing is returned from it.
        on_shares = (self - forbidden).sudo().filtered(lambda message: message.model == SHARE_MODEL)
        if not on_shares:
            return forbidden
        shares = self.env[SHARE_MODEL].browse(set(on_shares.mapped("res_id"))).exists()
        readable = set(shares._filtered_access("read").ids)
        return forbidden + self.browse(
            message.id for message in on_shares if message.res_id not in readable)
