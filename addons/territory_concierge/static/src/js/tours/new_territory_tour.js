import { registry } from "@web/core/registry";

import { openMenuSteps } from "@territory_concierge/js/tours/tour_menus";

// A manager creates a second territory from Configuration > New territory and lands on its
// desk's settings (its own journeys team, with the settings copied from the template).
registry.category("web_tour.tours").add("territory_concierge_new_territory_tour", {
    url: "/odoo/journeys",
    steps: () => [
        ...openMenuSteps("territory_concierge.menu_concierge_new_territory", "territory_concierge.menu_concierge_config"),
        {
            content: "Name the territory",
            trigger: ".modal .o_field_widget[name=name] input",
            run: "edit Vosges",
        },
        {
            content: "It covers the Vosges département",
            trigger: ".modal .o_field_widget[name=departement_codes] input",
            run: "edit 88",
        },
        {
            content: "Its desk writes from its own address",
            trigger: ".modal .o_field_widget[name=email] input",
            run: "edit accueil@vosges.example",
        },
        {
            content: "Create the territory",
            trigger: ".modal .modal-footer button[name=action_create]",
            run: "click",
            // The web client reloads in the new territory.
            expectUnloadPage: true,
        },
        {
            content: "The new desk's settings open, copied from the first one",
            trigger: "body:not(:has(.modal)) .o_form_view .o_field_widget[name=name]:contains(Vosges)",
        },
        {
            content: "Its priority-score weights are there to edit",
            trigger: ".o_form_view .o_field_widget[name=score_weight_horizon] input",
        },
    ],
});
