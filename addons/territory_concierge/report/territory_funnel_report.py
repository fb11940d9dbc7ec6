from odoo import fields, models, tools
from odoo.tools import SQL

# The days a journey spent in a stage, over its stays there (rows of crm_lead_stage_history
# grouped by journey and stage): none while it is still there, and none for a stage only
# jumped over, which would otherwise pull every median and average towards 0.
DAYS_IN_STAGE = SQL("""
    CASE WHEN BOOL_OR(history.date_left IS NULL) OR BOOL_AND(history.skipped) THEN NULL
         ELSE SUM(EXTRACT(EPOCH FROM history.date_left - history.date_entered)) / 86400.0 END""")


class TerritoryFunnelReport(models.Model):
    """One row per journey and stage it reached: the funnel, as an Odoo report.

    Counting the rows of a stage gives how many journeys *reached* it, lost ones
    included at the stages they reached, imports and jumps included (see
    crm.lead.stage.history).
    """

    _name = "territory.funnel.report"
    _description = "Journeys funnel"
    _auto = False
    _order = "stage_sequence, journey_id"
    _rec_name = "stage_id"

    journey_id = fields.Many2one("crm.lead", readonly=True)
    stage_id = fields.Many2one("crm.stage", string="Stage reached", readonly=True)
    stage_sequence = fields.Integer(readonly=True)
    journey_count = fields.Integer("Journeys", readonly=True, aggregator="sum")
    date_entered = fields.Datetime("Entered on", readonly=True)
    date_left = fields.Datetime("Left on", readonly=True)
    days_in_stage = fields.Float("Days in stage", readonly=True, aggregator="avg",
                                 help="Empty while the journey is still in the stage, and for a stage it "
                                      "jumped over (reached without spending any time in it).")
    skipped = fields.Boolean("Reached by a jump", readonly=True)
    first_contact_date = fields.Date("First contact", readonly=True)
    campaign_id = fields.Many2one("utm.campaign", readonly=True)
    source_id = fields.Many2one("utm.source", readonly=True)
    user_id = fields.Many2one("res.users", string="Concierge", readonly=True)
    team_id = fields.Many2one("crm.team", readonly=True)
    company_id = fields.Many2one("res.company", string="Territory", readonly=True)
    is_lost = fields.Boolean("Lost", readonly=True)
    is_furthest = fields.Boolean("Furthest stage", readonly=True)
    lost_reason_id = fields.Many2one("crm.lost.reason", string="End reason", readonly=True,
                                     help="On the row of the furthest stage of a lost journey.")
    profile_ids = fields.Many2many(related="journey_id.profile_ids", string="Profiles")

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        self.env.cr.execute(SQL("""
            CREATE OR REPLACE VIEW %(view)s AS (
                SELECT MIN(history.id) AS id,
                       history.journey_id,
                       history.stage_id,
                       stage.sequence AS stage_sequence,
                       1 AS journey_count,
                       MIN(history.date_entered) AS date_entered,
                       CASE WHEN BOOL_OR(history.date_left IS NULL) THEN NULL
                            ELSE MAX(history.date_left) END AS date_left,
                       %(days_in_stage)s AS days_in_stage,
                       BOOL_AND(history.skipped) AS skipped,
                       lead.first_contact_date,
                       lead.campaign_id,
                       lead.source_id,
                       lead.user_id,
                       lead.team_id,
                       lead.company_id,
                       lead.won_status = 'lost' AS is_lost,
                       lead.furthest_stage_id = history.stage_id AS is_furthest,
                       CASE WHEN lead.won_status = 'lost' AND lead.furthest_stage_id = history.stage_id
                            THEN lead.lost_reason_id END AS lost_reason_id
                  FROM crm_lead_stage_history history
                  JOIN crm_lead lead ON lead.id = history.journey_id
                  JOIN crm_stage stage ON stage.id = history.stage_id
                 WHERE lead.is_journey
              GROUP BY history.journey_id, history.stage_id, stage.sequence, lead.id
            )
        """, view=SQL.identifier(self._table), days_in_stage=DAYS_IN_STAGE))
