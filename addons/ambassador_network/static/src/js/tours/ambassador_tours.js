import { registry } from "@web/core/registry";

// An ambassador opens the household they sponsor and logs a meeting.
registry.category("web_tour.tours").add("ambassador_network_log_meeting_tour", {
    steps: () => [
        {
            content: "Open the sponsored household",
            trigger: ".o_portal_my_doc_table a[href*='/my/sponsorships/']",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "Say how they are doing",
            trigger: ".o_sponsorship_meeting textarea[name=note]",
            run: "edit Randonnée au lac de la Liez.",
        },
        {
            content: "Log the meeting",
            trigger: ".o_sponsorship_meeting button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The meeting is in the log",
            trigger: ".o_sponsorship_meetings:contains(Randonnée au lac de la Liez.)",
        },
    ],
});
