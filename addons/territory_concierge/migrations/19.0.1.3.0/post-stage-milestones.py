"""19.0.1.3.0: the figures, retention and stays follow the stages' milestones and the end reasons'
"left after installation" flag instead of the shipped records' xml ids. The shipped stages and
end reason are noupdate data: a database installed before gets their milestones here (only
where staff have not set one)."""

MILESTONES = {
    "stage_contacted": "contacted",
    "stage_qualified": "qualified",
    "stage_discovery_stay": "stay",
    "stage_installed": "installed",
    "stage_settled": "settled",
}


def migrate(cr, version):
    for name, milestone in MILESTONES.items():
        cr.execute("""
            UPDATE crm_stage stage SET milestone = %s
              FROM ir_model_data data
             WHERE data.module = 'territory_concierge' AND data.name = %s
               AND data.model = 'crm.stage' AND data.res_id = stage.id AND stage.milestone IS NULL
        """, [milestone, name])
    cr.execute("""
        UPDATE crm_lost_reason reason SET is_departure = TRUE
          FROM ir_model_data data
         WHERE data.module = 'territory_concierge' AND data.name = 'lost_reason_left_after_installation'
           AND data.model = 'crm.lost.reason' AND data.res_id = reason.id
    """)
