import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { ConnectionLostError } from "@web/core/network/rpc";
import { uuidv4 } from "@point_of_sale/utils";
import { PosStore } from "@point_of_sale/app/store/pos_store";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { BLOCKING, OVERRIDABLE, classify, sortFefo } from "@chain_pos_expiry/utils/lot_rule";
import { ChainLotPopup } from "@chain_pos_expiry/app/lot_popup/chain_lot_popup";
import { ChainOverridePopup } from "@chain_pos_expiry/app/override_popup/chain_override_popup";

function issueLabel(issue, daysLeft) {
    switch (issue) {
        case "missing_lot":
            return _t("Lot missing");
        case "blocked":
            return _t("Lot blocked");
        case "unknown_lot":
            return _t("Lot unknown to this store");
        case "expired":
            return _t("Expired");
        case "removal":
            return _t("Past its removal date");
        case "near":
            return _t("Near expiry: %s days left", daysLeft);
        default:
            return _t("OK");
    }
}

patch(PosStore.prototype, {
    /** Whether the till applies the lot rule to `product` (lot-tracked with dates, or lot required). */
    chainControls(product) {
        return (
            ["lot", "serial"].includes(product?.tracking) &&
            Boolean(product.chain_pos_lot_required || product.use_expiration_date)
        );
    },

    chainLotsOf(product) {
        return this.models["stock.lot"].filter((lot) => lot.product_id?.id === product.id);
    },

    chainFindLot(product, lotName) {
        return this.chainLotsOf(product).find((lot) => lot.name === lotName) || null;
    },

    /** Fetch lots from the server (all of `product`, or the lots named) into the till's data. */
    async chainRefreshLots(product, lotNames = null) {
        const records = await this.data.call("stock.lot", "chain_pos_lots", [this.config.id], {
            product_ids: [product.id],
            lot_names: lotNames,
        });
        if (records.length) {
            this.models.loadData({ "stock.lot": records });
        }
        return records;
    },

    /** The lot as the store knows it; asks the server when the till has not seen it (online). */
    async chainLookupLot(product, lotName) {
        let lot = this.chainFindLot(product, lotName);
        if (!lot) {
            try {
                await this.chainRefreshLots(product, [lotName]);
                lot = this.chainFindLot(product, lotName);
            } catch {
                // Offline: judge with what the till loaded; the server judges again at sync.
            }
        }
        return lot;
    },

    chainLotRows(product) {
        const now = Date.now();
        return sortFefo(this.chainLotsOf(product)).map((lot) => {
            const { issue, daysLeft } = classify(now, lot.name, lot, null, true);
            return {
                name: lot.name,
                expiry: lot.expiration_date ? String(lot.expiration_date).slice(0, 10) : "",
                qty: lot.chain_pos_qty,
                issue,
                daysLeft,
                blocking: BLOCKING.has(issue),
                label: issueLabel(issue, daysLeft),
            };
        });
    },

    /** Ask the cashier for a lot of `product`: the FEFO list of this store, or a typed/scanned one. */
    async chainPickLot(product) {
        const payload = await makeAwaitable(this.dialog, ChainLotPopup, {
            title: _t("Lot Required"),
            productName: product.display_name,
            rows: this.chainLotRows(product),
            onRefresh: async () => {
                await this.chainRefreshLots(product);
                return this.chainLotRows(product);
            },
        });
        return payload?.lotName || null;
    },

    /**
     * Apply the lot rule to selling `lotName` of `product` now. Returns `{}` to sell,
     * `{ override }` when a manager allowed a refused lot, or null when the lot is not sold.
     */
    async chainCheckLot(product, lotName, scannedExpiry = null) {
        const lot = await this.chainLookupLot(product, lotName);
        const { issue, daysLeft } = classify(
            Date.now(),
            lotName,
            lot,
            scannedExpiry,
            this.chainControls(product)
        );
        if (!issue) {
            return {};
        }
        if (issue === "near") {
            this.notification.add(
                _t("%(lot)s is near its expiry: %(days)s days left.", { lot: lotName, days: daysLeft }),
                { type: "warning", title: product.display_name }
            );
            return {};
        }
        const message = _t("%(product)s, lot %(lot)s: %(issue)s.", {
            product: product.display_name,
            lot: lotName,
            issue: issueLabel(issue, daysLeft),
        });
        // the line to come: its uuid is what the manager's override is bound to
        const lineUuid = uuidv4();
        const payload = await makeAwaitable(this.dialog, ChainOverridePopup, {
            title: _t("This lot cannot be sold"),
            message,
            overridable: OVERRIDABLE.has(issue),
            managers: this.session._chain_override_managers || [],
            verify: ({ userId, pin, reason }) =>
                this.chainVerifyOverridePin({ userId, pin, reason, lotName, lineUuid }),
        });
        return payload ? { override: { ...payload, lineUuid } } : null;
    },

    /**
     * Ask the server to check a store manager's PIN for the line `lineUuid` of the current
     * order. Resolves `{ token }` (signed by the server, checked again at sync) or `{ error }`.
     * Offline, nothing is checked: the lot is not sold until the server answers.
     */
    async chainVerifyOverridePin({ userId, pin, reason, lotName, lineUuid }) {
        try {
            return await this.data.call("pos.session", "chain_verify_override_pin", [
                this.session.id,
                userId,
                pin,
                this.get_order().uuid,
                lineUuid,
                lotName,
                reason,
            ]);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return {
                    error: _t(
                        "The server cannot be reached: a store manager's PIN is only checked online. Try again once the connection is back, or do not sell this unit."
                    ),
                };
            }
            return { error: error.data?.message || error.message || String(error) };
        }
    },

    chainApplyDecision(line, lotName, decision, scannedExpiry) {
        const pack = line.pack_lot_ids.find((p) => p.lot_name === lotName);
        if (pack && scannedExpiry) {
            pack.update({ chain_scanned_expiry: scannedExpiry });
        }
        const override = decision.override;
        // merged into a line already there, the line keeps its own override
        if (override && line.uuid === override.lineUuid) {
            line.update({
                chain_override_uid: override.userId,
                chain_override_reason: override.reason,
                // issued by the server for this very order, line, lot and manager
                chain_override_token: override.token,
            });
        }
    },

    async addLineToCurrentOrder(vals, opts = {}, configure = true) {
        const product = vals.product_id;
        if (!this.chainControls(product) || !(configure || opts.code)) {
            return super.addLineToCurrentOrder(...arguments);
        }
        let lotName = opts.code?.type === "lot" ? opts.code.code : null;
        if (!lotName) {
            lotName = await this.chainPickLot(product);
            if (!lotName) {
                return;
            }
        }
        const decision = await this.chainCheckLot(product, lotName, opts.chainScannedExpiry);
        if (!decision) {
            return;
        }
        const lineVals = decision.override ? { ...vals, uuid: decision.override.lineUuid } : vals;
        const line = await super.addLineToCurrentOrder(
            lineVals,
            { ...opts, code: { type: "lot", code: lotName } },
            configure
        );
        if (line) {
            this.chainApplyDecision(line, lotName, decision, opts.chainScannedExpiry);
        }
        return line;
    },

    async pay() {
        const order = this.get_order();
        const missing = order.lines.filter(
            (line) =>
                line.qty > 0 &&
                this.chainControls(line.product_id) &&
                line.pack_lot_ids.filter((p) => p.lot_name).length === 0
        );
        if (missing.length) {
            this.dialog.add(AlertDialog, {
                title: _t("Lot missing"),
                body: _t(
                    "Every unit of these products must carry its lot: %s. Scan the lot or pick it from the list.",
                    missing.map((line) => line.get_full_product_name()).join(", ")
                ),
            });
            return;
        }
        return super.pay(...arguments);
    },

    postSyncAllOrders(orders) {
        const refused = orders.filter((order) => order.chain_expiry_state === "refused");
        for (const order of refused) {
            this.dialog.add(AlertDialog, {
                title: _t("Order %s refused by the server", order.pos_reference || order.name),
                body: _t(
                    "%s\n\nThe order is kept as a draft; a store manager accepts or cancels it in the back office.",
                    order.chain_expiry_message || ""
                ),
            });
        }
        return super.postSyncAllOrders(...arguments);
    },
});
