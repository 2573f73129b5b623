import { randomUUID } from "node:crypto";
import pg from "pg";
import { afterAll, describe, expect, inject, it } from "vitest";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient } from "@prisma/client";
import { migrate } from "@/lib/db/migrate";
import { carriesMessages, styles } from "@/lib/catalog/integration-schema";
import { DEMO_INTEGRATIONS } from "@/prisma/seed-integrations";
import { seedDemo } from "@/prisma/seed";
import { retryFigures } from "@/lib/telemetry/retries";
import { deployRegressionAt, incidentWindow, seedTelemetry, STORIES } from "@/prisma/seed-telemetry";
import { assessDrift } from "@/lib/slo/drift";
import { emptyHistogram, merge, quantile, type Histogram } from "@/lib/telemetry/histogram";
import { rollUp } from "@/lib/telemetry/rollup";

// The seed runs against its own database: it assumes an empty estate.
const name = `seed_${randomUUID().replace(/-/g, "").slice(0, 10)}`;
const adminUrl = inject("databaseUrl");
const url = Object.assign(new URL(adminUrl), { pathname: `/${name}` }).toString();
let prisma: PrismaClient | undefined;

async function admin(sql: string) {
  const c = new pg.Client({ connectionString: adminUrl });
  await c.connect();
  await c.query(sql);
  await c.end();
}

afterAll(async () => {
  await prisma?.$disconnect();
  await admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
});

describe("demo seed", () => {
  it("builds a realistic estate once, and never twice", async () => {
    await admin(`CREATE DATABASE ${name}`);
    await migrate(url);
    // The seed's integration inserts go through lib/db/client, which reads DATABASE_URL.
    process.env.DATABASE_URL = url;
    prisma = new PrismaClient({ adapter: new PrismaPg({ connectionString: url }) });
    expect(await seedDemo(prisma)).toEqual({ seeded: true });
    expect(await seedDemo(prisma)).toEqual({ seeded: false });

    expect(await prisma.team.count()).toBe(4);
    expect(await prisma.service.count()).toBeGreaterThanOrEqual(15);
    const integrations = await prisma.integrationPoint.findMany();
    expect(integrations.length).toBe(DEMO_INTEGRATIONS.length);
    expect(integrations.length).toBeGreaterThanOrEqual(38);
    expect(new Set(integrations.map((i) => i.style))).toEqual(new Set(styles));
    expect(new Set(integrations.map((i) => i.protocol)).size).toBeGreaterThanOrEqual(8);
    // Weak declarations are there on purpose, for governance to find.
    const semantics = integrations.map((i) => ({ style: i.style, s: i.semantics as { resilience?: { timeoutMs: number | null; retries?: { jitter: boolean } | null } | null; delivery?: { guarantee: string } | null; idempotency?: unknown } }));
    expect(semantics.some((x) => x.style === "sync" && !x.s.resilience?.timeoutMs)).toBe(true);
    expect(semantics.some((x) => x.s.resilience?.retries && !x.s.resilience.retries.jitter)).toBe(true);
    expect(semantics.some((x) => carriesMessages(x.style as never) && x.s.delivery?.guarantee === "at-least-once" && !x.s.idempotency)).toBe(true);
    const member = await prisma.user.findUniqueOrThrow({ where: { email: "member@edgewise.local" }, include: { memberships: true } });
    expect(member.memberships).toHaveLength(1);
  });
});

describe("demo governance", () => {
  it("has three journeys, one over budget, and findings for the deliberately weak declarations", async () => {
    const { listJourneys } = await import("@/lib/governance/journeys");
    const { listFindings } = await import("@/lib/governance/findings");
    const { systemActor } = await import("@/lib/auth/actor");
    const actor = systemActor("test");
    const journeys = await listJourneys(actor);
    expect(journeys.map((j) => j.slug).sort()).toEqual(["browse-and-search", "place-order", "refund"]);
    expect(journeys.filter((j) => j.composition.slackMs < 0).map((j) => j.slug)).toEqual(["place-order"]);
    const { items } = await listFindings(actor, {});
    const rulesFound = new Set(items.map((f) => f.rule));
    for (const rule of ["sync-timeout-declared", "retry-backoff-jitter", "at-least-once-idempotent", "journey-budget-composition", "strong-consistency-async", "lifecycle-overdue", "ordering-is-achievable"]) {
      expect(rulesFound, rule).toContain(rule);
    }
  });
});

describe("demo decision records", () => {
  it("tell the decision story: every status, the architect's reviews, a superseded chain and a waiver citing one", async () => {
    const { listDecisions } = await import("@/lib/decisions/list");
    const { getDecision } = await import("@/lib/decisions/records");
    const { listAnnotations } = await import("@/lib/catalog/annotations");
    const { listWaivers } = await import("@/lib/governance/waivers");
    const { systemActor } = await import("@/lib/auth/actor");
    const actor = systemActor("test");
    const records = await prisma!.decisionRecord.findMany({ include: { reviews: true, integrations: { include: { integration: true } }, supersededBy: true }, orderBy: { number: "asc" } });
    expect(records.length).toBeGreaterThanOrEqual(8);
    expect(records.map((r) => r.number)).toEqual(records.map((_, i) => i + 1));
    const byTitle = (start: string) => records.find((r) => r.title.startsWith(start))!;
    const statuses = records.map((r) => r.status);
    for (const status of ["draft", "proposed", "accepted", "rejected", "deprecated", "superseded"]) expect(statuses, status).toContain(status);
    // Every record is about the demo's own integration points, and every review is the demo architect's.
    for (const r of records) expect(r.integrations.length, r.title).toBeGreaterThan(0);
    const architect = await prisma!.user.findUniqueOrThrow({ where: { email: "architect@edgewise.local" } });
    const reviews = records.flatMap((r) => r.reviews);
    expect(reviews.length).toBeGreaterThanOrEqual(8);
    for (const rv of reviews) expect(rv.reviewerId).toBe(architect.id);

    // The superseded chain: the no-retry authorization decision, replaced by the retry-once one.
    const noRetry = byTitle("Authorize cards synchronously");
    const retryOnce = byTitle("Retry card authorization once");
    expect(noRetry.status).toBe("superseded");
    expect(noRetry.supersededBy?.number).toBe(retryOnce.number);
    expect(retryOnce.status).toBe("accepted");
    expect(retryOnce.content).toMatchObject({ context: expect.stringContaining(`ADR-${String(noRetry.number).padStart(4, "0")}`) });

    // Proposed, awaiting acceptance with one approval; the off-sync-path case waits for its evidence.
    const cache = (await getDecision(actor, byTitle("Serve cart line prices").number));
    expect(cache.record.status).toBe("proposed");
    expect(cache.approvals.approvals).toBe(1);
    const offSync = await getDecision(actor, byTitle("Move fraud scoring off the synchronous").number);
    expect(offSync.record).toMatchObject({ status: "proposed", integrations: ["checkout->fraud-detection:score-order"], journeys: ["place-order"] });
    expect(offSync.timeline.some((t) => t.kind === "review" && /what-if/.test(t.comment))).toBe(true);

    // Accept times fall inside the 30-day telemetry window (and the charts' 28-day range) and are drawn on their points' charts.
    const now = Date.now();
    const decided = records.filter((r) => ["accepted", "deprecated", "superseded"].includes(r.status));
    expect(decided.length).toBeGreaterThanOrEqual(4);
    for (const r of decided) {
      const at = r.decidedAt!.getTime();
      expect(at, r.title).toBeGreaterThan(now - 28 * 86_400_000);
      expect(at, r.title).toBeLessThan(now - 86_400_000);
      expect(r.proposedAt!.getTime()).toBeLessThan(at);
      expect(r.createdAt.getTime()).toBeLessThan(r.proposedAt!.getTime());
      for (const link of r.integrations) {
        const marks = await listAnnotations(actor, { integration: link.integration.key, from: new Date(now - 30 * 86_400_000).toISOString(), to: new Date(now).toISOString() });
        expect(marks.some((m) => m.kind === "decision" && m.at === r.decidedAt!.toISOString() && m.link === `/decisions/${r.number}`), `${r.title} on ${link.integration.key}`).toBe(true);
      }
    }

    // The waiver cites the accepted incident follow-up.
    const breaker = byTitle("Protect stock reservation");
    expect(breaker.status).toBe("accepted");
    const waivers = await listWaivers(actor, { state: "active" });
    expect(waivers).toContainEqual(expect.objectContaining({ rule: "critical-journey-breaker-fallback", integration: STORIES.incident, decision: breaker.number }));

    // The decisions page lists them all.
    expect((await listDecisions(actor, { sort: "-number" })).map((d) => d.number)).toEqual(records.map((r) => r.number).reverse());
  });
});

describe("demo telemetry backfill", () => {
  // Noon on a Wednesday: the stories' dates are relative to it.
  const now = new Date("2026-11-25T12:00:00Z");
  type Bucket = { key: string; resolution: string; start: Date; count: bigint; errors: bigint; histogram: Histogram };
  let buckets: Bucket[] = [];
  const daily = (key: string) => {
    const days = new Map<number, Histogram>();
    for (const b of buckets.filter((x) => x.key === key && x.resolution === "hour")) {
      const day = Math.floor(b.start.getTime() / 86_400_000);
      days.set(day, merge(days.get(day) ?? emptyHistogram(), b.histogram));
    }
    const first = Math.min(...days.keys());
    return [...days.entries()].sort((a, b) => a[0] - b[0]).map(([day, h]) => ({ day: day - first, p99Ms: quantile(h, 0.99)! }));
  };
  const between = (key: string, fromMs: number, toMs: number) => {
    const h = emptyHistogram();
    let calls = 0;
    let errors = 0;
    for (const b of buckets.filter((x) => x.key === key && x.resolution === "hour" && x.start.getTime() >= fromMs && x.start.getTime() < toMs)) {
      merge(h, b.histogram);
      calls += Number(b.count);
      errors += Number(b.errors);
    }
    return { p99Ms: quantile(h, 0.99), calls, errors };
  };
  const budget = async (key: string) => (await prisma!.integrationPoint.findUniqueOrThrow({ where: { key } })).budgetP99Ms;

  it("writes 30 days of hours, 25 hours of minutes and rolls them up, once", { timeout: 180_000 }, async () => {
    const first = await seedTelemetry(prisma!, now);
    expect(first.hourRows).toBeGreaterThan(10_000);
    expect(first.minuteRows).toBeGreaterThan(10_000);
    expect(await seedTelemetry(prisma!, now)).toEqual({ minuteRows: 0, hourRows: 0 });
    await rollUp(now);
    buckets = await prisma!.$queryRaw<Bucket[]>`
      SELECT ip.key, b.resolution, b.start, b.count, b.errors, b.histogram
      FROM latency_buckets b JOIN integration_points ip ON ip.id::text = b.series_key`;
    // The roll-up of the minute part: hours equal the minutes they came from, call for call.
    const [sums] = await prisma!.$queryRaw<{ minutes: bigint; hours: bigint }[]>`
      SELECT (SELECT sum(count) FROM latency_buckets WHERE resolution = 'minute' AND start < date_trunc('hour', ${now}::timestamptz)) AS minutes,
             (SELECT sum(count) FROM latency_buckets WHERE resolution = 'hour' AND start >= (SELECT min(start) FROM latency_buckets WHERE resolution = 'minute')) AS hours`;
    expect(Number(sums!.hours)).toBe(Number(sums!.minutes));
    const proposed = await prisma!.integrationPoint.findMany({ where: { lifecycle: "proposed" }, select: { key: true } });
    expect(proposed.length).toBeGreaterThan(0);
    for (const p of proposed) expect(buckets.some((b) => b.key === p.key), p.key).toBe(false);
  });

  it("tells the four stories the charts and the drift board are meant to find", async () => {
    const creeping = assessDrift(daily(STORIES.creeping), await budget(STORIES.creeping));
    expect(creeping.trendPerDay!).toBeGreaterThan(0.01);
    expect(creeping.daysToBreach!).toBeGreaterThan(0);
    expect(creeping.daysToBreach!).toBeLessThan(30);

    const deployAt = deployRegressionAt(now.getTime());
    const before = between(STORIES.deployRegression, deployAt - 5 * 86_400_000, deployAt - 3_600_000);
    const after = between(STORIES.deployRegression, deployAt + 3_600_000, deployAt + 86_400_000);
    const pricingBudget = await budget(STORIES.deployRegression);
    expect(before.p99Ms!).toBeLessThan(pricingBudget);
    expect(after.p99Ms!).toBeGreaterThan(pricingBudget);

    const [from, to] = incidentWindow(now.getTime());
    const incident = between(STORIES.incident, from, to);
    const normal = between(STORIES.incident, from - 7 * 86_400_000, from - 86_400_000);
    expect(incident.errors / incident.calls).toBeGreaterThan(0.1);
    expect(normal.errors / normal.calls).toBeLessThan(0.01);
    // The incident's retry storm (its whole hours): callers retry into the failing inventory, about ×2, and half the failures are 503s.
    const retries = async (fromMs: number, toMs: number) => {
      const [r] = await prisma!.$queryRaw<{ calls: bigint; throttled: bigint; counts: Record<string, number> }[]>`
        SELECT sum(b.count) AS calls, sum(b.throttled) AS throttled, edgewise_counts_agg(b.attempt_counts) AS counts
        FROM latency_buckets b JOIN integration_points ip ON ip.id::text = b.series_key
        WHERE ip.key = ${STORIES.incident} AND b.resolution = 'hour' AND b.start >= ${new Date(fromMs)} AND b.start + interval '1 hour' <= ${new Date(toMs)}`;
      const f = retryFigures(r!.counts);
      return { amplification: f.attempts / f.logicalCalls, attempts: f.attempts, calls: Number(r!.calls), throttledShare: Number(r!.throttled) / Number(r!.calls) };
    };
    const storm = await retries(from, to);
    expect(storm.attempts).toBe(storm.calls);
    expect(storm.amplification).toBeGreaterThan(1.5);
    expect(storm.throttledShare).toBeGreaterThan(0.05);
    expect(await retries(from - 7 * 86_400_000, from - 86_400_000)).toMatchObject({ amplification: 1, throttledShare: 0 });

    const lag = daily(STORIES.growingLag);
    expect(lag.at(-2)!.p99Ms).toBeGreaterThan(2 * lag[1]!.p99Ms);

    const silentSince = now.getTime() - 3 * 86_400_000;
    expect(buckets.some((b) => b.key === STORIES.silent && b.start.getTime() < silentSince)).toBe(true);
    expect(buckets.some((b) => b.key === STORIES.silent && b.start.getTime() >= silentSince)).toBe(false);
    expect(await prisma!.annotation.count({ where: { kind: { in: ["deploy", "incident"] } } })).toBe(3);
  });
});
