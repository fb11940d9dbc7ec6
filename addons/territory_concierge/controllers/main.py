from werkzeug.exceptions import NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError
from odoo.http import content_disposition, request


class PersonalDataExport(http.Controller):

    @http.route("/territory_concierge/personal_data/<int:journey_id>", type="http", auth="user", methods=["GET"])
    def personal_data_export(self, journey_id):
        """The household's personal data, built for this request with the user's own rights and
        streamed: no copy is kept in the database (it would survive the household's erasure)."""
        journey = request.env["crm.lead"].browse(journey_id)
        try:
            filename, content = journey._personal_data_export()
        except (AccessError, MissingError):
            raise NotFound() from None
        return request.make_response(content, headers=[
            ("Content-Type", "application/json; charset=utf-8"),
            ("Content-Disposition", content_disposition(filename)),
            ("Cache-Control", "no-store"),
        ])
