import { registry } from "@web/core/registry";
import { gearMenuActionSteps, openMenuSteps } from "@territory_concierge/js/tours/tour_menus";

// A concierge (demo login, in French) runs the partner actions that send nothing outside:
// suggest opportunities for a journey (gear menu), open the share wizard (from the journey and
// from a list selection, Actions menu), open a share, suggest journeys for a job, open a
// partner organisation. Selectors name buttons and menus; the actions of the menus are read by
// their French name.
registry.category("web_tour.tours").add("territory_partner_concierge_buttons_tour", {
    url: "/odoo/journeys",
    steps: () => [
        {
            content: "Open the Lefebvre journey from the pipeline",
            trigger: ".o_kanban_view .o_kanban_record:contains(Lefebvre)",
            run: "click",
        },
        ...gearMenuActionSteps("Suggérer des offres"),
        {
            content: "The suggestions are listed with their reasons",
            trigger: ".modal .o_form_view .o_field_widget[name=line_ids] .o_data_row",
        },
        {
            content: "Close the suggestions",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Open the share wizard from the journey",
            trigger: "body:not(:has(.modal)) .o_form_view .o_form_statusbar button[name=action_share_with_partners]",
            run: "click",
        },
        {
            content: "The wizard proposes this journey",
            trigger: ".modal .o_form_view .o_field_widget[name=journey_ids] .o_tag:contains(Lefebvre)",
        },
        {
            content: "Leave the wizard without sharing",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        ...openMenuSteps("territory_concierge.menu_concierge_journeys"),
        {
            content: "Switch to the list",
            trigger: ".o_control_panel .o_switch_view.o_list",
            run: "click",
        },
        {
            content: "Select the Lefebvre journey",
            trigger: ".o_list_view .o_data_row:contains(Lefebvre) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the Actions menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog):has(.o_dropdown_title)",
            run: "click",
        },
        {
            content: "Share the selection with partners",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Partager avec des partenaires)",
            run: "click",
        },
        {
            content: "The wizard proposes the selected journey",
            trigger: ".modal .o_form_view .o_field_widget[name=journey_ids] .o_tag:contains(Lefebvre)",
        },
        {
            content: "Leave the wizard without sharing",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        ...openMenuSteps("territory_partner.menu_shares", "territory_partner.menu_partners"),
        {
            content: "Open a share",
            trigger: ".o_list_view .o_data_row:contains(Lefebvre) .o_data_cell[name=partner_org_id]",
            run: "click",
        },
        {
            content: "The share shows what the partner sees",
            trigger: ".o_form_view .o_field_widget[name=partner_org_id]",
        },
        ...openMenuSteps("territory_partner.menu_opportunities", "territory_partner.menu_partners"),
        {
            content: "Open the aeronautics quality job",
            trigger: ".o_list_view .o_data_row:contains(qualité aéronautique) .o_data_cell[name=kind]",
            run: "click",
        },
        {
            content: "Suggest journeys for the job",
            trigger: ".o_form_view .o_form_statusbar button[name=action_suggest_journeys]",
            run: "click",
        },
        {
            content: "The suggestions are shown for this job",
            trigger: ".modal .o_form_view .o_field_widget[name=opportunity_id]:contains(qualité aéronautique)",
        },
        {
            content: "Close the suggestions",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        ...openMenuSteps("territory_partner.menu_partner_orgs", "territory_partner.menu_partners"),
        {
            content: "Open the employer AéroMarne",
            trigger: ".o_list_view .o_data_row:contains(AéroMarne Industries) .o_data_cell[name=organisation_type]",
            run: "click",
        },
        {
            content: "The organisation shows its opportunities",
            trigger: ".o_form_view button[name=action_view_partner_opportunities]",
        },
    ],
});
