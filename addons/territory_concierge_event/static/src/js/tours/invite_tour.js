import { registry } from "@web/core/registry";

// A concierge selects two journeys in the pipeline's list and invites them to a weekend.
registry.category("web_tour.tours").add("territory_concierge_event_invite_tour", {
    steps: () => [
        {
            content: "Select the first household",
            trigger: ".o_data_row:contains(Famille Alpha) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Select the second household",
            trigger: ".o_data_row:contains(Famille Beta) .o_list_record_selector input",
            run: "click",
        },
        {
            content: "Open the actions",
            trigger: ".o_cp_action_menus i.fa-cog",
            run: "click",
        },
        {
            content: "Invite them to a discovery stay",
            // The action menu items carry no identifier: the label, in either language of the project.
            trigger: ".dropdown-menu .o_menu_item:contains(Invite to a discovery stay), " +
                ".dropdown-menu .o_menu_item:contains(Inviter à un séjour découverte)",
            run: "click",
        },
        {
            content: "Choose the stay",
            trigger: ".modal .o_field_widget[name=event_id] input",
            run: "edit Week-end découverte test",
        },
        {
            content: "Pick it in the list",
            trigger: ".o-autocomplete--dropdown-item:contains(Week-end découverte test)",
            run: "click",
        },
        {
            content: "Send the invitations",
            trigger: ".modal button[name=action_invite]",
            run: "click",
        },
        {
            content: "The invitations are sent",
            trigger: ".o_notification:contains(Week-end découverte test)",
        },
    ],
});
