import { beforeAll, describe, expect, it } from "vitest";
import { createAnnotation } from "@/lib/catalog/annotations";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { emptyHistogram, quantile, record, type Histogram } from "@/lib/telemetry/histogram";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { driftBoard, estateDrift, type DriftRow } from "./drift-board";
import { forgetKeptDrift } from "./drift-days";
import { refreshHealth } from "./health";
import { observations } from "./observations";

// The board reads how far rollups have gone (one row for the whole table), so it gets a database of its own.
const MIN = 60_000;
const HOUR = 3_600_000;
const DAY = 86_400_000;
const NOW = new Date(Date.UTC(2026, 10, 28, 12, 30)); // 2026-11-28 12:30 UTC
const TODAY = Date.UTC(2026, 10, 28);
const FIRST = TODAY - 34 * DAY; // 2026-10-25: day 0 of the 35
const DAY_UNTIL = Date.UTC(2026, 10, 20); // days rolled up to here…
const HOUR_UNTIL = Date.UTC(2026, 10, 28, 10); // …hours to here, minutes after
const MINUTES_KEPT_FROM = TODAY - 14 * DAY; // minute retention: older minutes are pruned once rolled
const OUTLIER_AT = NOW.getTime() - DAY - 25 * MIN; // 2026-11-27 12:05: inside a rolled hour, just outside the 24 h

interface Call {
  atMs: number;
  ms: number;
}

/**
 * Ten calls an hour in two minute buckets (:05 and :45) up to now, around `base(day)` ms with a spread
 * that depends on the hour; `extra` adds calls (the outlier).
 */
function traffic(base: (day: number) => number, extra: Call[] = []): Call[] {
  const calls: Call[] = [...extra];
  for (let t = FIRST; t < NOW.getTime(); t += HOUR) {
    const day = Math.floor((t - FIRST) / DAY);
    const hour = new Date(t).getUTCHours();
    for (let k = 0; k < 10; k++) {
      const atMs = t + (k < 5 ? 5 : 45) * MIN;
      if (atMs < NOW.getTime()) calls.push({ atMs, ms: base(day) * (1 + ((hour * 7 + k * 3) % 20) / 100) });
    }
  }
  return calls;
}

/** The buckets rollups would have left: days before DAY_UNTIL, hours before HOUR_UNTIL, minutes (and five-minute buckets) kept for 14 days. */
async function store(seriesKey: string, calls: Call[]) {
  const buckets = new Map<string, { resolution: string; start: number; h: Histogram }>();
  const add = (resolution: string, start: number, ms: number) => {
    const id = `${resolution} ${start}`;
    const b = buckets.get(id) ?? { resolution, start, h: emptyHistogram() };
    record(b.h, ms);
    buckets.set(id, b);
  };
  for (const c of calls) {
    const minute = Math.floor(c.atMs / MIN) * MIN;
    const hour = Math.floor(c.atMs / HOUR) * HOUR;
    const day = Math.floor(c.atMs / DAY) * DAY;
    if (minute >= MINUTES_KEPT_FROM || minute >= HOUR_UNTIL) add("minute", minute, c.ms);
    // The five-minute pass runs to the last five minutes, past the hours: reads must not count those twice.
    if (minute >= MINUTES_KEPT_FROM) add("five_minute", Math.floor(c.atMs / (5 * MIN)) * 5 * MIN, c.ms);
    if (hour < HOUR_UNTIL) add("hour", hour, c.ms);
    if (day < DAY_UNTIL) add("day", day, c.ms);
  }
  const rows = [...buckets.values()].map((b) => ({ resolution: b.resolution, start: new Date(b.start).toISOString(), count: b.h.count, histogram: b.h }));
  await db().$executeRaw`
    INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    SELECT ${seriesKey}, r.resolution, r.start, r.count, 0, r.histogram
    FROM jsonb_to_recordset(${JSON.stringify(rows)}::jsonb) AS r(resolution text, start timestamptz, count bigint, histogram jsonb)`;
}

/** Independent of the SQL: every call in [fromMs, toMs) recorded into one histogram, and the exact nearest-rank p99. */
function expected(calls: Call[], fromMs: number, toMs: number) {
  const inside = calls.filter((c) => c.atMs >= fromMs && c.atMs < toMs);
  const h = emptyHistogram();
  for (const c of inside) record(h, c.ms);
  const sorted = inside.map((c) => c.ms).sort((a, b) => a - b);
  return { count: inside.length, p99: quantile(h, 0.99), exactP99: sorted[Math.ceil(0.99 * sorted.length) - 1]! };
}
const rounded = (v: number | null) => (v === null ? null : Math.round(v * 1000) / 1000);
/** What a roll-up pass leaves besides its buckets: a newer `updated_at` (the board keeps a pass's rolled buckets until the next). */
const rollupPass = () => db().$executeRaw`UPDATE telemetry_rollups SET updated_at = updated_at + interval '1 second'`;

let rows: Map<string, DriftRow>;
let board: Awaited<ReturnType<typeof driftBoard>>;
const fixtures = {} as Record<"stable" | "creeping" | "stepped", { key: string; calls: Call[] }>;
let teamSlug = "";
let member: Awaited<ReturnType<typeof actorFor>>;

useOwnDatabase("drift");

beforeAll(async () => {

  const team = await makeTeam();
  teamSlug = team.slug;
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  member = await actorFor("member", [team.id]);
  const declare = async (operation: string, p99Ms: number) =>
    (await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation, style: "sync", protocol: "grpc", budget: { p99Ms } })).view;
  const specs = {
    stable: { budget: 300, base: () => 100, extra: [] as Call[] },
    creeping: { budget: 250, base: (d: number) => 100 * 1.02 ** d, extra: [] as Call[] },
    // +30 % from day 30 (2026-11-24); five 10 s calls just before the 24 h window must stay out of it.
    stepped: { budget: 500, base: (d: number) => (d >= 30 ? 130 : 100), extra: Array.from({ length: 5 }, () => ({ atMs: OUTLIER_AT, ms: 10_000 })) },
  };
  for (const [kind, s] of Object.entries(specs) as [keyof typeof specs, (typeof specs)["stable"]][]) {
    const view = await declare(kind, s.budget);
    const calls = traffic(s.base, s.extra);
    await store(view.id, calls);
    fixtures[kind] = { key: view.key, calls };
  }
  // Another team's integration point without telemetry.
  const otherTeam = await makeTeam();
  const [c1, c2] = [await makeService(otherTeam.id), await makeService(otherTeam.id)];
  await createIntegration(await actorFor("admin"), { sourceService: c1.slug, targetService: c2.slug, operation: "quiet", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
  await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${new Date(HOUR_UNTIL)}), ('day', ${new Date(DAY_UNTIL)})`;

  // Annotations: a deploy the day before the step (near it), an incident two weeks before (not near),
  // one before the 35 days and one after now (neither shown), and one on the stable integration point.
  const mark = (key: string, at: string, kind: "deploy" | "incident", title: string) => createAnnotation(member, { at, kind, title, integrations: [key] });
  await mark(fixtures.stepped.key, "2026-11-23T15:00:00Z", "deploy", "Stock service 4.2");
  await mark(fixtures.stepped.key, "2026-11-10T08:00:00Z", "incident", "Database failover");
  await mark(fixtures.stepped.key, "2026-10-01T08:00:00Z", "deploy", "Too old");
  await mark(fixtures.stepped.key, "2026-11-28T13:00:00Z", "deploy", "After now");
  await mark(fixtures.stable.key, "2026-11-20T09:00:00Z", "deploy", "Stable 1.1");

  board = await driftBoard(member, { now: NOW });
  rows = new Map(board.items.map((r) => [r.key, r]));
});

describe("drift board", () => {
  it("counts every call once across day, hour and minute buckets, day by day", () => {
    for (const f of Object.values(fixtures)) {
      const row = rows.get(f.key)!;
      expect(row.daily).toHaveLength(35);
      expect(row.daily[0]!.day).toBe("2026-10-25");
      expect(row.daily[34]!.day).toBe("2026-11-28");
      for (const [i, d] of row.daily.entries()) {
        const e = expected(f.calls, FIRST + i * DAY, Math.min(FIRST + (i + 1) * DAY, NOW.getTime()));
        expect({ day: d.day, count: d.count, p99Ms: d.p99Ms }).toEqual({ day: d.day, count: e.count, p99Ms: rounded(e.p99) });
      }
    }
    // 240 calls a full day whatever resolution holds it; today has 12 full hours and the 12:05 bucket.
    const stable = rows.get(fixtures.stable.key)!.daily;
    expect(stable.map((d) => d.count)).toEqual([...Array<number>(34).fill(240), 125]);
  });

  it("reads the baseline, the last 7 days and the last 24 hours exactly", () => {
    for (const f of Object.values(fixtures)) {
      const row = rows.get(f.key)!;
      const baseline = expected(f.calls, FIRST, TODAY - 6 * DAY);
      const recent7d = expected(f.calls, TODAY - 6 * DAY, NOW.getTime());
      const recent24h = expected(f.calls, NOW.getTime() - DAY, NOW.getTime());
      expect(row.baselineP99Ms).toBe(rounded(baseline.p99));
      expect(row.recent7dP99Ms).toBe(rounded(recent7d.p99));
      expect(row.recent24hP99Ms).toBe(rounded(recent24h.p99));
      // And within the histograms' 0.5 % of the exact nearest-rank p99 of the raw calls.
      expect(Math.abs(row.recent24hP99Ms! / recent24h.exactP99 - 1)).toBeLessThanOrEqual(0.005);
      expect(Math.abs(row.baselineP99Ms! / baseline.exactP99 - 1)).toBeLessThanOrEqual(0.005);
    }
    // The outlier sits in a rolled hour that straddles the 24 h edge: counted in that day, not in the 24 h.
    const stepped = rows.get(fixtures.stepped.key)!;
    expect(stepped.daily[33]!.count).toBe(245);
    expect(stepped.recent24hP99Ms).toBeLessThan(200);
  });

  it("measures the change, the trend, the change point and the projected breach", () => {
    const stable = rows.get(fixtures.stable.key)!;
    expect(stable).toMatchObject({ changeMs: 0, changePercent: 0, slopePercentPerDay: 0, driftingSince: null, projectedBreachAt: null, overBudget: false });

    // +30 % from 2026-11-24: the 7-day p99 is 1.3 × the baseline's (same spread), flagged from that day.
    const stepped = rows.get(fixtures.stepped.key)!;
    const [before, after] = [expected(fixtures.stepped.calls, FIRST, TODAY - 6 * DAY).p99!, expected(fixtures.stepped.calls, TODAY - 6 * DAY, NOW.getTime()).p99!];
    expect(stepped.changeMs).toBeCloseTo(after - before, 3);
    expect(stepped.changePercent).toBeCloseTo(((after - before) / before) * 100, 2);
    expect(stepped.changePercent).toBeGreaterThan(28);
    expect(stepped.changePercent).toBeLessThan(32);
    expect(stepped.driftingSince).toBe("2026-11-24");
    // The annotations in the 35 days, oldest first; the deploy the day before the step is near it.
    expect(stepped.annotations).toEqual([
      { at: "2026-11-10T08:00:00.000Z", day: "2026-11-10", kind: "incident", title: "Database failover", link: null, nearChange: false },
      { at: "2026-11-23T15:00:00.000Z", day: "2026-11-23", kind: "deploy", title: "Stock service 4.2", link: null, nearChange: true },
    ]);
    // Without a change point nothing is near one.
    expect(stable.annotations).toEqual([{ at: "2026-11-20T09:00:00.000Z", day: "2026-11-20", kind: "deploy", title: "Stable 1.1", link: null, nearChange: false }]);
    expect(rows.get(fixtures.creeping.key)!.annotations).toEqual([]);
    expect(stepped.projectedBreachAt).toBeNull(); // most days share a level: the robust slope is 0

    // Creeping 2 %/day: today's p99 is p99(day 0) × 1.02^34; the 250 ms budget is ln(250 / that) / ln 1.02 days on.
    const creeping = rows.get(fixtures.creeping.key)!;
    const day0 = expected(fixtures.creeping.calls, FIRST, FIRST + DAY).exactP99;
    const days = Math.log(250 / (day0 * 1.02 ** 34)) / Math.log(1.02);
    expect(creeping.slopePercentPerDay).toBeCloseTo(2, 1);
    expect(creeping.daysToBreach).toBeCloseTo(days, 0);
    expect(creeping.projectedBreachAt).toBe(new Date(TODAY + Math.ceil(days) * DAY).toISOString().slice(0, 10));
    expect(creeping.overBudget).toBe(false);
  });

  it("ranks by drift and by time to breach, filters by team and limits", async () => {
    const ours = [fixtures.stepped.key, fixtures.creeping.key, fixtures.stable.key];
    expect(board.generatedAt).toBe(NOW.toISOString());
    expect(board.items).toHaveLength(4);
    expect(board.items.slice(0, 3).map((r) => r.key)).toEqual(ours);
    expect(board.items[3]).toMatchObject({ baselineP99Ms: null, recent24hP99Ms: null, changePercent: null, daily: expect.any(Array) });
    const byBreach = await driftBoard(member, { now: NOW, sort: "breach", team: teamSlug });
    expect(byBreach.items.map((r) => r.key)).toEqual([fixtures.creeping.key, fixtures.stepped.key, fixtures.stable.key]);
    expect(byBreach.items[0]).toMatchObject({ team: teamSlug, budgetP99Ms: 250 });
    expect((await driftBoard(member, { now: NOW, team: teamSlug, limit: 1 })).items.map((r) => r.key)).toEqual([fixtures.stepped.key]);
    expect((await driftBoard(member, { now: NOW, team: "no-such-team" })).items).toEqual([]);
  });

  it("hands the rules the same trend through observations", async () => {
    const o = await observations(NOW);
    const creeping = rows.get(fixtures.creeping.key)!;
    expect(o.get(fixtures.creeping.key)!.drift).toEqual({
      slopePercentPerDay: creeping.slopePercentPerDay,
      recent7dP99Ms: creeping.recent7dP99Ms,
      daysToBreach: creeping.daysToBreach,
      projectedBreachAt: creeping.projectedBreachAt,
      driftingSince: creeping.driftingSince,
    });
    expect(o.get(fixtures.stable.key)!.drift).toMatchObject({ daysToBreach: null });
  });

  it("takes the last 24 hours from a fresh health refresh, which reads the same exact window", async () => {
    await refreshHealth(NOW);
    const health = await db().$queryRaw<{ key: string; p99: number | null; calls: bigint }[]>`
      SELECT ip.key, h.p99_ms_24h AS p99, h.calls_24h AS calls FROM integration_health h JOIN integration_points ip ON ip.id = h.integration_id`;
    for (const f of Object.values(fixtures)) {
      const h = health.find((r) => r.key === f.key)!;
      const e = expected(f.calls, NOW.getTime() - DAY, NOW.getTime());
      expect({ calls: Number(h.calls), p99: rounded(h.p99) }).toEqual({ calls: e.count, p99: rounded(e.p99) });
    }
    expect(await estateDrift(NOW)).toEqual(await estateDrift(NOW, undefined, { settled: false }));
    // And not once the row is older than a reader allows.
    await db().$executeRaw`UPDATE integration_health SET p99_ms_24h = 1`;
    expect((await estateDrift(NOW)).map((r) => r.recent24hP99Ms)).toContain(1);
    const later = new Date(NOW.getTime() + 3 * MIN);
    expect((await estateDrift(later)).map((r) => r.recent24hP99Ms)).not.toContain(1);
    await refreshHealth(NOW);
  });

  it("keeps the settled days in drift_closed, equal to reading every day afresh, and reads them from there", async () => {
    // Hours are rolled to 10:00, two hours of margin: every day before today is settled.
    const kept = await db().$queryRaw<{ as_of: string; n: bigint }[]>`SELECT as_of, count(*) AS n FROM drift_closed GROUP BY 1`;
    expect(kept).toEqual([{ as_of: "2026-10-25/2026-11-28", n: 4n }]);
    expect(await estateDrift(NOW)).toEqual(await estateDrift(NOW, undefined, { settled: false }));
    // A request merges the kept days with today's, not the buckets of the settled ones: a fresh instance
    // reads them from drift_closed, and then the process keeps its copy of the range's rows.
    const { key } = fixtures.stable;
    const tamper = (count: number) => db().$executeRaw`
      UPDATE drift_closed SET days = jsonb_set(days, '{0,count}', ${String(count)}::jsonb) WHERE series_key = (SELECT id::text FROM integration_points WHERE key = ${key})`;
    await tamper(7);
    expect((await estateDrift(NOW)).find((r) => r.key === key)!.daily[0]!.count).toBe(240);
    forgetKeptDrift();
    const tampered = (await estateDrift(NOW)).find((r) => r.key === key)!;
    expect(tampered.daily[0]!.count).toBe(7);
    expect(tampered.daily[34]!.count).toBe(125);
    await tamper(9);
    expect((await estateDrift(NOW)).find((r) => r.key === key)!.daily[0]!.count).toBe(7);
  });

  it("recomputes the settled part when the range moves: the next day, and a roll-up that fell behind", async () => {
    const tomorrow = new Date(NOW.getTime() + DAY);
    // Hours rolled to 01:00 tomorrow: today is not settled yet, so it is read afresh beside the kept days.
    await db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = ${new Date(TODAY + DAY + HOUR)} WHERE resolution = 'hour'`;
    try {
      const moved = await estateDrift(tomorrow);
      expect(moved).toEqual(await estateDrift(tomorrow, undefined, { settled: false }));
      const kept = await db().$queryRaw<{ as_of: string }[]>`SELECT DISTINCT as_of FROM drift_closed`;
      expect(kept).toEqual([{ as_of: "2026-10-26/2026-11-28" }]);
      // The tampered row was of the old range: nothing of it is left.
      expect(moved.find((r) => r.key === fixtures.stable.key)!.daily[0]!.count).toBe(240);
    } finally {
      await db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = ${new Date(HOUR_UNTIL)} WHERE resolution = 'hour'`;
    }
  });

  it("reads five-minute buckets where they are rolled up, between the hours and the last minutes, each call once", async () => {
    // Five-minute buckets rolled to 12:15: today reads hours to 10:00, five-minute buckets to 12:15, minutes after.
    await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('five_minute', ${new Date(TODAY + 12 * HOUR + 15 * MIN)})`;
    try {
      const withFive = new Map((await estateDrift(NOW)).map((r) => [r.key, r]));
      for (const f of Object.values(fixtures)) expect(withFive.get(f.key)!.daily).toEqual(rows.get(f.key)!.daily);
      // What the five-minute buckets are read for: one of them changed shows on today's point.
      const stable = fixtures.stable.key;
      await db().$executeRaw`
        UPDATE latency_buckets SET count = count + 1000
        WHERE series_key = (SELECT id::text FROM integration_points WHERE key = ${stable}) AND resolution = 'five_minute' AND start = ${new Date(TODAY + 11 * HOUR + 5 * MIN)}`;
      // Only a roll-up pass writes five-minute buckets: until the next one, the board keeps what it read.
      const todayCount = async () => (await estateDrift(NOW)).find((r) => r.key === stable)!.daily[34]!.count;
      expect(await todayCount()).toBe(125);
      await rollupPass();
      expect(await todayCount()).toBe(1125);
      await db().$executeRaw`
        UPDATE latency_buckets SET count = count - 1000
        WHERE series_key = (SELECT id::text FROM integration_points WHERE key = ${stable}) AND resolution = 'five_minute' AND start = ${new Date(TODAY + 11 * HOUR + 5 * MIN)}`;
      await rollupPass();
    } finally {
      await db().$executeRaw`DELETE FROM telemetry_rollups WHERE resolution = 'five_minute'`;
    }
  });

  it("keeps today's settled hours in the process and reads only the hours after them", async () => {
    const { key } = fixtures.stable;
    const today = async (settled?: false) => (await estateDrift(NOW, undefined, settled === false ? { settled } : {})).find((r) => r.key === key)!.daily[34]!.count;
    // Calls counted into an hour bucket of today by a roll-up pass, as a late one could never do to a settled hour.
    const bump = async (hour: number, by: number) => {
      await db().$executeRaw`
        UPDATE latency_buckets SET count = count + ${by}
        WHERE series_key = (SELECT id::text FROM integration_points WHERE key = ${key}) AND resolution = 'hour' AND start = ${new Date(TODAY + hour * HOUR)}`;
      await rollupPass();
    };
    const rollHoursTo = (ms: number) => db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = ${new Date(ms)}, updated_at = updated_at + interval '1 second' WHERE resolution = 'hour'`;
    expect(await today()).toBe(125);
    try {
      // Hours rolled to 10:00, two hours of margin: 00:00–08:00 are kept, 08:00 onwards is read afresh.
      await bump(7, 1000);
      await bump(9, 100);
      expect(await today()).toBe(225);
      expect(await today(false)).toBe(1225);
      // The margin's hours as the last roll-up pass left them: a change with no pass is not read, the next pass's is.
      const margin = (by: number) => db().$executeRaw`
        UPDATE latency_buckets SET count = count + ${by}
        WHERE series_key = (SELECT id::text FROM integration_points WHERE key = ${key}) AND resolution = 'hour' AND start = ${new Date(TODAY + 9 * HOUR)}`;
      await margin(1);
      expect(await today()).toBe(225);
      await rollupPass();
      expect(await today()).toBe(226);
      await margin(-1);
      await rollupPass();
      // The roll-up moves on an hour: the 08:00 hour is settled now, read once and kept. (The fixture has
      // no hour bucket at 10:00, its calls are minutes: hours rolled to 11:00 hide them from both reads.)
      await rollHoursTo(HOUR_UNTIL + HOUR);
      expect(await today()).toBe(215);
      await bump(8, 10_000);
      expect(await today()).toBe(215);
      expect(await today(false)).toBe(11_215);
    } finally {
      await bump(7, -1000);
      await bump(8, -10_000);
      await bump(9, -100);
      await rollHoursTo(HOUR_UNTIL);
    }
    // A line behind the kept hours (the roll-up rewound) reads them again.
    expect(await today()).toBe(125);
    expect(await estateDrift(NOW)).toEqual(await estateDrift(NOW, undefined, { settled: false }));
  });

  it("hands out a row again while its inputs are the same, and builds it afresh when any of them changes", async () => {
    const { key } = fixtures.stable;
    const rowOf = async () => (await estateDrift(NOW)).find((r) => r.key === key)!;
    const first = await rowOf();
    expect(await rowOf()).toBe(first);
    expect(Object.isFrozen(first)).toBe(true);
    const seriesKey = (await db().$queryRaw<{ id: string }[]>`SELECT id::text FROM integration_points WHERE key = ${key}`)[0]!.id;
    // Calls since the settled line: a minute bucket of today after the hours.
    await db().$executeRaw`UPDATE latency_buckets SET count = count + 5 WHERE series_key = ${seriesKey} AND resolution = 'minute' AND start = ${new Date(TODAY + 12 * HOUR + 5 * MIN)}`;
    try {
      const moreCalls = await rowOf();
      expect(moreCalls).not.toBe(first);
      expect(moreCalls.daily[34]!.count).toBe(first.daily[34]!.count + 5);
      expect(await rowOf()).toBe(moreCalls);
    } finally {
      await db().$executeRaw`UPDATE latency_buckets SET count = count - 5 WHERE series_key = ${seriesKey} AND resolution = 'minute' AND start = ${new Date(TODAY + 12 * HOUR + 5 * MIN)}`;
    }
    // The declaration: a new budget is a new row.
    await db().$executeRaw`UPDATE integration_points SET budget_p99_ms = budget_p99_ms + 1 WHERE key = ${key}`;
    try {
      expect((await rowOf()).budgetP99Ms).toBe(first.budgetP99Ms + 1);
    } finally {
      await db().$executeRaw`UPDATE integration_points SET budget_p99_ms = budget_p99_ms - 1 WHERE key = ${key}`;
    }
    // An annotation on it.
    await createAnnotation(member, { at: "2026-11-27T09:00:00Z", kind: "deploy", title: "Stable 1.2", integrations: [key] });
    expect((await rowOf()).annotations.map((a) => a.title)).toContain("Stable 1.2");
    // Back where it started, the rows read every day afresh agree with the handed-out ones.
    const fromScratch = (await estateDrift(NOW, undefined, { settled: false })).find((r) => r.key === key)!;
    expect(await rowOf()).toEqual(fromScratch);
  });

  it("needs catalog:read", async () => {
    const noScope = { ...member, via: "token" as const, scopes: [] };
    await expect(driftBoard(noScope, { now: NOW })).rejects.toMatchObject({ code: "forbidden" });
  });
});
