// Exemplars roll up with the buckets: an hour keeps a spread sample of its minutes' errors and the
// slowest of the rest (the SQL of the roll-up agrees with rollUpExemplars), a day the same of its
// hours; retention drops them with the buckets; the exemplars API reads hours for long ranges.
import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { exemplarQuerySchema, exemplarsOf } from "./exemplar-query";
import { rollUpExemplars, type Exemplar } from "./exemplars";
import { emptyHistogram, record } from "./histogram";
import { rollUp } from "./rollup";

// Roll-ups work on the whole table, so this test has a database of its own.
useOwnDatabase("exemplar_rollup");

const MINUTE = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const hex = (n: number, width: number) => n.toString(16).padStart(width, "0");

async function minute(series: string, startMs: number, calls: Exemplar[]) {
  const h = emptyHistogram();
  for (const c of calls) record(h, c.durationMs);
  const errors = calls.filter((c) => c.error).length;
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${series}, 'minute', ${new Date(startMs)}, ${calls.length}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
  await db().$executeRaw`INSERT INTO latency_exemplars (series_key, start, exemplars) VALUES (${series}, ${new Date(startMs)}, ${JSON.stringify(calls)}::jsonb)`;
}

const stored = async (series: string, resolution: string, startMs: number) => {
  const [row] = await db().$queryRaw<{ exemplars: Exemplar[] }[]>`SELECT exemplars FROM latency_exemplars WHERE series_key = ${series} AND resolution = ${resolution} AND start = ${new Date(startMs)}`;
  return row?.exemplars ?? null;
};
const ids = (list: Exemplar[] | null) => (list ?? []).map((e) => e.spanId);

describe("exemplar roll-up", () => {
  it("keeps per hour and day a spread sample of errors and the slowest calls, drops them with the buckets, and serves hours for long ranges", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const series = view.id;
    const nowMs = Math.floor(Date.now() / HOUR) * HOUR + 20 * MINUTE;
    const h0 = nowMs - 20 * MINUTE - 6 * HOUR; // a complete hour, settled after the roll-up
    // Ten minutes of the hour with four calls each: every third call an error, durations spread.
    const all: Exemplar[] = [];
    for (let m = 0; m < 10; m++) {
      const calls = Array.from({ length: 4 }, (_, i) => {
        const n = m * 4 + i;
        return { traceId: hex(n, 32), spanId: hex(n + 1, 16), durationMs: 10 + ((n * 37) % 41), atMs: h0 + m * 6 * MINUTE + i * 1000, error: n % 3 === 0 };
      });
      all.push(...calls);
      await minute(series, h0 + m * 6 * MINUTE, calls);
    }
    await rollUp(new Date(nowMs));

    const hour = await stored(series, "hour", h0);
    const expected = rollUpExemplars(all);
    expect(ids(hour)).toEqual(ids(expected));
    // By hand: 14 errors (n = 0, 3, …, 39) in runs of 5, 5 and 4 → the 1st, 6th and 11th: n = 0, 15, 30.
    // (An error left out of the sample may still be among the slowest of the rest.)
    expect(hour!.slice(0, 3).map((e) => parseInt(e.spanId, 16) - 1)).toEqual([0, 15, 30]);
    expect(hour!.slice(3)).toHaveLength(5);
    expect(Math.min(...hour!.slice(3).map((e) => e.durationMs))).toBeGreaterThanOrEqual(
      [...all].filter((e) => ![0, 15, 30].includes(parseInt(e.spanId, 16) - 1)).sort((x, y) => y.durationMs - x.durationMs)[4]!.durationMs,
    );

    // Running again changes nothing.
    await rollUp(new Date(nowMs));
    expect(ids(await stored(series, "hour", h0))).toEqual(ids(expected));

    // A long range reads the hour (its resolution said), a short one the minutes.
    const read = (fromMs: number, toMs: number) =>
      exemplarsOf(member, view.key, exemplarQuerySchema.parse({ from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), limit: "200" }));
    const long = await read(nowMs - 7 * DAY, nowMs);
    expect(long.resolution).toBe("hour");
    expect(long.items.map((i) => i.spanId).sort()).toEqual(ids(expected).sort());
    const short = await read(h0, h0 + HOUR);
    expect(short.resolution).toBe("minute");
    expect(short.items).toHaveLength(40);

    // Once the day is over it rolls up from its hours; minutes past retention go with their buckets.
    const later = nowMs + 20 * DAY;
    await rollUp(new Date(later));
    const day = await stored(series, "day", Math.floor(h0 / DAY) * DAY);
    expect(ids(day)).toEqual(ids(rollUpExemplars(expected)));
    expect(await stored(series, "minute", h0)).toBeNull();
    expect(await stored(series, "hour", h0)).not.toBeNull();
  });
});
