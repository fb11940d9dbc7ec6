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
    # A household's contact belongs to its journey's territory (contacts without company are
    # every territory's), unless a user working elsewhere (staff, a partner's contact) has it.
    cr.execute("""
        UPDATE res_partner partner SET company_id = lead.company_id
          FROM crm_lead lead JOIN crm_team team ON team.id = lead.team_id AND team.use_journeys
         WHERE lead.partner_id = partner.id AND partner.company_id IS NULL AND NOT partner.is_company
           AND NOT EXISTS (SELECT 1 FROM res_users users WHERE users.partner_id = partner.id AND NOT users.share)
    """)
