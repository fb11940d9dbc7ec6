import { registry } from "@web/core/registry";

registry.category("web_tour.tours").add("territory_concierge_website_intake_tour", {
    url: "/s-installer",
    steps: () => [
        { content: "First name", trigger: "input[name=first_name]", run: "edit Camille" },
        { content: "Last name", trigger: "input[name=last_name]", run: "edit Tourangeau" },
        { content: "A wrong e-mail", trigger: "input[name=email]", run: "edit tour.famille@" },
        { content: "Phone", trigger: "input[name=phone]", run: "edit 06 19 55 44 33" },
        { content: "Horizon", trigger: "select[name=project_horizon]", run: "select lt_6m" },
        { content: "Message", trigger: "textarea[name=message]", run: "edit Nous voulons vivre près du canal." },
        { content: "Consent to be contacted", trigger: "input[name=consent_concierge_contact]", run: "click" },
        { content: "Send", trigger: "button[type=submit]", run: "click", expectUnloadPage: true },
        {
            content: "The e-mail is refused",
            trigger: "input[name=email].is-invalid ~ .invalid-feedback",
        },
        {
            content: "What was typed is kept",
            trigger: "input[name=last_name][value=Tourangeau]",
        },
        {
            content: "The phone is kept",
            trigger: "input[name=phone][value='06 19 55 44 33']",
        },
        {
            content: "The consent is kept",
            trigger: "input[name=consent_concierge_contact]:checked",
        },
        { content: "Correct the e-mail", trigger: "input[name=email]", run: "edit tour.famille@example.org" },
        { content: "Send again", trigger: "button[type=submit]", run: "click", expectUnloadPage: true },
        { content: "Thank you page", trigger: ".o_territory_intake_thanks h1" },
    ],
});
