import { describe, expect, it } from "vitest";
import { pageOf, pageRange } from "./page-of";

const rows = Array.from({ length: 250 }, (_, i) => i + 1);

describe("pageOf", () => {
  it.each([
    // page asked, page given, first, last
    [1, 1, 1, 100],
    [3, 3, 201, 250],
    [9, 3, 201, 250], // past the end: the last page
    [0, 1, 1, 100],
    [Number.NaN, 1, 1, 100],
    [2.7, 2, 101, 200],
  ])("page %s of 250 rows by 100 → page %s, rows %s–%s", (asked, page, from, to) => {
    const p = pageOf(rows, asked, 100);
    expect({ page: p.page, pages: p.pages, from: p.from, to: p.to }).toEqual({ page, pages: 3, from, to });
    expect(p.items[0]).toBe(from);
    expect(p.items.at(-1)).toBe(to);
  });

  it("answers one empty page for nothing", () => {
    expect(pageOf([], 4, 100)).toEqual({ items: [], page: 1, pages: 1, from: 0, to: 0 });
  });
});

describe("pageRange", () => {
  it.each([
    // total, page asked, page, offset, from, to
    [250, 3, 3, 200, 201, 250],
    [250, 9, 3, 200, 201, 250],
    [200, 2, 2, 100, 101, 200],
    [0, 2, 1, 0, 0, 0],
  ])("%s items, page %s → page %s at offset %s, items %s–%s", (total, asked, page, offset, from, to) => {
    expect(pageRange(total, asked, 100)).toMatchObject({ page, offset, from, to });
  });
});
