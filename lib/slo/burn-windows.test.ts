import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { BURN_WINDOWS } from "./burn-rate";
import { burnWindowRanges, WINDOW_MS } from "./burn-windows";

const HOUR = 3_600_000;
const MINUTE = 60_000;

/** The window ring a bucket starting at `t` falls in: the shortest window holding it. */
const ring = (nowMs: number, t: number) => BURN_WINDOWS.findIndex((w) => t >= nowMs - WINDOW_MS[w]);

describe("burnWindowRanges", () => {
  it("reads settled whole hours between the window starts and minutes everywhere else", () => {
    const now = Date.UTC(2026, 10, 29, 12, 37);
    const { hours, minutes } = burnWindowRanges(now, Date.UTC(2026, 10, 29, 10));
    expect(hours).toEqual([
      [Date.UTC(2026, 10, 26, 13), Date.UTC(2026, 10, 28, 12)],
      [Date.UTC(2026, 10, 28, 13), Date.UTC(2026, 10, 29, 6)],
    ]);
    expect(minutes).toEqual([
      [Date.UTC(2026, 10, 26, 12, 37), Date.UTC(2026, 10, 26, 13)],
      [Date.UTC(2026, 10, 28, 12), Date.UTC(2026, 10, 28, 13)],
      [Date.UTC(2026, 10, 29, 6), now],
    ]);
  });

  it("reads only minutes when nothing is rolled up", () => {
    const now = Date.UTC(2026, 10, 29, 12, 37);
    expect(burnWindowRanges(now, 0)).toEqual({ hours: [], minutes: [[now - WINDOW_MS["3d"], now]] });
  });

  it("covers the three days exactly once, with every hour inside one ring and settled", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -100 * 60, max: 5 * 60 }), (minuteOfEpoch, settledOffsetMin) => {
        const now = 1_700_000_000_000 + minuteOfEpoch * MINUTE;
        const settled = Math.floor((now + settledOffsetMin * MINUTE) / HOUR) * HOUR;
        const { hours, minutes } = burnWindowRanges(now, settled);
        const all = [...hours, ...minutes].sort((a, b) => a[0] - b[0]);
        expect(all[0]![0]).toBe(now - WINDOW_MS["3d"]);
        expect(all.at(-1)![1]).toBe(now);
        for (let i = 1; i < all.length; i++) expect(all[i]![0]).toBe(all[i - 1]![1]); // no gap, no overlap
        for (const [from, to] of hours) {
          expect(from % HOUR).toBe(0);
          expect(to % HOUR).toBe(0);
          expect(to).toBeLessThanOrEqual(settled);
          expect(to).toBeLessThanOrEqual(now - WINDOW_MS["6h"]);
          for (let h = from; h < to; h += HOUR) expect(ring(now, h + HOUR - MINUTE)).toBe(ring(now, h));
        }
      }),
    );
  });
});
