{
    "name": "Conciergerie de territoire: formulaire public",
    "summary": "Public application form \"S'installer en Haute-Marne\" creating newcomer journeys",
    "version": "19.0.1.1.0",
    "category": "Website",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "website", "website_crm"],
    "data": [
        "security/ir.model.access.csv",
        "security/territory_concierge_website_security.xml",
        "data/utm_source_data.xml",
        "data/mail_template_data.xml",
        "data/website_menu_data.xml",
        "data/website_assets_data.xml",
        "views/intake_templates.xml",
        "views/website_layout_templates.xml",
        "views/website_pages.xml",
        "views/territory_intake_submission_views.xml",
    ],
    "demo": [
        "demo/website_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "territory_concierge_website/static/src/js/tours/*.js",
        ],
    },
    "auto_install": True,
}
