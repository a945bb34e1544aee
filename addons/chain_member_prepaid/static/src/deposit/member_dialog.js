import { patch } from "@web/core/utils/patch";
import { ChainMemberDialog } from "@chain_pos_member/app/member_dialog/chain_member_dialog";
import { ChainEntitlementsDialog } from "@chain_member_prepaid/deposit/entitlements_dialog";

/** The member desk opens the member's formula deposits and service cards. */
patch(ChainMemberDialog.prototype, {
    async openEntitlements(member) {
        if (this.attachedId !== member.id && !(await this.attach(member))) {
            return;
        }
        this.props.close();
        this.dialog.add(ChainEntitlementsDialog, { member });
    },
});
