"""19.0.1.3.0: campaigns get ``concierge_campaign``: only the conciergerie's own count in the
impact figures and the report for elected officials (not Odoo's stock campaigns). The ones the
conciergerie gave a cost or linked to journeys are its own."""


def migrate(cr, version):
    cr.execute("""
        UPDATE utm_campaign campaign
           SET concierge_campaign = TRUE
         WHERE COALESCE(campaign.concierge_cost, 0) <> 0
            OR EXISTS (SELECT 1 FROM crm_lead lead JOIN crm_team team ON team.id = lead.team_id
                        WHERE lead.campaign_id = campaign.id AND team.use_journeys)
    """)
