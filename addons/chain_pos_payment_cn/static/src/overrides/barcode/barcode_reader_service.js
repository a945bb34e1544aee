import { patch } from "@web/core/utils/patch";
import { BarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_service";

patch(BarcodeReader.prototype, {
    /**
     * While the payment-code prompt is open, a scan is the customer's payment code: it goes
     * to the prompt as read, before any nomenclature parsing (a payment code is no product).
     */
    async _scan(code) {
        if (code && this.chainPayCodeHandler) {
            return this.chainPayCodeHandler(code);
        }
        return super._scan(...arguments);
    },
});
