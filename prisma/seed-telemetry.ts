// The demo estate's 30-day telemetry backfill, so the first start shows live charts: hour buckets for
// the month, minute buckets for the last 25 hours, then the regular roll-up makes the days. Daily and
// weekly traffic cycles, plus four stories: a p99 creeping toward its budget, a deploy that broke a
// budget, an incident with errors (and a retry storm: callers retrying into the failing callee), and an
// async integration whose delivery lag keeps growing.
// Deterministic (seeded PRNG) and written straight as histograms — telemetry is never stored span by span —
// with a few exemplars per minute (made-up trace ids) so the charts have calls to open.
import { Prisma, type PrismaClient } from "@prisma/client";
import type { Exemplar } from "../lib/telemetry/exemplars";
import type { AttemptCounts } from "../lib/telemetry/retries";
import { bucketValue, type Histogram } from "../lib/telemetry/histogram";
import { noisyCount, prng, sampleShape, syntheticHistogram, type LatencyShape } from "../lib/telemetry/synthetic";

const HOUR_MS = 3_600_000;
const MINUTE_MS = 60_000;
const DAY_MS = 24 * HOUR_MS;
export const BACKFILL_DAYS = 30;
const MINUTE_HOURS = 25;

/** The stories, by integration key: what the drift board, the SLO panel and the overview have to find. */
export const STORIES = {
  creeping: "checkout->payments:authorize",
  deployRegression: "cart->pricing:price-lines",
  incident: "checkout->inventory:reserve-stock",
  growingLag: "orders->shipping:order-ready",
  silent: "inventory->search:stock-changed",
} as const;

interface Declared {
  id: string;
  key: string;
  style: string;
  criticality: string;
  budget_p99_ms: number;
}

interface Profile {
  shapeAt(tMs: number, load: number): LatencyShape;
  /** Mean calls per minute at full daily load. */
  peakPerMinute: number;
  errorRateAt(tMs: number): number;
  /** No calls at or after this time (a silent integration). */
  stopsAtMs: number | null;
  /** Callers retrying into a failing callee at this time: attempts per logical call well above 1. */
  stormAt(tMs: number): boolean;
}

/** 0.25 at night, 1 at the mid-afternoon peak (UTC), 60 % of that on weekends. */
export function loadAt(tMs: number): number {
  const d = new Date(tMs);
  const hour = d.getUTCHours() + d.getUTCMinutes() / 60;
  const daily = 0.25 + 0.75 * Math.max(0, Math.sin(((hour - 6) / 18) * Math.PI)) ** 1.5;
  const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6 ? 0.6 : 1;
  return daily * weekend;
}

function profileFor(ip: Declared, nowMs: number, random: () => number): Profile {
  const async = ip.style !== "sync" && ip.style !== "hybrid";
  // Most integrations sit comfortably inside budget: p99 at 45–70 % of it.
  const p99Share = 0.45 + random() * 0.25;
  const sigma = async ? 0.45 : 0.22 + random() * 0.12;
  const tailFactor = 2.2;
  const tailShare = 0.012;
  // For this mixture p99 ≈ median · e^(2.33σ) · ~1.25: solve for the median from the wanted p99.
  const baseMedian = (ip.budget_p99_ms * p99Share) / (Math.exp(2.33 * sigma) * 1.25);
  const peakPerMinute = { critical: 400, high: 150, medium: 40, low: 12 }[ip.criticality] ?? 20;
  const monthAgo = nowMs - BACKFILL_DAYS * DAY_MS;
  const base: Profile = {
    peakPerMinute: async ? peakPerMinute / 4 : peakPerMinute,
    // Latency rises a little with load, as queues form at the peak.
    shapeAt: (_t, load) => ({ medianMs: baseMedian * (1 + 0.12 * load), sigma, tailShare, tailFactor }),
    errorRateAt: () => 0.0004,
    stopsAtMs: null,
    stormAt: () => false,
  };
  switch (ip.key) {
    case STORIES.creeping: {
      // p99 from ~55 % of budget to ~92 % over the month: drift is flagged before the budget breaks.
      const median = (share: number) => (ip.budget_p99_ms * share) / (Math.exp(2.33 * sigma) * 1.25 * 1.12);
      return { ...base, shapeAt: (t, load) => ({ medianMs: median(0.55 + 0.37 * Math.min(1, (t - monthAgo) / (nowMs - monthAgo))) * (1 + 0.12 * load), sigma, tailShare, tailFactor }) };
    }
    case STORIES.deployRegression: {
      const deployAt = deployRegressionAt(nowMs);
      return { ...base, shapeAt: (t, load) => ({ medianMs: baseMedian * (t >= deployAt ? 1.9 : 1) * (1 + 0.12 * load), sigma, tailShare, tailFactor }) };
    }
    case STORIES.incident: {
      const [from, to] = incidentWindow(nowMs);
      return {
        ...base,
        shapeAt: (t, load) => ({ medianMs: baseMedian * (t >= from && t < to ? 2.6 : 1) * (1 + 0.12 * load), sigma, tailShare: t >= from && t < to ? 0.08 : tailShare, tailFactor }),
        errorRateAt: (t) => (t >= from && t < to ? 0.22 : 0.0004),
        stormAt: (t) => t >= from && t < to,
      };
    }
    case STORIES.growingLag: {
      // Delivery lag (the async budget's measure) from ~15 % to ~65 % of a 60 s budget.
      const median = (share: number) => (ip.budget_p99_ms * share) / (Math.exp(2.33 * sigma) * 1.25);
      return { ...base, shapeAt: (t) => ({ medianMs: median(0.15 + 0.5 * Math.min(1, (t - monthAgo) / (nowMs - monthAgo))), sigma, tailShare, tailFactor }) };
    }
    case STORIES.silent:
      return { ...base, stopsAtMs: nowMs - 3 * DAY_MS };
    default:
      return base;
  }
}

export const deployRegressionAt = (nowMs: number) => Math.floor((nowMs - 2 * DAY_MS) / HOUR_MS) * HOUR_MS + 10 * MINUTE_MS;
export function incidentWindow(nowMs: number): [number, number] {
  const day = Math.floor((nowMs - 3 * DAY_MS) / DAY_MS) * DAY_MS;
  return [day + 14 * HOUR_MS, day + 15.5 * HOUR_MS];
}

interface Row {
  seriesKey: string;
  resolution: "minute" | "hour";
  start: Date;
  count: number;
  errors: number;
  histogram: Histogram;
  /** The calls a chart can open as traces: the slowest of the bucket and a few of its errors. */
  exemplars: Exemplar[];
  throttled: number;
  /** Logical calls by attempts each took (synchronous calls only: async ones are measured by delivery). */
  attemptCounts: AttemptCounts;
}

/**
 * How a bucket's `count` attempts group into logical calls: one each normally; in a storm 40 % of
 * the calls give up after the declared 3 attempts and 20 % succeed on the second (about ×2).
 * Attempts add up to `count` exactly.
 */
export function seededAttemptCounts(count: number, storm: boolean): AttemptCounts {
  if (!storm) return count > 0 ? { "1": count } : {};
  // 60 % of the attempts in calls of three, 20 % in calls of two, the rest single: never more than `count`.
  const three = Math.floor((count * 0.6) / 3);
  const two = Math.floor((count * 0.2) / 2);
  const one = count - 2 * two - 3 * three;
  return Object.fromEntries(Object.entries({ "1": one, "2": two, "3": three }).filter(([, n]) => n > 0));
}

const SEED_SLOWEST = 3;
const SEED_ERRORS = 2;
const hexOf = (random: () => number, digits: number) => Array.from({ length: digits }, () => Math.floor(random() * 16).toString(16)).join("");

/**
 * Exemplars consistent with a bucket's histogram: its slowest calls (the values of its top buckets)
 * and up to two errors drawn from the shape, at random times inside the bucket, with made-up trace
 * ids. Drawn from their own PRNG so the buckets stay what they were before exemplars were seeded.
 */
function seededExemplars(h: Histogram, errors: number, shape: LatencyShape, startMs: number, lengthMs: number, random: () => number): Exemplar[] {
  const at = () => startMs + Math.floor(random() * lengthMs);
  const call = (durationMs: number, error: boolean): Exemplar => ({ traceId: hexOf(random, 32), spanId: hexOf(random, 16), durationMs: Math.round(durationMs * 1000) / 1000, atMs: at(), error });
  const slowest: Exemplar[] = [];
  const top = Object.entries(h.buckets).map(([i, n]) => [Number(i), n] as const).sort((a, b) => b[0] - a[0]);
  for (const [index, n] of top) {
    for (let k = 0; k < n && slowest.length < SEED_SLOWEST; k++) slowest.push(call(bucketValue(index), false));
    if (slowest.length === SEED_SLOWEST) break;
  }
  const failed = Array.from({ length: Math.min(errors, SEED_ERRORS) }, () => call(sampleShape(shape, random), true));
  return [...failed, ...slowest];
}

function bucketRow(ip: Declared, profile: Profile, startMs: number, lengthMs: number, resolution: Row["resolution"], random: () => number, exemplarRandom: () => number): Row | null {
  if (profile.stopsAtMs !== null && startMs >= profile.stopsAtMs) return null;
  const mid = startMs + lengthMs / 2;
  const load = loadAt(mid);
  const count = noisyCount(profile.peakPerMinute * load * (lengthMs / MINUTE_MS), random);
  if (count === 0) return null;
  const errorRate = profile.errorRateAt(mid);
  const errors = Math.min(count, noisyCount(count * errorRate, random));
  const shape = profile.shapeAt(mid, load);
  const histogram = syntheticHistogram(shape, count, random);
  const storm = profile.stormAt(mid);
  // In the storm the failing inventory database answers half of the failures 503 (throttled).
  const throttled = storm ? Math.round(errors / 2) : 0;
  const attemptCounts = ip.style === "sync" || ip.style === "hybrid" ? seededAttemptCounts(count, storm) : {};
  return { seriesKey: ip.id, resolution, start: new Date(startMs), count, errors, histogram, exemplars: seededExemplars(histogram, errors, shape, startMs, lengthMs, exemplarRandom), throttled, attemptCounts };
}

async function insertRows(prisma: PrismaClient, rows: Row[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 400) {
    const values = rows
      .slice(i, i + 400)
      .map((r) => Prisma.sql`(${r.seriesKey}, ${r.resolution}, ${r.start}, ${r.count}, ${r.errors}, ${JSON.stringify(r.histogram)}::jsonb, ${r.throttled}, ${JSON.stringify(r.attemptCounts)}::jsonb)`);
    await prisma.$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram, throttled, attempt_counts) VALUES ${Prisma.join(values)}`;
  }
  // Hours get theirs as the roll-up would keep them: a sample of errors and the slowest calls.
  const kept = rows.filter((r) => r.exemplars.length > 0);
  for (let i = 0; i < kept.length; i += 400) {
    const values = kept.slice(i, i + 400).map((r) => Prisma.sql`(${r.seriesKey}, ${r.resolution}, ${r.start}, ${JSON.stringify(r.exemplars)}::jsonb)`);
    await prisma.$executeRaw`INSERT INTO latency_exemplars (series_key, resolution, start, exemplars) VALUES ${Prisma.join(values)}`;
  }
}

/**
 * Backfills the demo estate's telemetry (live integration points only; proposed ones have none yet).
 * Only into an empty telemetry store, so a restart never writes it twice. Returns the rows written.
 */
export async function seedTelemetry(prisma: PrismaClient, now = new Date()): Promise<{ minuteRows: number; hourRows: number }> {
  const [existing] = await prisma.$queryRaw<{ n: bigint }[]>`SELECT count(*) AS n FROM latency_buckets`;
  if (Number(existing?.n ?? 0) > 0) return { minuteRows: 0, hourRows: 0 };
  const declared = await prisma.$queryRaw<Declared[]>`
    SELECT id::text, key, style, criticality, budget_p99_ms FROM integration_points
    WHERE lifecycle NOT IN ('proposed', 'retired') ORDER BY key`;
  const nowMs = now.getTime();
  const minuteFrom = Math.floor((nowMs - MINUTE_HOURS * HOUR_MS) / HOUR_MS) * HOUR_MS;
  const hourFrom = Math.floor((nowMs - BACKFILL_DAYS * DAY_MS) / DAY_MS) * DAY_MS;
  const lastMinute = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS;
  let minuteRows = 0;
  let hourRows = 0;
  for (const [n, ip] of declared.entries()) {
    const random = prng(1000 + n);
    const exemplarRandom = prng(5000 + n);
    const profile = profileFor(ip, nowMs, random);
    const hours: Row[] = [];
    for (let t = hourFrom; t < minuteFrom; t += HOUR_MS) {
      const row = bucketRow(ip, profile, t, HOUR_MS, "hour", random, exemplarRandom);
      if (row) hours.push(row);
    }
    const minutes: Row[] = [];
    for (let t = minuteFrom; t < lastMinute; t += MINUTE_MS) {
      const row = bucketRow(ip, profile, t, MINUTE_MS, "minute", random, exemplarRandom);
      if (row) minutes.push(row);
    }
    await insertRows(prisma, [...hours, ...minutes]);
    hourRows += hours.length;
    minuteRows += minutes.length;
  }
  await seedAnnotations(prisma, declared, nowMs);
  return { minuteRows, hourRows };
}

async function seedAnnotations(prisma: PrismaClient, declared: Declared[], nowMs: number): Promise<void> {
  const id = (key: string) => declared.find((d) => d.key === key)?.id;
  const notes = [
    { key: STORIES.deployRegression, at: deployRegressionAt(nowMs), kind: "deploy", title: "pricing 4.2.0 deployed (new promotion engine)" },
    { key: STORIES.incident, at: incidentWindow(nowMs)[0], kind: "incident", title: "Inventory database failover: reservations timing out" },
    { key: STORIES.creeping, at: nowMs - 12 * DAY_MS, kind: "deploy", title: "payments 7.3.0 deployed (3-D Secure 2 rollout)" },
  ];
  for (const n of notes) {
    const integrationId = id(n.key);
    if (!integrationId) continue;
    await prisma.annotation.create({ data: { at: new Date(n.at), kind: n.kind, title: n.title, integrationIds: [integrationId] } });
  }
}
