from odoo import api, fields, models
from odoo.exceptions import ValidationError

from ..intake_rules import simplify
from .crm_lead import MOTIVATIONS, PROJECT_HORIZONS

WORD_KINDS = [("profile", "Profile"), ("horizon", "Project horizon"), ("motivation", "Motivation")]


class TerritoryIntakeWord(models.Model):
    """A word of the files and forms households come from (campaign exports, partners' lists),
    and what it means for a journey: "soignant" is the profile Health worker, "moins d'un an"
    the horizon 6 to 12 months. Every intake channel reads them; managers add their own."""

    _name = "territory.intake.word"
    _description = "Intake vocabulary"
    _order = "kind, word"
    _rec_name = "word"

    word = fields.Char(required=True, help="As written in the files; case, accents and punctuation are ignored.")
    key = fields.Char(compute="_compute_key", store=True, index=True)
    kind = fields.Selection(WORD_KINDS, "Meaning", required=True, default="profile")
    profile_id = fields.Many2one("territory.profile", ondelete="cascade")
    project_horizon = fields.Selection(PROJECT_HORIZONS, "Project horizon")
    motivation = fields.Selection(MOTIVATIONS)
    active = fields.Boolean(default=True)

    _kind_key_unique = models.Constraint("UNIQUE(kind, key)", "This word already has a meaning of this kind.")

    @api.depends("word")
    def _compute_key(self):
        for word in self:
            word.key = simplify(word.word)

    @api.constrains("kind", "profile_id", "project_horizon", "motivation", "key")
    def _check_target(self):
        for word in self:
            if not word.key:
                raise ValidationError(self.env._("A word needs at least one letter or digit."))
            target = {"profile": word.profile_id, "horizon": word.project_horizon,
                      "motivation": word.motivation}[word.kind]
            if not target:
                raise ValidationError(self.env._("Say what the word “%(word)s” means.", word=word.word))

    @api.model
    def _intake_vocabulary(self):
        """{kind: {simplified word: value}}: profile ids, horizon and motivation codes. The codes
        themselves (a profile's code, a selection key) are understood too."""
        vocabulary = {
            "profile": {simplify(profile.code): profile.id
                        for profile in self.env["territory.profile"].search([("code", "!=", False)])},
            "horizon": {simplify(code): code for code, _label in PROJECT_HORIZONS},
            "motivation": {simplify(code): code for code, _label in MOTIVATIONS},
        }
        for word in self.search([("key", "!=", False)]):
            vocabulary[word.kind][word.key] = {"profile": word.profile_id.id, "horizon": word.project_horizon,
                                               "motivation": word.motivation}[word.kind]
        return vocabulary
