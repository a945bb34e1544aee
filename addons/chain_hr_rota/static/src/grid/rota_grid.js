/** @odoo-module **/
import {Component, onWillStart, useState} from "@odoo/owl";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {formatFloat} from "@web/core/utils/numbers";
import {cellKey, countShifts, coverageState, templateLabel} from "./grid_utils";

const {DateTime} = luxon;

/**
 * The rota of a store for a week as a grid: a row per employee, a column per day, a cell the
 * day's shift(s). Clicking a cell of a draft rota offers the store's shift templates (or
 * clearing the day); the server (``chain_grid_set_cell``) checks every rule and answers the
 * whole grid again. The footer shows the coverage of each day.
 */
export class ChainRotaGrid extends Component {
    static template = "chain_hr_rota.RotaGrid";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        const {context = {}, params = {}} = this.props.action;
        this.rotaId = params.rota_id || context.active_id;
        this.state = useState({data: null, picking: null, busy: false});
        onWillStart(() => this.load());
    }

    async load() {
        if (!this.rotaId) {
            return;
        }
        this.state.data = await this.orm.call("chain.hr.rota", "chain_grid_data", [[this.rotaId]]);
    }

    async run(callback) {
        if (this.state.busy) {
            return;
        }
        this.state.busy = true;
        try {
            await callback();
        } catch (error) {
            const message = error.data?.message || error.message || String(error);
            this.notification.add(message, {type: "danger", sticky: false});
        } finally {
            this.state.busy = false;
        }
    }

    // -- rendering helpers -------------------------------------------------

    dayHeader(day) {
        const date = DateTime.fromISO(day);
        return {weekday: date.toFormat("ccc"), date: date.toFormat("MM-dd")};
    }

    shifts(employeeId, day) {
        return this.state.data.cells[cellKey(employeeId, day)] || [];
    }

    isPicking(employeeId, day) {
        const picking = this.state.picking;
        return Boolean(picking && picking.employeeId === employeeId && picking.day === day);
    }

    templateLabel(template) {
        return templateLabel(template);
    }

    coverage(day) {
        const coverage = this.state.data.coverage[day] || {under: 0, over: 0};
        const hours = (value) => formatFloat(value, {digits: [16, 1]});
        const shifts = countShifts(this.state.data.cells, day);
        return {
            state: coverageState(coverage),
            under: _t("Under by %s h", hours(coverage.under)),
            over: coverage.over > 0 ? _t("Over by %s h", hours(coverage.over)) : "",
            shifts: _t("%s shift(s)", shifts),
        };
    }

    get stateLabel() {
        return {draft: _t("Draft"), published: _t("Published"), cancel: _t("Cancelled")}[this.state.data.state];
    }

    // -- actions -----------------------------------------------------------

    onCellClick(employeeId, day) {
        if (!this.state.data.can_edit || this.state.busy) {
            return;
        }
        this.state.picking = this.isPicking(employeeId, day) ? null : {employeeId, day};
    }

    async pick(templateId) {
        const {employeeId, day} = this.state.picking;
        this.state.picking = null;
        await this.run(async () => {
            this.state.data = await this.orm.call("chain.hr.rota", "chain_grid_set_cell", [
                [this.rotaId],
                employeeId,
                day,
                templateId || false,
            ]);
        });
    }

    closePicker() {
        this.state.picking = null;
    }

    async copyPreviousWeek() {
        await this.run(async () => {
            await this.orm.call("chain.hr.rota", "action_copy_previous_week", [[this.rotaId]]);
            await this.load();
        });
    }

    async publish() {
        await this.run(async () => {
            await this.orm.call("chain.hr.rota", "action_publish", [[this.rotaId]]);
            await this.load();
            this.notification.add(_t("The rota is published: the staff see their shifts."), {type: "success"});
        });
    }

    openForm() {
        this.action.doAction({
            type: "ir.actions.act_window",
            res_model: "chain.hr.rota",
            res_id: this.rotaId,
            views: [[false, "form"]],
        });
    }
}

registry.category("actions").add("chain_hr_rota_grid", ChainRotaGrid);
