{
    "name": "Réseau d'ambassadeurs",
    "summary": "Ambassadors (godparents) and welcoming families who help newcomers settle",
    "version": "19.0.1.0.0",
    "category": "Sales/CRM",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "portal"],
    "data": [
        "views/res_partner_views.xml",
        "views/ambassador_network_menus.xml",
    ],
    "demo": [
        "demo/res_partner_demo.xml",
        "demo/res_users_demo.xml",
    ],
}
