"""19.0.1.3.0: the household's portal (/my/journey, "Inviter le foyer sur le portail", the key
``res.partner.family_journey_id``) moves from ambassador_network to the core.

Before the core loads its data, its records of the ambassador module become the core's: the same
rows (the page, the gear-menu action, the field and its column, its foreign key) change owner
instead of being deleted by the ambassador module's update and created again; the households'
keys (``family_journey_id``) and the pages' links stay as they are."""

MOVED = {
    "ir.ui.view": ["portal_my_journey"],
    "ir.actions.server": ["crm_lead_action_server_invite_family_to_portal"],
    "ir.model.fields": ["field_res_partner__family_journey_id", "field_res_users__family_journey_id"],
}


def migrate(cr, version):
    for model, names in MOVED.items():
        cr.execute("""
            UPDATE ir_model_data SET module = 'territory_concierge'
             WHERE module = 'ambassador_network' AND model = %s AND name IN %s
               AND NOT EXISTS (SELECT 1 FROM ir_model_data core
                                WHERE core.module = 'territory_concierge' AND core.name = ir_model_data.name)
        """, [model, tuple(names)])
    cr.execute("""
        UPDATE ir_ui_view SET key = 'territory_concierge.' || substr(key, length('ambassador_network.') + 1)
         WHERE key IN %s
    """, [tuple(f"ambassador_network.{name}" for name in MOVED["ir.ui.view"])])
    # The field's foreign key belongs to the module that owns the field (dropped with it only).
    cr.execute("""
        UPDATE ir_model_constraint SET module = (SELECT id FROM ir_module_module WHERE name = 'territory_concierge')
         WHERE name = 'res_partner_family_journey_id_fkey'
           AND module = (SELECT id FROM ir_module_module WHERE name = 'ambassador_network')
    """)
