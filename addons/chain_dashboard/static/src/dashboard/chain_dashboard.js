/** @odoo-module **/
import {Component, onWillStart, useState} from "@odoo/owl";
import {deserializeDateTime, formatDateTime} from "@web/core/l10n/dates";
import {_t} from "@web/core/l10n/translation";
import {registry} from "@web/core/registry";
import {useService} from "@web/core/utils/hooks";
import {formatFloat} from "@web/core/utils/numbers";

export class ChainDashboard extends Component {
    static template = "chain_dashboard.Dashboard";
    static props = ["*"];

    setup() {
        this.orm = useService("orm");
        this.action = useService("action");
        this.notification = useService("notification");
        this.state = useState({
            filters: {period: "month", date_from: "", date_to: "", region_id: "", store_id: "", categ_id: "", channel: "all"},
            options: null,
            data: null,
            stock: null,
            loading: true,
        });
        this.periodLabels = {
            today: _t("Today"),
            yesterday: _t("Yesterday"),
            week: _t("This week"),
            month: _t("This month"),
            custom: _t("Custom"),
        };
        this.cards = [
            {key: "sales", label: _t("Sales"), money: true},
            {key: "tickets", label: _t("Tickets"), digits: 0},
            {key: "avg_ticket", label: _t("Average ticket"), money: true},
            {key: "upt", label: _t("Units per ticket"), digits: 2},
            {key: "margin", label: _t("Gross margin"), money: true},
            {key: "margin_rate", label: _t("Margin rate"), percent: true},
            {key: "member_share", label: _t("Member sales share"), percent: true},
        ];
        this.stockCards = [
            {key: "value", label: _t("Stock value"), money: true, drill: "value"},
            {key: "days_of_cover", label: _t("Days of cover"), digits: 1, drill: "value"},
            {key: "turnover", label: _t("Stock turnover"), digits: 2, drill: "value"},
            {key: "slow_movers", label: _t("Slow movers"), digits: 0, drill: "slow"},
            {key: "stockouts", label: _t("Stockouts"), digits: 0, drill: "stockout"},
        ];
        this.expiryLabels = {
            expired: _t("Expired"),
            "0_7": _t("Expiring in 0-7 days"),
            "8_30": _t("Expiring in 8-30 days"),
            "31_90": _t("Expiring in 31-90 days"),
        };
        onWillStart(() => this.load());
    }

    async load() {
        this.state.loading = true;
        // the sales figures (summaries) come first; the stock figures (live quants) follow
        const filters = {...this.state.filters};
        const request = (this.request = Symbol("load"));
        try {
            if (!this.state.options) {
                this.state.options = await this.orm.call("chain.dashboard", "get_dashboard_options", []);
            }
            const data = await this.orm.call("chain.dashboard", "get_dashboard_data", [filters]);
            if (request !== this.request) {
                return;
            }
            this.state.data = data;
            this.state.stock = null;
            this.state.loading = false;
            const stock = await this.orm.call("chain.dashboard", "get_dashboard_stock", [filters]);
            if (request === this.request) {
                this.state.stock = stock;
            }
        } catch (error) {
            this.notification.add(error.data?.message || error.message || String(error), {type: "danger"});
        } finally {
            if (request === this.request) {
                this.state.loading = false;
            }
        }
    }

    onFilter(key, ev) {
        this.state.filters[key] = ev.target.value;
        if (key === "period" && ev.target.value === "custom" && !this.state.filters.date_from) {
            return;
        }
        if (key !== "period" || ev.target.value !== "custom" || this.state.filters.date_to) {
            this.load();
        }
    }

    format(value, card) {
        if (value === null || value === undefined) {
            return "-";
        }
        if (card.percent) {
            return `${formatFloat(value, {digits: [16, 1]})}%`;
        }
        const text = formatFloat(value, {digits: [16, card.digits ?? 2]});
        return card.money ? `${this.state.data.currency} ${text}` : text;
    }

    formatAsOf(value) {
        return formatDateTime(deserializeDateTime(value));
    }

    change(value) {
        if (value === null || value === undefined) {
            return "";
        }
        return `${value > 0 ? "+" : ""}${formatFloat(value, {digits: [16, 1]})}%`;
    }

    get trendPoints() {
        const trend = this.state.data?.trend || [];
        if (!trend.length) {
            return "";
        }
        const max = Math.max(...trend.map((p) => p.sales), 1);
        const step = trend.length > 1 ? 600 / (trend.length - 1) : 0;
        return trend.map((p, i) => `${Math.round(i * step)},${Math.round(150 - (p.sales / max) * 140)}`).join(" ");
    }

    async drill(storeId = false, date = false) {
        const action = await this.orm.call("chain.dashboard", "action_drilldown", [this.state.filters], {
            store_id: storeId,
            date,
        });
        this.action.doAction(action);
    }

    async drillChannelHealth() {
        const action = await this.orm.call("chain.dashboard", "action_channel_health_drilldown", []);
        this.action.doAction(action);
    }

    async drillStock(kind) {
        const action = await this.orm.call("chain.dashboard", "action_stock_drilldown", [this.state.filters], {
            kind,
        });
        this.action.doAction(action);
    }
}

registry.category("actions").add("chain_dashboard.dashboard", ChainDashboard);
