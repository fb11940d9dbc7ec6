"""19.0.1.4.0: a territory is an Odoo company. The journeys teams shipped or made before had no
company (one desk per database): they belong to the main company now, and so do their journeys
(CRM gives a lead the company of its team), before the journeys' requests, consents, household
members and stage history get their stored company for the multi-company record rules."""


def migrate(cr, version):
    cr.execute("""
        UPDATE crm_team SET company_id = (SELECT id FROM res_company ORDER BY id LIMIT 1)
         WHERE use_journeys AND company_id IS NULL
    """)
    cr.execute("""
        UPDATE crm_lead lead SET company_id = team.company_id
          FROM crm_team team
         WHERE lead.team_id = team.id AND team.use_journeys
           AND lead.company_id IS DISTINCT FROM team.company_id
    """)
