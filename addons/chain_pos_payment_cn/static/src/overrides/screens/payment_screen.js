import { onMounted } from "@odoo/owl";
import { patch } from "@web/core/utils/patch";
import { PaymentScreen } from "@point_of_sale/app/screens/payment_screen/payment_screen";
import { PaymentChainCn } from "@chain_pos_payment_cn/app/payment_chain_cn";

const RUNNING = ["waiting", "waitingCard", "waitingCancel", "timeout"];

function chainTerminal(line) {
    const terminal = line?.payment_method_id?.payment_terminal;
    return terminal instanceof PaymentChainCn ? terminal : null;
}

patch(PaymentScreen.prototype, {
    setup() {
        super.setup(...arguments);
        onMounted(() => this.chainResumePayments());
    },

    /** Lines left waiting for the customer's password (the POS was reloaded): poll them again. */
    async chainResumePayments() {
        for (const line of this.paymentLines) {
            const terminal = chainTerminal(line);
            if (!terminal || !RUNNING.includes(line.get_payment_status())) {
                continue;
            }
            if (!terminal.lineTransactionId(line)) {
                line.set_payment_status("retry"); // never sent: the code is asked for again
                continue;
            }
            this.pos.paymentTerminalInProgress = true;
            const paid = await terminal.resume(line);
            if (paid !== null) {
                line.handle_payment_response(paid);
            }
            this.pos.paymentTerminalInProgress = false;
        }
    },

    /**
     * Cancelling a payment code: the request's own loop settles the line, `done` if the
     * customer paid meanwhile (the payment stays), else ready for a retry.
     */
    async sendPaymentCancel(line) {
        const terminal = chainTerminal(line);
        if (!terminal) {
            return super.sendPaymentCancel(...arguments);
        }
        line.set_payment_status("waitingCancel");
        await terminal.send_payment_cancel(this.currentOrder, line.uuid);
    },

    /** A running payment-code line is cancelled, not dropped: the customer may have paid. */
    deletePaymentLine(uuid) {
        const line = this.paymentLines.find((l) => l.uuid === uuid);
        if (chainTerminal(line) && RUNNING.includes(line.get_payment_status())) {
            if (line.get_payment_status() !== "waitingCancel") {
                this.sendPaymentCancel(line);
            }
            return;
        }
        return super.deletePaymentLine(...arguments);
    },
});
