import { browser } from "@web/core/browser/browser";
import { registry } from "@web/core/registry";
import { gearMenuActionSteps, openMenuSteps } from "@territory_concierge/js/tours/tour_menus";

// The actions of the core, run by the role that uses them (the demo logins, in French):
// selectors name buttons and menus; the gear menu's actions are read by their French name.

let exportUrl = null;

// A concierge opens a journey from the pipeline, exports its personal data (a download,
// fetched here with the concierge's own session) and opens a household request.
registry.category("web_tour.tours").add("territory_concierge_concierge_buttons_tour", {
    url: "/odoo/journeys",
    steps: () => [
        {
            content: "Open the Lefebvre journey from the pipeline",
            trigger: ".o_kanban_view .o_kanban_record:contains(Lefebvre)",
            run: "click",
        },
        {
            content: "Catch the download that the export opens in a new tab",
            trigger: ".o_form_view .o_form_statusbar",
            run() {
                exportUrl = null;
                browser.open = (url) => {
                    exportUrl = url;
                    document.body.classList.add("o_territory_export_opened");
                    return { closed: false };
                };
            },
        },
        ...gearMenuActionSteps("Exporter les données personnelles"),
        {
            content: "The export is a download of the journey's data, readable by the concierge",
            trigger: "body.o_territory_export_opened .o_form_view",
            async run() {
                if (!exportUrl || !/^\/territory_concierge\/personal_data\/\d+$/.test(exportUrl)) {
                    throw new Error(`Unexpected export URL: ${exportUrl}`);
                }
                const response = await fetch(exportUrl);
                const disposition = response.headers.get("Content-Disposition") || "";
                if (!response.ok || !disposition.includes("attachment")) {
                    throw new Error(`The export answered ${response.status} (${disposition})`);
                }
                await response.json();
            },
        },
        ...openMenuSteps("territory_concierge.menu_concierge_requests"),
        {
            content: "Open a request",
            trigger: ".o_list_view .o_data_row:contains(école) .o_data_cell[name=type_id]",
            run: "click",
        },
        {
            content: "The request form is shown with its buttons",
            trigger: ".o_form_view .o_form_statusbar button[name=action_cancel]",
        },
    ],
});

// The manager opens a stage from its pipeline column, the stages of the pipeline, one stage
// (its gate), then the settings and the preview of the next anonymisation run.
registry.category("web_tour.tours").add("territory_concierge_manager_config_tour", {
    url: "/odoo/journeys",
    steps: () => [
        {
            content: "Open the settings of the first column of the pipeline",
            trigger: ".o_kanban_view .o_kanban_group:first .o_kanban_header",
            run: "hover && click .o_kanban_view .o_kanban_group:first .o_kanban_header .o_group_config button",
        },
        {
            content: "Open the stage from its column",
            trigger: ".o-dropdown--group-config-menu .o_group_edit",
            run: "click",
        },
        {
            content: "The stage opens in a dialog",
            trigger: ".modal .o_form_view .o_field_widget[name=name]",
        },
        {
            content: "Close the stage",
            trigger: ".modal .modal-header .btn-close",
            run: "click",
        },
        ...openMenuSteps("territory_concierge.menu_concierge_stages", "territory_concierge.menu_concierge_config"),
        {
            content: "Open the stage Qualified",
            trigger: ".o_list_view .o_data_row:contains(Qualifié) .o_data_cell[name=name]",
            run: "click",
        },
        {
            content: "The stage form shows the gate fields",
            trigger: ".o_form_view .o_field_widget[name=required_field_ids]",
        },
        ...openMenuSteps("territory_concierge.menu_concierge_settings", "territory_concierge.menu_concierge_config"),
        {
            content: "The settings of the journeys team are shown",
            trigger: ".o_form_view .o_field_widget[name=score_weight_horizon] input",
        },
        {
            content: "Preview the journeys the next retention run will anonymise",
            trigger: ".o_form_view button[name=action_view_retention_preview]",
            run: "click",
        },
        {
            content: "The preview lists journeys (or says there are none)",
            trigger: ".o_action_manager .o_list_view",
        },
    ],
});
