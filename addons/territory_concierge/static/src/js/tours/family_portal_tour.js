import { registry } from "@web/core/registry";

// A family sees where its project stands and asks the conciergerie for help.
registry.category("web_tour.tours").add("territory_concierge_family_request_tour", {
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
        {
            content: "Write to the conciergerie in the portal chatter",
            trigger: ".o_journey_messages #chatterRoot:shadow .o-mail-Composer-input",
            run: "edit Merci pour votre aide !",
        },
        {
            content: "Send the message",
            trigger: ".o_journey_messages #chatterRoot:shadow .o-mail-Composer-send:enabled",
            run: "click",
        },
        {
            content: "The message shows in the thread",
            trigger: ".o_journey_messages #chatterRoot:shadow .o-mail-Message:contains(Merci pour votre aide !)",
        },
    ],
});
