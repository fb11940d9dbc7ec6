import { StatusBarField } from "@web/views/fields/statusbar/statusbar_field";
import { patch } from "@web/core/utils/patch";

// A click on the stage bar moves and saves at once. When the server refuses the move (a stage
// gate names the missing fields), the web client keeps the refused stage as an unsaved change
// of the form: the bar then shows a stage the record is not in, and the next save would try
// the move again. The bar goes back to the stage the record is really in; the error dialog is
// shown as before, and the form's other unsaved changes are kept.
patch(StatusBarField.prototype, {
    async selectItem(item) {
        const { name, record } = this.props;
        const savedValue = record.data[name];
        const hadChanges = await record.isDirty();
        try {
            return await super.selectItem(item);
        } catch (error) {
            if (hadChanges) {
                await record.update({ [name]: savedValue });
            } else {
                await record.discard();
            }
            throw error;
        }
    },
});
