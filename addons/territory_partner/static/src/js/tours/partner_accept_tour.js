import { registry } from "@web/core/registry";

// A partner contact opens the list of journeys shared with its organisation,
// opens one, answers that it takes it, and sees the answer recorded.
registry.category("web_tour.tours").add("territory_partner_accept_tour", {
    steps: () => [
        {
            content: "Go back to the list of shared journeys",
            trigger: ".o_portal_submenu a[href$='/my/shared-journeys']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Open the shared journey",
            trigger: ".o_portal_my_doc_table a[href*='/my/shared-journeys/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Only the shared part of the journey is shown",
            trigger: ".o_shared_section:contains(Infirmière)",
        },
        {
            content: "Write an answer for the concierge",
            trigger: ".o_share_answer textarea[name=feedback]",
            run: "edit Nous les recevons jeudi.",
        },
        {
            content: "Take the journey",
            trigger: ".o_share_answer button[value=accept]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The answer is confirmed and news can now be given",
            trigger: ".o_share_feedback",
        },
    ],
});
