import { describe, expect, it } from "vitest";
import { dragRange, isZoomed, momentParams, parseMoment, parseSerializedRange, pickParams, serializeRange, stepMoment, unzoomParams, withParams, zoomInRange, zoomParams } from "./chart-zoom";
import { parseRange } from "./time-range";

const now = Date.UTC(2026, 11, 4, 12);
const M = 60_000;
const H = 60 * M;
const at = (iso: string) => Date.parse(iso);
const params = (q: string) => new URLSearchParams(q);

describe("ranges as one URL value", () => {
  it.each([
    [{ kind: "preset", preset: "24h" } as const, "24h"],
    [{ kind: "custom", fromMs: at("2026-12-03T00:00:00Z"), toMs: at("2026-12-03T06:00:00Z") } as const, "2026-12-03T00:00:00.000Z/2026-12-03T06:00:00.000Z"],
  ])("writes and reads back %j", (range, text) => {
    expect(serializeRange(range)).toBe(text);
    expect(parseSerializedRange(text, now)).toEqual(range);
  });

  it.each([null, "", "2w", "a/b", "2026-12-03T06:00:00Z/2026-12-03T00:00:00Z", "2026-12-03T00:00:00Z/2026-12-03T00:01:00Z", "x/y/z"])("refuses %j", (text) => {
    expect(parseSerializedRange(text, now)).toBeNull();
  });
});

describe("dragRange", () => {
  it.each([
    ["left to right, to the end of the last step", at("2026-12-04T08:00:00Z"), at("2026-12-04T09:00:00Z"), 5 * M, [at("2026-12-04T08:00:00Z"), at("2026-12-04T09:05:00Z")]],
    ["right to left, the same", at("2026-12-04T09:00:00Z"), at("2026-12-04T08:00:00Z"), 5 * M, [at("2026-12-04T08:00:00Z"), at("2026-12-04T09:05:00Z")]],
    ["two minutes widened to five about the middle", at("2026-12-04T08:00:00Z"), at("2026-12-04T08:01:00Z"), M, [at("2026-12-04T07:58:30Z"), at("2026-12-04T08:03:30Z")]],
    ["a range running into the future stops now", now - 10 * M, now - 5 * M, 15 * M, [now - 10 * M, now]],
    ["a short range at now keeps five minutes", now - M, now - M, M, [now - 5 * M, now]],
  ])("%s", (_name, a, b, stepMs, [fromMs, toMs]) => {
    expect(dragRange(a, b, stepMs, now)).toEqual({ fromMs, toMs });
  });

  it("zooms in from the keyboard to the middle half", () => {
    expect(zoomInRange(now - 4 * H, now, now)).toEqual({ fromMs: now - 3 * H, toMs: now - H });
    expect(zoomInRange(now - 8 * M, now, now)).toEqual({ fromMs: now - 6.5 * M, toMs: now - 1.5 * M });
  });
});

describe("zoom in the URL", () => {
  const zoomed = { fromMs: at("2026-12-04T08:00:00Z"), toMs: at("2026-12-04T09:00:00Z") };

  it("keeps the range zoomed from, the first one when zooming again, and goes back to it", () => {
    const first = params(withParams("tab=latency&range=6h&compare=1", zoomParams(params("range=6h"), { kind: "preset", preset: "6h" }, zoomed)));
    expect(Object.fromEntries(first)).toEqual({ tab: "latency", range: "custom", compare: "1", from: "2026-12-04T08:00:00.000Z", to: "2026-12-04T09:00:00.000Z", zoom: "6h" });
    expect(isZoomed(first)).toBe(true);
    // Reload: the zoomed range is read back from the URL.
    expect(parseRange(first, now)).toEqual({ kind: "custom", ...zoomed });

    const inner = { fromMs: at("2026-12-04T08:10:00Z"), toMs: at("2026-12-04T08:20:00Z") };
    const second = params(withParams(first.toString(), zoomParams(first, parseRange(first, now), inner)));
    expect(second.get("zoom")).toBe("6h");
    expect(second.get("from")).toBe("2026-12-04T08:10:00.000Z");

    const reset = params(withParams(second.toString(), unzoomParams(second, now)));
    expect(Object.fromEntries(reset)).toEqual({ tab: "latency", range: "6h", compare: "1" });
    expect(isZoomed(reset)).toBe(false);
  });

  it("goes back to a custom range zoomed from, or to the default when the value is damaged", () => {
    const custom = { kind: "custom", fromMs: at("2026-12-01T00:00:00Z"), toMs: at("2026-12-02T00:00:00Z") } as const;
    const z = params(withParams("", zoomParams(params(""), custom, zoomed)));
    expect(unzoomParams(z, now)).toEqual({ range: "custom", from: "2026-12-01T00:00:00.000Z", to: "2026-12-02T00:00:00.000Z", zoom: null, at: null });
    expect(unzoomParams(params("range=custom&zoom=bogus"), now)).toEqual({ range: "6h", from: null, to: null, zoom: null, at: null });
  });

  it("forgets the zoom and the moment when a range is picked", () => {
    expect(pickParams({ kind: "preset", preset: "24h" })).toEqual({ range: "24h", from: null, to: null, zoom: null, at: null });
  });
});

describe("moment links", () => {
  it("opens half an hour either side of the moment, highlighted, with the range to go back to", () => {
    const moment = at("2026-12-04T08:17:00Z");
    const link = params(withParams("tab=latency&range=24h", momentParams(params("range=24h"), { kind: "preset", preset: "24h" }, moment, now)));
    expect(Object.fromEntries(link)).toEqual({ tab: "latency", range: "custom", from: "2026-12-04T07:47:00.000Z", to: "2026-12-04T08:47:00.000Z", zoom: "24h", at: "2026-12-04T08:17:00.000Z" });
    const range = parseRange(link, now);
    expect(range).toEqual({ kind: "custom", fromMs: moment - 30 * M, toMs: moment + 30 * M });
    expect(parseMoment(link, { fromMs: moment - 30 * M, toMs: moment + 30 * M })).toBe(moment);
  });

  it("ends at now for a recent moment", () => {
    const p = momentParams(params(""), { kind: "preset", preset: "1h" }, now - 2 * M, now);
    expect([p.from, p.to]).toEqual([new Date(now - 32 * M).toISOString(), new Date(now).toISOString()]);
  });

  it.each([
    ["no moment", "", null],
    ["nonsense", "at=yesterday", null],
    ["outside the range shown", "at=2026-12-05T00:00:00Z", null],
    ["inside", "at=2026-12-04T10:00:00Z", at("2026-12-04T10:00:00Z")],
  ])("reads %s", (_name, q, expected) => {
    expect(parseMoment(params(q), { fromMs: now - 6 * H, toMs: now })).toBe(expected);
  });
});

describe("picking a moment by keyboard", () => {
  const steps = [0, 60, 120, 180].map((m) => m * 1000);
  it.each([
    ["the newest step when none is picked", null, -1, 180_000],
    ["one step earlier", 120_000, -1, 60_000],
    ["one step later", 60_000, 1, 120_000],
    ["held at the first", 0, -1, 0],
    ["held at the last", 180_000, 1, 180_000],
    ["the step below a moment between two", 90_000, -1, 60_000],
    ["the step above a moment between two", 90_000, 1, 120_000],
    ["the last from beyond the end", 400_000, -1, 180_000],
    ["the first from before the start", -5_000, 1, 0],
    ["several steps at once", 0, 2, 120_000],
  ])("gives %s", (_name, picked, delta, expected) => {
    expect(stepMoment(steps, picked, delta)).toBe(expected);
  });

  it("picks nothing on an empty chart", () => {
    expect(stepMoment([], null, 1)).toBeNull();
  });
});
