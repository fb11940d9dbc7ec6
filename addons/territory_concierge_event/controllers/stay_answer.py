from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

ANSWERS = ("yes", "no")


class StayAnswer(http.Controller):
    """The household answers its invitation from the e-mail, without an account: the link
    carries the registration's secret token, checked before anything is read or written.

    Opening the link (GET, or HEAD: mail scanners and link previews open links) only shows the
    question with a button; the answer is the form's POST (CSRF-checked).
    """

    @http.route("/stay/answer/<int:registration_id>/<string:token>/<string:answer>", type="http",
                auth="public", website=True, methods=["GET", "POST"], sitemap=False)
    def stay_answer(self, registration_id, token, answer, **kw):
        if answer not in ANSWERS:
            raise request.not_found()
        registration_sudo = request.env["event.registration"].sudo().browse(registration_id).exists()
        if not registration_sudo or not registration_sudo._check_answer_token(token):
            raise request.not_found()
        # The pages speak the invitation's language.
        request.update_context(lang=registration_sudo._answer_lang())
        registration_sudo = registration_sudo.with_env(request.env(su=True))
        values = {"registration": registration_sudo, "answer": answer,
                  "answer_url": f"/stay/answer/{registration_id}/{token}/{answer}"}
        if request.httprequest.method == "POST":
            try:
                refusal = registration_sudo.with_user(request.env.user)._set_answer_from_link(token, answer)
            except UserError:
                raise request.not_found() from None
            if refusal:
                return request.render("territory_concierge_event.stay_answer_refused", {**values, "refusal": refusal},
                                      status=409)
            return request.render("territory_concierge_event.stay_answer_page", values)
        refusal = registration_sudo._answer_refusal()
        if refusal:
            return request.render("territory_concierge_event.stay_answer_refused", {**values, "refusal": refusal},
                                  status=409)
        return request.render("territory_concierge_event.stay_answer_confirm", values)
