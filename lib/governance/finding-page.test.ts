import { describe, expect, it } from "vitest";
import { pageOfFindings } from "./finding-page";

const f = (id: string, severity: "error" | "warning" | "info", waived = false) => ({ id, severity, waived, rule: `rule-${id.slice(0, 1)}`, team: null, integration: null });
// As evaluated: mixed severities, one waived error.
const all = [f("w1", "warning"), f("e1", "error", true), f("i1", "info"), f("e2", "error"), f("w2", "warning"), f("e3", "error")];
const ids = (items: { id: string }[]) => items.map((x) => x.id);

describe("pageOfFindings", () => {
  it.each([
    // page, size → ids shown, page, pages, from, to
    [1, 10, ["e2", "e3", "e1", "w1", "w2", "i1"], 1, 1, 1, 6],
    [1, 2, ["e2", "e3"], 1, 3, 1, 2],
    [2, 2, ["e1", "w1"], 2, 3, 3, 4],
    [3, 2, ["w2", "i1"], 3, 3, 5, 6],
    [9, 4, ["w2", "i1"], 2, 2, 5, 6], // past the end: the last page
    [0, 4, ["e2", "e3", "e1", "w1"], 1, 2, 1, 4], // before the start: the first
    [Number.NaN, 4, ["e2", "e3", "e1", "w1"], 1, 2, 1, 4],
  ])("page %s of size %s", (page, size, shown, current, pages, from, to) => {
    const result = pageOfFindings(all, page, size);
    expect(ids(result.items)).toEqual(shown);
    expect([result.page, result.pages, result.from, result.to]).toEqual([current, pages, from, to]);
  });

  it("answers an empty first page when there are no findings", () => {
    expect(pageOfFindings([], 3, 5)).toEqual({ items: [], page: 1, pages: 1, from: 0, to: 0 });
  });
});
