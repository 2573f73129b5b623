import { describe, expect, it } from "vitest";
import { exemplarPoints, exemplarsInCell, traceUrl, type ExemplarItem } from "./exemplar-data";

const item = (at: string, durationMs: number, error = false): ExemplarItem => ({ traceId: `t${durationMs}`, spanId: `s${durationMs}`, durationMs, at, error });

describe("traceUrl", () => {
  it.each([
    ["https://jaeger.example.com/trace/{traceId}", "4bf92f3577b34da6", "https://jaeger.example.com/trace/4bf92f3577b34da6"],
    ["https://g.example/explore?left={traceId}&right={traceId}", "ab", "https://g.example/explore?left=ab&right=ab"],
    ["https://x.example/t/{traceId}", "a b/c", "https://x.example/t/a%20b%2Fc"],
    [null, "ab", null],
    ["", "ab", null],
  ])("%s with %s gives %s", (template, id, expected) => {
    expect(traceUrl(template, id)).toBe(expected);
  });
});

describe("exemplarPoints", () => {
  it("keeps the points inside [from, to) of the axis, in reverse (the API answers slowest first), so the slowest are drawn on top", () => {
    const items = [item("2026-01-01T00:10:00.000Z", 50), item("2026-01-01T00:00:00.000Z", 40), item("2026-01-01T01:00:00.000Z", 30)];
    const points = exemplarPoints(items, [Date.parse("2026-01-01T00:00:00Z"), Date.parse("2026-01-01T01:00:00Z")]);
    expect(points.map((p) => [p.durationMs, p.x])).toEqual([
      [40, Date.parse("2026-01-01T00:00:00Z")],
      [50, Date.parse("2026-01-01T00:10:00Z")],
    ]);
  });
});

describe("exemplarsInCell", () => {
  // Bands of 10–100 ms and 100–1000 ms (log-spaced edges 10, 100, 1000).
  const bandsMs = [10, 100, 1000];
  const fromMs = Date.parse("2026-01-01T00:00:00Z");
  const items = [
    item("2026-01-01T00:00:00.000Z", 5), // below the range: lowest band
    item("2026-01-01T00:00:30.000Z", 99),
    item("2026-01-01T00:00:59.999Z", 100), // an edge belongs to the band above
    item("2026-01-01T00:00:10.000Z", 2000), // above the range: top band
    item("2026-01-01T00:01:00.000Z", 50), // the next column
  ];
  it.each([
    [0, [5, 99]],
    [1, [100, 2000]],
  ])("band %i of the first minute holds %j", (band, expected) => {
    expect(exemplarsInCell(items, { fromMs, toMs: fromMs + 60_000, bandsMs, band }).map((e) => e.durationMs)).toEqual(expected);
  });
});
