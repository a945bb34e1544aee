import { _t } from "@web/core/l10n/translation";
import { ConnectionLostError } from "@web/core/network/rpc";
import { AlertDialog } from "@web/core/confirmation_dialog/confirmation_dialog";
import { PaymentInterface } from "@point_of_sale/app/payment/payment_interface";
import { register_payment_method } from "@point_of_sale/app/store/pos_store";
import { makeAwaitable } from "@point_of_sale/app/store/make_awaitable_dialog";
import { ChainPayCodeDialog } from "@chain_pos_payment_cn/app/pay_code_dialog/chain_pay_code_dialog";
import {
    chainProvider,
    payAmountError,
    providerLabel,
    refundPlan,
    refundUuid,
} from "@chain_pos_payment_cn/utils/pay_code";

/** Not an answer: the POS could not reach its server (the outcome is unknown, never a failure). */
const UNREACHED = Symbol("unreached");

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * WeChat Pay and Alipay payment codes (付款码), through the server (`pos.payment.method.chain_cn_*`):
 * the cashier scans or types the customer's code, the server charges it and answers at once;
 * while the customer confirms with her password the POS polls (every 2.5 s), so no server
 * thread waits for her. The cashier may cancel; a payment the provider confirmed meanwhile is
 * kept. An answer the POS did not get (offline, timeout) is unknown, never a failure: it asks
 * again, with the same line (the server's out-trade number comes from the order and the line,
 * so the retry never charges twice).
 *
 * A refund order's negative line refunds the original transactions of the refunded order that
 * this provider was paid, capped at what it was paid.
 */
export class PaymentChainCn extends PaymentInterface {
    setup() {
        super.setup(...arguments);
        this.runs = {}; // payment line uuid -> {cancel, transactionId}
    }

    get provider() {
        return chainProvider(this.payment_method_id.use_payment_terminal, this.settings.providers);
    }

    /** What the server sent with the session: `{poll_ms, providers}`. */
    get settings() {
        return this.pos.session._chain_cn_pay || {};
    }

    get pollMs() {
        return this.settings.poll_ms || 2500;
    }

    get label() {
        return providerLabel(this.provider);
    }

    /** No amount to type first: the line takes what the order owes, the code is asked for. */
    get fast_payments() {
        return true;
    }

    async send_payment_request(uuid) {
        await super.send_payment_request(...arguments);
        const order = this.pos.get_order();
        const line = order.get_paymentline_by_uuid(uuid);
        if (!line) {
            return false;
        }
        if (line.amount < 0) {
            return this._refund(order, line);
        }
        return this._pay(order, line);
    }

    /** The cashier gives up waiting: ask the server to cancel; the polling loop settles the line. */
    async send_payment_cancel(order, uuid) {
        await super.send_payment_cancel(...arguments);
        const run = this.runs[uuid];
        if (!run) {
            return true;
        }
        run.cancel = true;
        run.wake?.();
        return run.done;
    }

    close() {}

    // -- paying ---------------------------------------------------------------------

    async _pay(order, line) {
        const due = order.get_due();
        const amountError = payAmountError(line.amount, due, this.env.utils.formatCurrency);
        if (amountError) {
            this._showError(amountError);
            return false;
        }
        const code = await makeAwaitable(this.env.services.dialog, ChainPayCodeDialog, {
            provider: this.provider,
            title: _t("%(provider)s: %(amount)s", {
                provider: this.label,
                amount: this.env.utils.formatCurrency(line.amount),
            }),
        });
        if (!code) {
            return false; // the cashier closed the prompt: the line waits for a retry
        }
        const run = { cancel: false, transactionId: null };
        let settle;
        run.done = new Promise((resolve) => (settle = resolve));
        this.runs[line.uuid] = run;
        const data = {
            pos_session_id: this.pos.session.id,
            order_uuid: order.uuid,
            payment_uuid: line.uuid,
            amount: line.amount,
            order_amount_due: due,
            auth_code: code,
        };
        try {
            const result = await this._settle(line, run, () => this._call("chain_cn_pay", data));
            settle(true);
            return result;
        } finally {
            delete this.runs[line.uuid];
        }
    }

    /**
     * Resume a line left waiting (the POS was reloaded while the customer typed her password):
     * poll its transaction until it settles. Resolves true when paid.
     */
    async resume(line) {
        const transactionId = this.lineTransactionId(line);
        if (!transactionId || this.runs[line.uuid]) {
            return null;
        }
        const run = { cancel: false, transactionId };
        let settle;
        run.done = new Promise((resolve) => (settle = resolve));
        this.runs[line.uuid] = run;
        try {
            return await this._settle(line, run, null);
        } finally {
            settle(true);
            delete this.runs[line.uuid];
        }
    }

    lineTransactionId(line) {
        return line.chain_cn_transaction_id || line.uiState?.chainCnTransactionId || null;
    }

    /**
     * Ask until the server gives a final answer: `first` sends the payment (again, after a
     * lost answer: the same out-trade number); then poll the transaction, or cancel it when
     * the cashier asked. `done` keeps the payment (also after a cancel); `failed` frees the line.
     */
    async _settle(line, run, first) {
        let answer = first ? await first() : null;
        for (;;) {
            if (answer !== UNREACHED && answer?.transaction_id) {
                run.transactionId = answer.transaction_id;
                line.uiState = { ...(line.uiState || {}), chainCnTransactionId: run.transactionId };
            }
            if (answer !== UNREACHED) {
                this.lastError = null;
            }
            if (answer?.status === "done") {
                this._markDone(line, answer);
                return true;
            }
            if (answer?.status === "failed") {
                if (!run.cancel) {
                    this._showError(answer.message || _t("The payment failed."));
                }
                return false; // cancelled as the cashier asked: nothing to tell
            }
            line.chainCnOffline = answer === UNREACHED;
            if (!line.pos_order_id) {
                return false; // the line is gone with its order
            }
            line.set_payment_status("waitingCard");
            if (!run.cancel) {
                await new Promise((resolve) => {
                    run.wake = resolve;
                    setTimeout(resolve, this.pollMs);
                });
                run.wake = null;
            }
            const data = { pos_session_id: this.pos.session.id, transaction_id: run.transactionId };
            if (!run.transactionId) {
                answer = first ? await first() : UNREACHED; // the first answer never came
            } else if (run.cancel) {
                answer = await this._call("chain_cn_cancel", data);
                if (answer !== UNREACHED && answer?.status === "pending") {
                    run.cancel = false; // the provider could not cancel yet: keep asking
                }
            } else {
                answer = await this._call("chain_cn_poll", data);
            }
        }
    }

    _markDone(line, answer) {
        line.chainCnOffline = false;
        line.transaction_id = answer.provider_ref || answer.out_trade_no || "";
        line.chain_cn_transaction_id = answer.transaction_id;
        line.uiState = { ...(line.uiState || {}), chainCnTransactionId: answer.transaction_id };
    }

    // -- refunding ------------------------------------------------------------------

    /** The transactions of the refunded order(s) this provider was paid, oldest first. */
    refundSources(order) {
        const refunded = new Set(
            order.lines.map((l) => l.refunded_orderline_id?.order_id).filter(Boolean)
        );
        const sources = [];
        for (const original of refunded) {
            for (const payment of original.payment_ids) {
                const transactionId = this.lineTransactionId(payment);
                if (
                    payment.payment_method_id?.id === this.payment_method_id.id &&
                    payment.amount > 0 &&
                    transactionId
                ) {
                    sources.push({ transactionId, amount: payment.amount });
                }
            }
        }
        return sources;
    }

    async _refund(order, line) {
        const sources = this.refundSources(order);
        if (!sources.length) {
            this._showError(
                _t(
                    "This order was not paid by %s: refund it with the payment method it was paid with.",
                    this.label
                )
            );
            return false;
        }
        const { chunks, refundable } = refundPlan(-line.amount, sources);
        if (-line.amount - refundable > 0.005) {
            line.set_amount(-refundable);
            const message = _t(
                "%(provider)s was paid %(amount)s of this order: it refunds that much, refund the rest with another method.",
                { provider: this.label, amount: this.env.utils.formatCurrency(refundable) }
            );
            this.env.services.notification.add(message, { type: "warning" });
        }
        let refunded = 0;
        for (const [index, chunk] of chunks.entries()) {
            const answer = await this._refundChunk(line, chunk, refundUuid(line.uuid, index));
            if (answer.status !== "done") {
                this._showError(answer.message || _t("The refund failed."));
                if (!refunded) {
                    return false;
                }
                line.set_amount(-refunded); // what was refunded stays on the order
                break;
            }
            refunded += chunk.amount;
            if (!line.chain_cn_transaction_id) {
                line.chain_cn_transaction_id = chunk.transactionId;
                line.transaction_id = String(answer.refund_id || "");
            }
        }
        return true;
    }

    /** One refund, asked again (same refund number: never refunded twice) until it is final. */
    async _refundChunk(line, chunk, uuid) {
        const data = {
            pos_session_id: this.pos.session.id,
            transaction_id: chunk.transactionId,
            refund_uuid: uuid,
            amount: chunk.amount,
        };
        for (;;) {
            const answer = await this._call("chain_cn_refund", data);
            if (answer !== UNREACHED && answer?.status !== "pending") {
                line.chainCnOffline = false;
                return answer || { status: "failed" };
            }
            line.chainCnOffline = answer === UNREACHED;
            line.set_payment_status("waitingCard");
            await sleep(this.pollMs);
        }
    }

    // -- the server -----------------------------------------------------------------

    /**
     * Call `pos.payment.method.<method>`; UNREACHED when the server did not answer. A server
     * error (e.g. the session was closed) comes back as a failed answer with its message for a
     * new payment; for a running one the outcome stays unknown and the POS asks again.
     */
    async _call(method, data) {
        try {
            return await this.env.services.orm.silent.call("pos.payment.method", method, [
                [this.payment_method_id.id],
                data,
            ]);
        } catch (error) {
            if (error instanceof ConnectionLostError) {
                return UNREACHED;
            }
            const message = error.data?.message || error.message;
            if (method === "chain_cn_pay" || method === "chain_cn_refund") {
                return { status: "failed", message };
            }
            if (message !== this.lastError) {
                this.lastError = message; // told once, not at every poll
                this.env.services.notification.add(message, { type: "danger" });
            }
            return UNREACHED;
        }
    }

    _showError(message) {
        this.env.services.dialog.add(AlertDialog, { title: this.label, body: message });
    }
}

register_payment_method("chain_wechatpay", PaymentChainCn);
register_payment_method("chain_alipay", PaymentChainCn);
