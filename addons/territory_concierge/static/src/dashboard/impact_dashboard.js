import { Component, onWillStart, useState } from "@odoo/owl";
import { registry } from "@web/core/registry";
import { useService } from "@web/core/utils/hooks";
import { standardActionServiceProps } from "@web/webclient/actions/action_service";

/**
 * The manager's screen: funnel, end reasons, cost per campaign, retention of the
 * installed households and the activity backlog per concierge, on one page.
 * Figures come from territory.impact.report.get_dashboard (the same as the PDF
 * report for elected officials and the KPI export); they are shown as the server
 * wrote them for the report ("report": masked, formatted in the user's language,
 * charts drawn as SVG), so that the screen and the PDF read the same.
 */
export class ImpactDashboard extends Component {
    static template = "territory_concierge.ImpactDashboard";
    static props = { ...standardActionServiceProps };

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.state = useState({ kpis: null, since: "", until: "", campaign: "" });
        onWillStart(() => this.load());
    }

    async load() {
        this.state.kpis = await this.orm.call("territory.impact.report", "get_dashboard", [], {
            since: this.state.since || null,
            until: this.state.until || null,
            campaign: this.state.campaign || null,
        });
    }

    printReport() {
        return this.action.doAction({
            type: "ir.actions.report",
            report_type: "qweb-pdf",
            report_name: "territory_concierge.report_impact_document",
            report_file: "territory_concierge.report_impact_document",
            data: { filters: this.filters },
        });
    }

    get filters() {
        return { since: this.state.since || null, until: this.state.until || null,
                 campaign: this.state.campaign || null };
    }

    openFunnel() {
        return this.action.doAction("territory_concierge.territory_funnel_report_action");
    }
}

registry.category("actions").add("territory_concierge.impact_dashboard", ImpactDashboard);
