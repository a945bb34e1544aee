import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ProductScreen } from "@point_of_sale/app/screens/product_screen/product_screen";
import { useBarcodeReader } from "@point_of_sale/app/barcode/barcode_reader_hook";
import { gtinCandidates } from "@chain_pos_expiry/utils/gs1";

patch(ProductScreen.prototype, {
    setup() {
        super.setup(...arguments);
        useBarcodeReader({ chain_gs1: this._chainGs1Action });
    },

    async _chainFindGtin(gtin) {
        const candidates = gtinCandidates(gtin);
        for (const code of candidates) {
            const product = this.pos.models["product.product"].getBy("barcode", code);
            if (product) {
                return product;
            }
        }
        for (const code of candidates) {
            const product = await this._getProductByBarcode({ base_code: code, code });
            if (product) {
                return product;
            }
        }
        return null;
    },

    /** A parsed GS1 code (see `utils/gs1.js`): add its product with its lot, checked by the lot rule. */
    async _chainGs1Action(parsed) {
        let product = null;
        try {
            product = await this._chainFindGtin(parsed.gtin);
        } catch {
            product = null;
        }
        if (!product) {
            this.dialog.add(AlertDialog, {
                title: _t("Unknown product"),
                body: _t("No product has the barcode %s.", parsed.gtin),
            });
            return;
        }
        const lot = parsed.lot || parsed.serial;
        const vals = { product_id: product };
        if (parsed.count && !this.pos.chainControls(product)) {
            vals.qty = parsed.count;
        }
        await this.pos.addLineToCurrentOrder(vals, {
            code: lot ? { type: "lot", code: lot } : undefined,
            chainScannedExpiry: parsed.expiry,
        });
        this.numberBuffer.reset();
    },
});
