import { registry } from "@web/core/registry";

// A concierge creates a journey from the pipeline, is refused the move to
// "Qualified" while the household and horizon are missing, fills them, moves it.
registry.category("web_tour.tours").add("territory_concierge_journey_tour", {
    url: "/odoo/journeys",
    steps: () => [
        {
            content: "The journeys pipeline starts with Contacted",
            trigger: ".o_kanban_view .o_kanban_group:first .o_column_title:contains(Contacted)",
        },
        {
            content: "Create a journey",
            trigger: ".o-kanban-button-new",
            run: "click",
        },
        {
            content: "Name the household",
            trigger: ".o_kanban_quick_create .o_field_widget[name=name] input",
            run: "edit Famille Tournesol",
        },
        {
            content: "Add it to the pipeline",
            trigger: ".o_kanban_quick_create .o_kanban_add",
            run: "click",
        },
        {
            content: "Open the new journey",
            trigger: ".o_kanban_group:first .o_kanban_record:contains(Famille Tournesol)",
            run: "click",
        },
        {
            content: "Try to move it to Qualified",
            trigger: ".o_form_view .o_statusbar_status button:contains(Qualified)",
            run: "click",
        },
        {
            content: "The gate names the missing fields",
            trigger: ".modal:contains(cannot enter the stage):contains(Household):contains(Project horizon)",
        },
        {
            content: "The statusbar shows the journeys pipeline only",
            trigger: ".o_statusbar_status:not(:has(button:contains(Proposition)))",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "Open the Project tab",
            trigger: ".o_notebook .nav-link[name=project]",
            run: "click",
        },
        {
            content: "Open the project horizon choices",
            trigger: ".o_field_widget[name=project_horizon] .o_select_menu_toggler",
            run: "click",
        },
        {
            content: "The household wants to move within 6 months",
            trigger: ".o_select_menu_item:contains(Within 6 months)",
            run: "click",
        },
        {
            // The choice applies asynchronously: leaving the tab before it does loses it.
            content: "The horizon is set",
            trigger: ".o_field_widget[name=project_horizon]:has(input:value(Within 6 months)), "
                + ".o_field_widget[name=project_horizon]:has(.o_select_menu_toggler_slot:contains(Within 6 months))",
        },
        {
            content: "Open the Household tab",
            trigger: ".o_notebook .nav-link[name=household]",
            run: "click",
        },
        {
            content: "Add a member",
            trigger: ".o_field_widget[name=household_member_ids] .o_field_x2many_list_row_add a",
            run: "click",
        },
        {
            content: "First name of the adult",
            trigger: ".o_field_widget[name=household_member_ids] .o_data_row .o_field_widget[name=name] input",
            run: "edit Claire",
        },
        {
            content: "Move it to Qualified again: the form is saved and the journey enters Qualified",
            trigger: ".o_form_view .o_statusbar_status button:contains(Qualified)",
            run: "click",
        },
        {
            content: "The journey is qualified",
            trigger: ".o_form_saved .o_statusbar_status button.o_arrow_button_current:contains(Qualified)",
        },
    ],
});
