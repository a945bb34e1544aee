import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ControlButtons } from "@point_of_sale/app/screens/product_screen/control_buttons/control_buttons";

patch(ControlButtons.prototype, {
    get chainCanSellAsDeposit() {
        return this.pos.chainCanSellAsDeposit(this.pos.get_order()?.get_selected_orderline());
    },

    async clickChainSellAsDeposit() {
        const line = this.pos.get_order()?.get_selected_orderline();
        const answer = await this.pos.chainSellAsDeposit(line);
        if (answer.error) {
            this.dialog.add(AlertDialog, { title: _t("Sell as deposit"), body: answer.error });
        }
    },
});
