"""19.0.1.4.0: a territory is an Odoo company. Ambassadors recruited before belonged to no
company (one desk per database): they belong to the main company now, the territory of the
journeys teams made before (see territory_concierge's 19.0.1.4.0), so that another territory's
staff never see them nor propose them."""


def migrate(cr, version):
    cr.execute("""
        UPDATE res_partner SET company_id = (SELECT id FROM res_company ORDER BY id LIMIT 1)
         WHERE is_ambassador AND company_id IS NULL
    """)
