import {describe, expect, test} from "@odoo/hoot";
import {
    cellKey,
    countShifts,
    coverageState,
    formatHour,
    templateLabel,
} from "@chain_hr_rota/grid/grid_utils";

// The grid draws what the server answers (chain.hr.rota.chain_grid_data); these helpers only format it.
describe("chain_hr_rota grid helpers", () => {
    test("a cell is keyed by employee and ISO day", () => {
        expect(cellKey(7, "2026-12-08")).toBe("7|2026-12-08");
    });

    test("hours read as HH:MM", () => {
        expect(formatHour(9)).toBe("09:00");
        expect(formatHour(9.5)).toBe("09:30");
        expect(formatHour(22.25)).toBe("22:15");
        expect(formatHour(0)).toBe("00:00");
        expect(formatHour(24)).toBe("24:00");
    });

    test("a night template reads from its start to its end the next day", () => {
        expect(templateLabel({code: "N", name: "Night", start_hour: 22, end_hour: 6})).toBe("N Night 22:00-06:00");
        expect(templateLabel({code: false, name: "Early", start_hour: 9, end_hour: 17})).toBe("Early 09:00-17:00");
    });

    test("a day is red when any hour lacks staff, whatever the surplus", () => {
        expect(coverageState({under: 2, over: 3})).toBe("under");
        expect(coverageState({under: 0, over: 1.5})).toBe("over");
        expect(coverageState({under: 0, over: 0})).toBe("ok");
        expect(coverageState(undefined)).toBe("ok");
    });

    test("the footer counts the day's shifts of every employee", () => {
        const cells = {
            "1|2026-12-07": [{line_id: 1}],
            "2|2026-12-07": [{line_id: 2}, {line_id: 3}],
            "1|2026-12-08": [{line_id: 4}],
        };
        expect(countShifts(cells, "2026-12-07")).toBe(3);
        expect(countShifts(cells, "2026-12-09")).toBe(0);
        expect(countShifts(undefined, "2026-12-07")).toBe(0);
    });
});
