import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { BarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_service";
import { Gs1Error, looksLikeGs1, parseGs1 } from "@chain_pos_expiry/utils/gs1";

patch(BarcodeReader.prototype, {
    /**
     * A GS1 code (GTIN + lot + dates) goes to the screens' `chain_gs1` callbacks whatever the
     * company's barcode nomenclature; a malformed one is refused with its reason and changes
     * nothing. Anything else, or a GS1 code with elements this parser does not read, goes the
     * usual way.
     */
    async _scan(code) {
        const cbMaps = this.exclusiveCbMap ? [this.exclusiveCbMap] : [...this.cbMaps];
        const handlers = cbMaps.map((cbMap) => cbMap.chain_gs1).filter(Boolean);
        if (!handlers.length || !looksLikeGs1(code)) {
            return super._scan(...arguments);
        }
        let parsed;
        try {
            parsed = parseGs1(code);
        } catch (error) {
            if (error instanceof Gs1Error && !error.unsupported) {
                this.dialog.add(AlertDialog, { title: _t("Unreadable GS1 code"), body: error.message });
                return;
            }
            if (error instanceof Gs1Error) {
                return super._scan(...arguments);
            }
            throw error;
        }
        for (const handler of handlers) {
            await handler(parsed, code);
        }
    },
});
