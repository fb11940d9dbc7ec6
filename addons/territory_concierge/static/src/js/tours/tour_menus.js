/**
 * Tour steps that open a menu of the Conciergerie app the way a user does: directly in the
 * navbar, through its section's dropdown, or through the "+" dropdown where the navbar puts
 * the sections a narrow window cannot show (the headless browser of the tests is one).
 *
 * @param {string} menuXmlid xml id of the menu to open (an action menu)
 * @param {string} [sectionXmlid] xml id of its parent section, when it is not a top entry
 * @returns {Object[]} tour steps
 */
export function openMenuSteps(menuXmlid, sectionXmlid = null) {
    const visibleInNavbar = (xmlid) => {
        const element = document.querySelector(`.o_main_navbar .o_menu_sections [data-menu-xmlid='${xmlid}']`);
        return element && !element.closest(".d-none") ? element : null;
    };
    return [
        {
            content: `Find the menu ${menuXmlid} in the navbar`,
            trigger: "body:not(:has(.modal)) .o_main_navbar .o_menu_sections > *",
            run() {
                if (!sectionXmlid && visibleInNavbar(menuXmlid)) {
                    return;
                }
                const toggler = (sectionXmlid && visibleInNavbar(sectionXmlid))
                    || document.querySelector(".o_main_navbar .o_menu_sections_more button");
                if (!toggler) {
                    throw new Error(`No way to reach the menu ${menuXmlid} from the navbar`);
                }
                toggler.click();
            },
        },
        {
            content: `Open the menu ${menuXmlid}`,
            trigger: `[data-menu-xmlid='${menuXmlid}']`,
            run: "click",
        },
    ];
}

/**
 * Tour steps that run an action of the form's gear menu (an ``ir.actions.server`` bound to
 * the model), found by its name as the user reads it.
 *
 * @param {string} actionName name of the action in the user's language
 * @returns {Object[]} tour steps
 */
export function gearMenuActionSteps(actionName) {
    return [
        {
            content: "Open the gear menu of the form",
            trigger: "body:not(:has(.modal)) .o_form_view .o_control_panel .o_cp_action_menus button:has(.fa-cog)",
            run: "click",
        },
        {
            content: `Run "${actionName}"`,
            trigger: `.o-dropdown--menu .o_menu_item:contains(${actionName})`,
            run: "click",
        },
    ];
}
