from collections import defaultdict

from odoo import models, tools


class IrBinary(models.AbstractModel):
    """Files of a thread opened outside the conciergerie (``territory.outside.thread``) are
    downloaded with a token while that thread is open only."""

    _inherit = "ir.binary"

    def _find_record(self, xmlid=None, res_model="ir.attachment", res_id=None, access_token=None, field=None):
        record = super()._find_record(xmlid=xmlid, res_model=res_model, res_id=res_id,
                                      access_token=access_token, field=field)
        if record._name == "ir.attachment":
            self._check_outside_thread_file(record)
        return record

    @tools.ormcache()
    def _outside_thread_models(self):
        outside = self.env.registry["territory.outside.thread"]
        return tuple(name for name, model in self.env.registry.items()
                     if not model._abstract and issubclass(model, outside))

    def _check_outside_thread_file(self, attachment):
        thread_models = list(self._outside_thread_models())
        attachment_sudo = attachment.sudo()
        records = defaultdict(set)
        if attachment_sudo.res_model in thread_models and attachment_sudo.res_id:
            records[attachment_sudo.res_model].add(attachment_sudo.res_id)
        for message in self.env["mail.message"].sudo().search(
                [("attachment_ids", "in", attachment_sudo.ids), ("model", "in", thread_models)]):
            records[message.model].add(message.res_id)
        for model, ids in records.items():
            self.env[model].browse(ids)._check_files_still_served()
