import { registry } from "@web/core/registry";
import { openMenuSteps } from "@territory_concierge/js/tours/tour_menus";

// A concierge (demo login, in French) opens a discovery stay from the menu, one of its
// registrations, and has meetings suggested for the household. Selectors name buttons,
// fields and menus, not their words.
registry.category("web_tour.tours").add("territory_concierge_event_concierge_buttons_tour", {
    url: "/odoo/journeys",
    steps: () => [
        ...openMenuSteps("territory_concierge_event.menu_stays"),
        {
            content: "Open the Lefebvre visit",
            trigger: ".o_list_view .o_data_row:contains(Lefebvre) .o_data_cell[name=stay_kind]",
            run: "click",
        },
        {
            content: "Open its registrations",
            trigger: ".o_form_view .oe_stat_button:has(.o_field_widget[name=seats_taken])",
            run: "click",
        },
        {
            content: "Open the Lefebvre registration",
            trigger: ".o_list_view .o_data_row:contains(Lefebvre) .o_data_cell",
            run: "click",
        },
        {
            content: "Suggest meetings",
            trigger: ".o_form_view .o_form_statusbar button[name=action_suggest_itinerary]",
            run: "click",
        },
        {
            content: "Open the discovery stay tab",
            trigger: ".o_form_view .o_notebook .nav-link[name=discovery_stay]",
            run: "click",
        },
        {
            content: "The itinerary lists its meetings",
            trigger: ".o_form_view .o_field_widget[name=stay_slot_ids] .o_data_row",
        },
    ],
});
