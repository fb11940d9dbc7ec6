{
    "name": "Conciergerie : partenaires",
    "summary": "Partner organisations, territory opportunities, matching, consent-gated sharing of "
               "journeys and the partner portal",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "portal"],
    "data": [
        "security/territory_partner_security.xml",
        "security/ir.model.access.csv",
        "wizard/territory_share_wizard_views.xml",
        "wizard/territory_match_wizard_views.xml",
        "views/res_partner_views.xml",
        "views/territory_opportunity_views.xml",
        "views/territory_share_views.xml",
        "views/crm_lead_views.xml",
        "views/territory_partner_menus.xml",
        "views/portal_templates.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/territory_opportunity_demo.xml",
        "demo/territory_share_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "territory_partner/static/src/js/tours/*.js",
        ],
    },
}
