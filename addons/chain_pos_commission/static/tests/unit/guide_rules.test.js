import { describe, expect, test } from "@odoo/hoot";
import {
    defaultGuideId,
    guideChoices,
    guideName,
    linesToGuide,
} from "@chain_pos_commission/utils/guide_rules";

const GUIDES = [
    { id: 7, name: "Zhang Wei", job: "Guide" },
    { id: 3, name: "Li Na", job: "Baby advisor" },
];

describe("chain_pos_commission guide rules", () => {
    test("a new line is credited to the logged-in employee when they work in the store", () => {
        expect(defaultGuideId(7, GUIDES)).toBe(7);
        expect(defaultGuideId(99, GUIDES)).toBe(false);
        expect(defaultGuideId(false, GUIDES)).toBe(false);
        expect(defaultGuideId(7, [])).toBe(false);
    });

    test("a tap changes the selected line, or every line of the order", () => {
        const lines = ["a", "b", "c"];
        expect(linesToGuide(lines, "b", false)).toEqual(["b"]);
        expect(linesToGuide(lines, "b", true)).toEqual(["a", "b", "c"]);
        expect(linesToGuide(lines, undefined, false)).toEqual([]);
    });

    test("a guide shows by name, an unknown one by id", () => {
        expect(guideName(3, GUIDES)).toBe("Li Na");
        expect(guideName(42, GUIDES)).toBe("#42");
        expect(guideName(false, GUIDES)).toBe("");
    });

    test("the choices list the logged-in employee first and mark the current guide", () => {
        const choices = guideChoices(GUIDES, 3, 7);
        expect(choices.map((c) => c.label)).toEqual(["Zhang Wei", "Li Na"]);
        expect(choices.map((c) => c.isSelected)).toEqual([false, true]);
        expect(choices[1].description).toBe("Baby advisor");
        expect(guideChoices(GUIDES, false, false).map((c) => c.item)).toEqual([3, 7]);
    });
});
