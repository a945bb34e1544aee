import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { SelectionPopup } from "@point_of_sale/app/utils/input_popups/selection_popup";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";
import { guideChoices } from "@chain_pos_commission/utils/guide_rules";

patch(ControlButtons.prototype, {
    get chainShowGuide() {
        return this.pos.chainGuides.length > 0;
    },

    /** Tap an employee of the store: the guide of the selected line, or of the whole order. */
    async clickChainGuide(wholeOrder = false) {
        const order = this.pos.get_order();
        const selected = order?.get_selected_orderline();
        if (!order || !order.get_orderlines().length || (!wholeOrder && !selected)) {
            this.dialog.add(AlertDialog, {
                title: _t("Guide"),
                body: _t("Add a product first: the guide is set on the order's lines."),
            });
            return;
        }
        const current = wholeOrder ? false : selected.chain_guide_id;
        const employeeId = await makeAwaitable(this.dialog, SelectionPopup, {
            title: wholeOrder ? _t("Guide of the whole order") : _t("Guide of this line"),
            list: guideChoices(this.pos.chainGuides, current, this.pos.chainDefaultGuideId()),
        });
        if (employeeId) {
            this.pos.chainSetGuide(order, employeeId, wholeOrder);
        }
    },
});
