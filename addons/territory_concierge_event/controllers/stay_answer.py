from odoo import http
from odoo.http import request


class StayAnswer(http.Controller):
    """The household answers its invitation from the e-mail, without an account: the link
    carries the registration's secret token, checked before anything is read or written."""

    @http.route("/stay/answer/<int:registration_id>/<string:token>/<string:answer>", type="http",
                auth="public", website=True, methods=["GET"], sitemap=False)
    def stay_answer(self, registration_id, token, answer, **kw):
        if answer not in ("yes", "no"):
            raise request.not_found()
        registration = request.env["event.registration"].browse(registration_id).sudo().exists()
        if not registration or not registration.with_user(request.env.user)._set_answer_from_link(token, answer):
            raise request.not_found()
        return request.render("territory_concierge_event.stay_answer_page", {
            "registration": registration, "answer": answer})
