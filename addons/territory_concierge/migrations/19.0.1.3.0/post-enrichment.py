"""19.0.1.3.0: journeys created before Odoo's lead enrichment module was installed carry no
"enriched" mark; the enrichment job would have sent their e-mail domains to Odoo's IAP service.
They are marked now (the module is a dependency from this version on)."""


def migrate(cr, version):
    cr.execute("""
        UPDATE crm_lead lead SET iap_enrich_done = TRUE
          FROM crm_team team
         WHERE team.id = lead.team_id AND team.use_journeys AND lead.iap_enrich_done IS NOT TRUE
    """)
