import { registry } from "@web/core/registry";

function visibleStageButtons() {
    return [
        ...document.querySelectorAll(
            ".o_form_view .o_statusbar_status button.o_arrow_button:not(.dropdown-toggle)"
        ),
    ].filter((button) => button.offsetParent !== null);
}

// At the laptop width the test browser uses (1366 px), in French (the longest labels), the
// journey form's header leaves room for the stage bar: its stages are buttons, not one
// dropdown. The actions used now and then are in the gear menu.
registry.category("web_tour.tours").add("territory_concierge_journey_header_tour", {
    steps: () => [
        {
            content: "The journey form is open on its stage bar",
            trigger: ".o_form_view .o_form_statusbar .o_statusbar_status",
        },
        {
            content: "The stage bar shows several stages as buttons",
            trigger: ".o_form_view .o_statusbar_status",
            run() {
                const shown = visibleStageButtons().map((button) => button.textContent.trim());
                if (shown.length <= 3) {
                    throw new Error(`The stage bar shows ${shown.length} stage(s) only: ${shown}`);
                }
            },
        },
        {
            content: "Open the gear menu",
            trigger: ".o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: "The household's data export is in the gear menu (the tour runs in French)",
            trigger: ".o-dropdown--menu .o-dropdown-item:contains(Exporter les données personnelles)",
        },
    ],
});

// A stage gate refuses the move: once the message is closed, the stage bar shows the stage
// the journey is really in, not the refused one.
registry.category("web_tour.tours").add("territory_concierge_stage_refusal_tour", {
    steps: () => [
        {
            content: "Try to move the journey to Qualified",
            trigger: ".o_form_view .o_statusbar_status button:contains(Qualified)",
            run: "click",
        },
        {
            content: "The gate names the missing fields",
            trigger: ".modal:contains(cannot enter the stage)",
        },
        {
            content: "Close the message",
            trigger: ".modal .modal-footer .btn-primary",
            run: "click",
        },
        {
            content: "The stage bar shows the journey's real stage",
            trigger:
                ".o_form_view:not(:has(.modal)) .o_statusbar_status button.o_arrow_button_current:contains(Contacted)",
        },
        {
            content: "The refused stage is not shown as the current one",
            trigger: ".o_form_view .o_statusbar_status:not(:has(button.o_arrow_button_current:contains(Qualified)))",
        },
    ],
});
