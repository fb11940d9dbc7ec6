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

// A family sees where its project stands and asks the conciergerie for help.
registry.category("web_tour.tours").add("ambassador_network_family_request_tour", {
    steps: () => [
        {
            content: "The stage of the project is shown in plain words",
            trigger: ".o_journey_stage:contains(Qualified)",
        },
        {
            content: "Name the request",
            trigger: ".o_journey_new_request input[name=name]",
            run: "edit Trouver une nounou",
        },
        {
            content: "Describe it",
            trigger: ".o_journey_new_request textarea[name=description]",
            run: "edit Pour Zoé, trois jours par semaine.",
        },
        {
            content: "Send it",
            trigger: ".o_journey_new_request button[type=submit]",
            run: "click",
            expectUnloadPage: true,
        },
        {
            content: "The request is listed with its status",
            trigger: ".o_journey_requests:contains(Trouver une nounou)",
        },
    ],
});
