import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("territory_concierge_impact_dashboard_tour", {
    url: "/odoo/impact",
    steps: () => [
        {
            content: "The funnel starts with the first stage of the pipeline",
            trigger: ".o_territory_impact_dashboard .o_impact_funnel tbody tr:first td:first",
        },
        {
            content: "Retention, costs, backlog and end reasons are on the same screen",
            trigger: ".o_territory_impact_dashboard:has(.o_impact_retention):has(.o_impact_campaigns):has(.o_impact_backlog):has(.o_impact_lost)",
        },
        {
            content: "Filter on a campaign",
            trigger: ".o_impact_campaign",
            run: "edit Campagne inconnue",
        },
        {
            content: "Refresh",
            trigger: ".o_impact_refresh",
            run: "click",
        },
        {
            content: "An unknown campaign has no journey",
            trigger: ".o_impact_funnel tbody tr:first td:eq(1):contains(0)",
        },
    ],
});
