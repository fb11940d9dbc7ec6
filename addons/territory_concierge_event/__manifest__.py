{
    "name": "Conciergerie : séjours découverte",
    "summary": "Discovery stays on Odoo Events: invitations from the pipeline, answers by link, "
               "attendance, each family's itinerary (PDF), feedback survey and the stay report",
    "version": "19.0.1.2.0",
    "category": "Sales/CRM",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "territory_partner", "event", "survey"],
    "data": [
        "security/res_groups.xml",
        "security/ir.model.access.csv",
        "security/territory_concierge_event_security.xml",
        "data/event_type_data.xml",
        "data/survey_data.xml",
        "report/stay_itinerary_report.xml",
        "data/mail_template_data.xml",
        "data/ir_cron_data.xml",
        "wizard/territory_stay_invite_wizard_views.xml",
        "views/event_event_views.xml",
        "views/event_registration_views.xml",
        "views/crm_lead_views.xml",
        "views/stay_answer_templates.xml",
        "views/portal_templates.xml",
        "views/territory_concierge_event_menus.xml",
    ],
    "post_init_hook": "give_each_registration_its_own_token",
    "demo": [
        "demo/event_event_demo.xml",
    ],
    "assets": {
        "web.assets_tests": [
            "territory_concierge_event/static/src/js/tours/*.js",
        ],
    },
}
