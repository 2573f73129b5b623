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
    expect(burnWindowRanges(now, 0)).toEqual({ hours: [], fives: [], minutes: [[now - WINDOW_MS["3d"], now]] });
  });

  it("reads settled whole five minutes inside a ring as five-minute buckets, minutes at the rings' edges", () => {
    const now = Date.UTC(2026, 10, 29, 12, 37);
    // Hours settled to 10:00, five-minute buckets to 10:22 (both lines less their margins).
    const { hours, fives, minutes } = burnWindowRanges(now, Date.UTC(2026, 10, 29, 10), Date.UTC(2026, 10, 29, 10, 22));
    expect(hours).toEqual([
      [Date.UTC(2026, 10, 26, 13), Date.UTC(2026, 10, 28, 12)],
      [Date.UTC(2026, 10, 28, 13), Date.UTC(2026, 10, 29, 6)],
    ]);
    expect(fives).toEqual([
      // The ragged hour after the 3 d start (12:37), from the next five minutes; the hour around the 1 d
      // start, on either side of it.
      [Date.UTC(2026, 10, 26, 12, 40), Date.UTC(2026, 10, 26, 13)],
      [Date.UTC(2026, 10, 28, 12), Date.UTC(2026, 10, 28, 12, 35)],
      [Date.UTC(2026, 10, 28, 12, 40), Date.UTC(2026, 10, 28, 13)],
      // Since 06:00: to the 6 h start (06:37), then from it to where five minutes are settled.
      [Date.UTC(2026, 10, 29, 6), Date.UTC(2026, 10, 29, 6, 35)],
      [Date.UTC(2026, 10, 29, 6, 40), Date.UTC(2026, 10, 29, 10, 20)],
    ]);
    expect(minutes).toEqual([
      [Date.UTC(2026, 10, 26, 12, 37), Date.UTC(2026, 10, 26, 12, 40)],
      [Date.UTC(2026, 10, 28, 12, 35), Date.UTC(2026, 10, 28, 12, 40)],
      [Date.UTC(2026, 10, 29, 6, 35), Date.UTC(2026, 10, 29, 6, 40)],
      [Date.UTC(2026, 10, 29, 10, 20), now],
    ]);
  });

  it("covers the three days exactly once, with every hour and five minutes inside one ring and settled", () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 10_000_000 }), fc.integer({ min: -100 * 60, max: 5 * 60 }), fc.integer({ min: -100 * 60, max: 5 * 60 }), (minuteOfEpoch, settledOffsetMin, fiveOffsetMin) => {
        const now = 1_700_000_000_000 + minuteOfEpoch * MINUTE;
        const settled = Math.floor((now + settledOffsetMin * MINUTE) / HOUR) * HOUR;
        const fiveSettled = Math.floor((now + fiveOffsetMin * MINUTE) / (5 * MINUTE)) * 5 * MINUTE;
        const { hours, fives, minutes } = burnWindowRanges(now, settled, fiveSettled);
        const all = [...hours, ...fives, ...minutes].sort((a, b) => a[0] - b[0]);
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
        for (const [from, to] of fives) {
          expect(from % (5 * MINUTE)).toBe(0);
          expect(to % (5 * MINUTE)).toBe(0);
          expect(to).toBeLessThanOrEqual(fiveSettled);
          // A five-minute bucket is counted in the ring of its start: its last minute must be in the same ring.
          for (let f = from; f < to; f += 5 * MINUTE) expect(ring(now, f + 5 * MINUTE - 1)).toBe(ring(now, f));
        }
      }),
    );
  });
});
