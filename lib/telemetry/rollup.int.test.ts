import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { emptyHistogram, merge, quantile, record, type Histogram } from "./histogram";
import { rollUp } from "./rollup";

// Rollups work on the whole table, so this test has a database of its own.
useOwnDatabase("rollup");

const HOUR = 3_600_000;
const H0 = Date.UTC(2026, 10, 20, 10); // 10:00 UTC

async function minute(series: string, startMs: number, values: number[], errors = 0, approximate = 0): Promise<Histogram> {
  const h = emptyHistogram();
  for (const v of values) record(h, v);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, approximate_count)
    VALUES (${series}, 'minute', ${new Date(startMs)}, ${values.length}, ${errors}, ${JSON.stringify(h)}::jsonb, ${approximate})`;
  return h;
}

describe("rollups", () => {
  it("roll complete hours and days, exactly, idempotently, catching late data; retention keeps un-rolled rows", async () => {
    const h1 = await minute("s1", H0 + 60_000, [10, 20, 30], 1);
    const h2 = await minute("s1", H0 + 30 * 60_000, [40, 500], 0, 2); // from an explicit-bucket metric
    await minute("s1", H0 + HOUR + 5 * 60_000, [7]);
    await minute("s1", H0 + 2 * HOUR + 60_000, [8]); // the current hour at `now`: not complete, not rolled
    const now = new Date(H0 + 2 * HOUR + 10 * 60_000);

    expect(await rollUp(now)).toMatchObject({ ran: true, rolled: { five_minute: 4, hour: 2, day: 0 } });
    const fives = async () =>
      (await db().latencyBucket.findMany({ where: { resolution: "five_minute" }, orderBy: { start: "asc" } })).map((b) => [(b.start.getTime() - H0) / 60_000, Number(b.count)]);
    // Five-minute buckets, on the epoch's five-minute grid, including the one still filling at `now`'s minute.
    expect(await fives()).toEqual([
      [0, 3],
      [30, 2],
      [65, 1],
      [120, 1],
    ]);
    const hours = await db().latencyBucket.findMany({ where: { resolution: "hour" }, orderBy: { start: "asc" } });
    expect(hours.map((h) => [h.start.getTime() - H0, Number(h.count), Number(h.errors), Number(h.approximateCount)])).toEqual([
      [0, 5, 1, 2],
      [HOUR, 1, 0, 0],
    ]);
    const expected = merge(merge(emptyHistogram(), h1), h2);
    const stored = hours[0]!.histogram as unknown as Histogram;
    expect(stored.buckets).toEqual(expected.buckets);
    expect(quantile(stored, 0.99)).toBe(quantile(expected, 0.99));

    // Again: nothing changes. Then a late minute inside a rolled hour is picked up.
    await rollUp(now);
    expect(Number((await db().latencyBucket.findFirstOrThrow({ where: { resolution: "hour", start: new Date(H0) } })).count)).toBe(5);
    await minute("s1", H0 + 59 * 60_000, [1, 2]);
    await rollUp(new Date(now.getTime() + 60_000));
    expect(Number((await db().latencyBucket.findFirstOrThrow({ where: { resolution: "hour", start: new Date(H0) } })).count)).toBe(7);
    expect(await fives()).toContainEqual([55, 2]); // the same late minute, in its five-minute bucket on the same pass

    // Days roll up from hours once the day is over; minutes past retention go, but only rolled ones.
    const later = new Date(H0 + 20 * 86_400_000);
    const result = await rollUp(later);
    expect(result.rolled.day).toBeGreaterThanOrEqual(1);
    const day = await db().latencyBucket.findFirstOrThrow({ where: { resolution: "day", start: new Date(Date.UTC(2026, 10, 20)) } });
    expect(Number(day.count)).toBe(9);
    expect(Number(day.approximateCount)).toBe(2); // still said to be approximate when read from days
    expect(result.pruned.minute).toBe(5);
    expect(result.pruned.five_minute).toBe(5);
    expect(await db().latencyBucket.count({ where: { resolution: "minute" } })).toBe(0);
  });
});
