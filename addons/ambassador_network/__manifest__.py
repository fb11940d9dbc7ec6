{
    "name": "Réseau d'ambassadeurs",
    "summary": "Ambassadors (godparents) and welcoming families who help newcomers settle",
    "version": "19.0.1.4.0",
    "category": "Sales/CRM",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "portal"],
    "data": [
        "security/ir.model.access.csv",
        "security/ambassador_network_security.xml",
        "data/mail_activity_data.xml",
        "data/ir_cron_data.xml",
        "views/res_partner_views.xml",
        "views/territory_sponsorship_views.xml",
        "views/crm_team_views.xml",
        "views/portal_templates.xml",
        "views/ambassador_network_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
        "demo/territory_sponsorship_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "ambassador_network/static/src/js/tours/*.js",
        ],
    },
}
