// Reading latency across storage tiers: a backfilled month of hours plus live minutes, and hours
// rolled up only to a point — each call is read exactly once, and the newest hour is never missing.
import { beforeAll, describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { emptyHistogram, record } from "./histogram";
import { latencyQuerySchema, latencySeries } from "./latency";

useOwnDatabase("tiers");
const HOUR = 3_600_000;
const nowHour = Math.floor(Date.now() / HOUR) * HOUR;
let member: Awaited<ReturnType<typeof actorFor>>;
let key = "";

async function bucket(seriesKey: string, resolution: string, startMs: number, valuesMs: number[]) {
  const h = emptyHistogram();
  for (const v of valuesMs) record(h, v);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${seriesKey}, ${resolution}, ${new Date(startMs)}, ${valuesMs.length}, 0, ${JSON.stringify(h)}::jsonb)`;
}

beforeAll(async () => {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
  key = view.key;
  // A backfill: one 10 ms call per hour for 3 days up to 3 hours ago…
  for (let t = nowHour - 72 * HOUR; t < nowHour - 3 * HOUR; t += HOUR) await bucket(view.id, "hour", t, [10]);
  // …then live minutes: two calls of 20 ms in each of the last 3 hours (one at :00, one at :30), and
  // the roll-up has made hours of the first two of those hours only.
  for (let t = nowHour - 3 * HOUR; t <= nowHour; t += HOUR) {
    await bucket(view.id, "minute", t, [20]);
    if (t < nowHour) await bucket(view.id, "minute", t + 30 * 60_000, [20]);
  }
  for (const t of [nowHour - 3 * HOUR, nowHour - 2 * HOUR]) await bucket(view.id, "hour", t, [20, 20]);
  await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${new Date(nowHour - HOUR)})`;
});

describe("latency across tiers", () => {
  it("reads a 7-day range from hours where the backfill is, and from minutes past the roll-up, each call once", async () => {
    const from = new Date(nowHour - 7 * 24 * HOUR).toISOString();
    const to = new Date(nowHour + HOUR).toISOString();
    const latency = await latencySeries(member, key, latencyQuerySchema.parse({ from, to, step: "1h" }));
    expect(latency.resolution).toBe("hour");
    const byHour = new Map(latency.series.map((p) => [Date.parse(p.t), p]));
    expect(byHour.get(nowHour - 10 * HOUR)).toMatchObject({ count: 1 });
    expect(byHour.get(nowHour - 3 * HOUR)).toMatchObject({ count: 2 }); // its minutes, not the hour bucket too
    expect(byHour.get(nowHour - HOUR)).toMatchObject({ count: 2 }); // not rolled yet: its minutes
    expect(byHour.get(nowHour)).toMatchObject({ count: 1 });
    expect(latency.series.reduce((n, p) => n + p.count, 0)).toBe(69 + 2 + 2 + 2 + 1);
  });

  it("keeps minutes for a range the minutes cover", async () => {
    const latency = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(nowHour - 2 * HOUR).toISOString(), to: new Date(nowHour + HOUR).toISOString(), step: "30m" }));
    expect(latency.resolution).toBe("minute");
    expect(latency.series.reduce((n, p) => n + p.count, 0)).toBe(5);
    // Only the step that holds now is still filling, and it says how much of it has elapsed.
    const before = Date.now();
    const filling = latency.series.filter((p) => p.partialMs !== undefined);
    expect(filling).toHaveLength(1);
    const start = Date.parse(filling[0]!.t);
    expect(start).toBeLessThanOrEqual(before);
    expect(start + 30 * 60_000).toBeGreaterThan(before - 60_000);
    expect(filling[0]!.partialMs).toBeGreaterThanOrEqual(0);
    expect(filling[0]!.partialMs).toBeLessThan(30 * 60_000);
  });

  it("reads whole days from day buckets where days are rolled, then hours, then minutes — each call once", async () => {
    const DAY = 24 * HOUR;
    // Days roll up from hours, so they never reach past them: the last midnight before the live minutes.
    const dayRolled = Math.floor((nowHour - 4 * HOUR) / DAY) * DAY;
    const { id } = await db().integrationPoint.findUniqueOrThrow({ where: { key }, select: { id: true } });
    // The day roll-up of the backfill: one bucket per whole day before `dayRolled`, as many 10 ms calls as its hours.
    for (let day = Math.floor((nowHour - 72 * HOUR) / DAY) * DAY; day < dayRolled; day += DAY) {
      const hours = Math.max(0, (Math.min(day + DAY, dayRolled) - Math.max(day, nowHour - 72 * HOUR)) / HOUR);
      if (hours > 0) await bucket(id, "day", day, Array.from({ length: hours }, () => 10));
    }
    await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('day', ${new Date(dayRolled)})`;
    const latency = await latencySeries(member, key, latencyQuerySchema.parse({ from: new Date(dayRolled - 10 * DAY).toISOString(), to: new Date(nowHour + HOUR).toISOString(), step: "1d" }));
    expect(latency.series.reduce((n, p) => n + p.count, 0)).toBe(69 + 2 + 2 + 2 + 1);
  });

  it("reads 15-minute steps from five-minute buckets where hours are settled too, and from minutes after, each call once", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const owner = await actorFor("member", [team.id]);
    const { view } = await createIntegration(owner, {
      sourceService: a.slug, targetService: b.slug, operation: "fives", style: "sync", protocol: "grpc", budget: { p99Ms: 100 },
    });
    const at = (hours: number, minutes = 0) => nowHour + hours * HOUR + minutes * 60_000;
    // Hours are rolled until nowHour − 1 h (beforeAll), so settled until nowHour − 3 h; five-minute
    // buckets are rolled further, until nowHour − 30 min (settled until nowHour − 2 h 30 min).
    await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('five_minute', ${new Date(at(0, -30))})`;
    for (const t of [at(-4), at(-3), at(-3, 20), at(-2), at(-1), at(0)]) await bucket(view.id, "minute", t, [20]);
    // Before both lines: the five-minute bucket is read, not its minute (it may hold what pruned minutes did).
    await bucket(view.id, "five_minute", at(-4), [30, 30, 30]);
    // After the hours' line, before its own: a span later than the margin would be missing here, as it
    // is from the hour — so minutes are read, as an hourly read does.
    await bucket(view.id, "five_minute", at(-3, 20), [30, 30, 30, 30, 30]);
    try {
      const latency = await latencySeries(owner, view.key, latencyQuerySchema.parse({ from: new Date(at(-4)).toISOString(), to: new Date(at(1)).toISOString(), step: "15m" }));
      expect(latency.resolution).toBe("minute");
      const count = (t: number) => latency.series.find((p) => Date.parse(p.t) === t)?.count;
      expect(count(at(-4))).toBe(3);
      expect(count(at(-3))).toBe(1);
      expect(count(at(-3, 15))).toBe(1);
      expect(latency.series.reduce((n, p) => n + p.count, 0)).toBe(3 + 5);
    } finally {
      await db().$executeRaw`DELETE FROM telemetry_rollups WHERE resolution = 'five_minute'`;
    }
  });

  it("reads hours the roll-up still revisits from their minutes, so a late span shows before the next pass", async () => {
    const { id } = await db().integrationPoint.findUniqueOrThrow({ where: { key }, select: { id: true } });
    await bucket(id, "minute", nowHour - 2 * HOUR + 45 * 60_000, [20]); // the hour bucket does not have it yet
    const from = new Date(nowHour - 7 * 24 * HOUR).toISOString();
    const latency = await latencySeries(member, key, latencyQuerySchema.parse({ from, to: new Date(nowHour + HOUR).toISOString(), step: "1h" }));
    expect(latency.series.find((p) => Date.parse(p.t) === nowHour - 2 * HOUR)).toMatchObject({ count: 3 });
  });
});
