{
    "name": "Conciergerie de territoire: lettre d'information",
    "summary": "The conciergerie's newsletter on Email Marketing, kept in sync with the households' consents",
    "version": "19.0.1.0.0",
    "category": "Marketing/Email Marketing",
    "author": "Conciergerie de territoire",
    "website": "https://github.com/conciergerie-territoire/conciergerie",
    "license": "LGPL-3",
    "depends": ["territory_concierge", "mass_mailing"],
    "data": [
        "data/mailing_list_data.xml",
    ],
    "post_init_hook": "post_init_hook",
    # A glue module: installing Email Marketing on a conciergerie's database brings it, so that
    # the newsletter list always follows the consents (no list without the sync).
    "auto_install": True,
}
