import { Component, useState } from "@odoo/owl";
import { Dialog } from "@web/core/dialog/dialog";
import { useService } from "@web/core/utils/hooks";
import { _t } from "@web/core/l10n/translation";
import { usePos } from "@point_of_sale/app/store/pos_hook";
import { looksLikeQr } from "@chain_pos_member/utils/member_rules";
import { ChainRedeemDialog } from "@chain_pos_member/app/redeem_dialog/chain_redeem_dialog";

/**
 * The member desk of the till: find a member on the server (mobile, member code or scanned QR
 * code), see their tier, points, babies and due follow-ups, attach them to the order, redeem
 * points, or enroll a new member with consent. The business rules live in the store
 * (`chainLookupMember`, `chainEnrolMember`, ...); this component only shows their answers.
 */
export class ChainMemberDialog extends Component {
    static template = "chain_pos_member.ChainMemberDialog";
    static components = { Dialog };
    static props = { close: Function };

    setup() {
        this.pos = usePos();
        this.dialog = useService("dialog");
        this.state = useState({
            query: "",
            results: null,
            qr: "",
            busy: false,
            error: "",
            message: "",
            enrolling: false,
            form: { mobile: "", name: "", babyDate: "", consent: false },
        });
    }

    get title() {
        return _t("Member");
    }

    get searchPlaceholder() {
        return _t("Mobile, member code or scan the member's QR code");
    }

    get attachedId() {
        return this.pos.chainOrderMember()?.id;
    }

    async search() {
        const query = this.state.query.trim();
        if (!query || this.state.busy) {
            return;
        }
        this.state.busy = true;
        this.state.error = this.state.message = "";
        try {
            const answer = await this.pos.chainLookupMember(query);
            if (answer.error) {
                this.state.error = answer.error;
                return;
            }
            this.state.results = answer;
            this.state.qr = looksLikeQr(query) ? query : "";
            if (!answer.length) {
                this.state.message = _t("No member has this mobile number or member code.");
                if (!looksLikeQr(query) && !this.state.form.mobile) {
                    this.state.form.mobile = /^[\d +-]+$/.test(query) ? query : "";
                }
            }
        } finally {
            this.state.busy = false;
        }
    }

    onSearchKeydown(ev) {
        if (ev.key === "Enter") {
            this.search();
        }
    }

    async attach(member) {
        this.state.error = "";
        const answer = await this.pos.chainAttachMember(member);
        if (answer.error) {
            this.state.error = answer.error;
            return false;
        }
        this.state.message = _t("%s is the customer of this order.", member.name);
        return true;
    }

    async redeem(member) {
        if (this.attachedId !== member.id && !(await this.attach(member))) {
            return;
        }
        const maxPoints = this.pos.chainMaxRedeemable(member);
        if (maxPoints <= 0) {
            this.state.error = _t("Nothing to redeem: the member has no points or the order is empty.");
            return;
        }
        this.props.close();
        this.dialog.add(ChainRedeemDialog, {
            member,
            maxPoints,
            qr: member.qr ? this.state.qr : "",
        });
    }

    openEnrolment() {
        this.state.enrolling = true;
        this.state.error = this.state.message = "";
    }

    closeEnrolment() {
        this.state.enrolling = false;
    }

    async enrol() {
        const form = this.state.form;
        if (!form.mobile.trim() || !form.name.trim()) {
            this.state.error = _t("Enter the member's mobile number and name.");
            return;
        }
        if (!form.consent) {
            this.state.error = _t("The member must agree to the membership terms before enrolment.");
            return;
        }
        this.state.busy = true;
        this.state.error = this.state.message = "";
        try {
            const answer = await this.pos.chainEnrolMember({ ...form });
            if (answer.error) {
                this.state.error = answer.error;
                return;
            }
            if (answer.queued) {
                this.state.message = _t(
                    "The till is offline: the enrolment is kept and sent with this order when the connection is back."
                );
            } else {
                this.state.results = [answer.member];
                this.state.message = answer.created
                    ? _t("Member %s enrolled and attached to the order.", answer.member.code)
                    : _t("This mobile number is already member %s's: attached to the order.", answer.member.code);
            }
            this.state.enrolling = false;
            this.state.form = { mobile: "", name: "", babyDate: "", consent: false };
        } finally {
            this.state.busy = false;
        }
    }

    formatPoints(points) {
        return String(points ?? 0);
    }
}
