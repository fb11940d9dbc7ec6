import { registry } from "@web/core/registry";
import { gearMenuActionSteps, openMenuSteps } from "@territory_concierge/js/tours/tour_menus";

// A concierge (demo login, in French) asks for ambassadors suited to a journey (gear menu),
// then opens a sponsorship and an ambassador. Selectors name buttons and menus; the gear
// menu's action is read by its French name.
registry.category("web_tour.tours").add("ambassador_network_concierge_buttons_tour", {
    url: "/odoo/journeys",
    steps: () => [
        {
            content: "Open the Lefebvre journey from the pipeline",
            trigger: ".o_kanban_view .o_kanban_record:contains(Lefebvre)",
            run: "click",
        },
        ...gearMenuActionSteps("Suggérer des ambassadeurs"),
        {
            content: "The suggestions are shown for this journey",
            trigger: ".modal .o_form_view .o_field_widget[name=journey_id]:contains(Lefebvre)",
        },
        {
            content: "Close the suggestions",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        ...openMenuSteps("ambassador_network.menu_sponsorships"),
        {
            content: "Open the Rousseau sponsorship",
            trigger: ".o_list_view .o_data_row:contains(Rousseau) .o_data_cell[name=ambassador_id]",
            run: "click",
        },
        {
            content: "The sponsorship is shown with its state",
            trigger: ".o_form_view .o_form_statusbar .o_statusbar_status",
        },
        ...openMenuSteps("ambassador_network.menu_ambassadors"),
        {
            content: "Open the ambassador Monique Bernard",
            trigger: ".o_kanban_view .o_kanban_record:contains(Monique Bernard)",
            run: "click",
        },
        {
            content: "The ambassador's form is shown",
            trigger: ".o_form_view .o_form_sheet .o_field_widget[name=name]",
        },
    ],
});
