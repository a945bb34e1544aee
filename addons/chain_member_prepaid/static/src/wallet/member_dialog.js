import { patch } from "@web/core/utils/patch";
import { _t } from "@web/core/l10n/translation";
import { ChainMemberDialog } from "@chain_pos_member/app/member_dialog/chain_member_dialog";
import { ChainWalletTopupDialog } from "@chain_member_prepaid/wallet/topup_dialog";
import { ChainWalletPayDialog } from "@chain_member_prepaid/wallet/pay_dialog";

/** The member desk shows the member's stored value (principal and bonus): top up, or pay with it. */
patch(ChainMemberDialog.prototype, {
    formatWallet(amount) {
        return this.env.utils.formatCurrency(amount || 0);
    },

    async walletTopup(member) {
        if (this.attachedId !== member.id && !(await this.attach(member))) {
            return;
        }
        if (!this.pos.chainWalletTopupProducts().length) {
            this.state.error = _t("No top-up product is available in this till.");
            return;
        }
        this.props.close();
        this.dialog.add(ChainWalletTopupDialog, { member });
    },

    async walletPay(member) {
        if (this.attachedId !== member.id && !(await this.attach(member))) {
            return;
        }
        const maxAmount = this.pos.chainWalletMaxPay(member);
        if (maxAmount <= 0) {
            this.state.error = _t("Nothing to pay: the member has no stored value or the order is empty.");
            return;
        }
        this.props.close();
        this.dialog.add(ChainWalletPayDialog, { member, maxAmount, qr: member.qr ? this.state.qr : "" });
    },
});
