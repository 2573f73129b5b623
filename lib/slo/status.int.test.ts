import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { ingest } from "@/lib/telemetry/ingest";
import { jsonCodec } from "@/lib/telemetry/otlp-codec";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { sloStatus } from "./status";

describe("SLO status from ingested spans", () => {
  it("computes compliance, budgets, burn rates and the alert state for both SLOs", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, {
      sourceService: a.slug, targetService: b.slug, operation: "call", style: "sync", protocol: "grpc",
      budget: { p99Ms: 100 }, slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 },
    });
    // 1,000 calls ten minutes ago: 10 errors (1 %), 50 slower than the 100 ms budget (5 %).
    const startNs = BigInt(Date.now() - 10 * 60_000) * 1_000_000n;
    const spans = Array.from({ length: 1000 }, (_, i) => ({
      traceId: "5b8efff798038103d269b633813fc60c",
      spanId: (i + 1).toString(16).padStart(16, "0"),
      name: "call",
      kind: 3,
      startTimeUnixNano: String(startNs + BigInt(i)),
      endTimeUnixNano: String(startNs + BigInt(i) + BigInt((i < 50 ? 150 : 20) * 1_000_000)),
      attributes: [{ key: "peer.service", value: { stringValue: b.slug } }],
      status: { code: i % 100 === 99 ? 2 : 0 },
    }));
    const payload = { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: a.slug } }] }, scopeSpans: [{ spans }] }] };
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));

    const slo = await sloStatus(member, view.key);
    expect(slo.windowDays).toBe(28);
    // Availability: 990/1000 against 99.9 %: the budget (1 call) is overspent ten times; burn 10.
    expect(slo.availability).toMatchObject({ targetPercent: 99.9, good: 990, total: 1000 });
    expect(slo.availability.compliancePercent).toBeCloseTo(99, 9);
    expect(slo.availability.remainingCalls).toBeCloseTo(-9, 9);
    expect(slo.availability.burnRates["30m"]).toBeCloseTo(10, 9);
    expect(slo.availability.burnRates["5m"]).toBe(0); // the calls are ten minutes old
    // 6h and 30m both burn ≥ 6 × 28/30 = 5.6: page.
    expect(slo.availability.alert).toMatchObject({ state: "page", reason: "6h and 30m burn ≥ 5.6" });
    // Latency: 950/1000 within 100 ms against 99 %: burn 5 — below 5.6, above 2.8: ticket.
    expect(slo.latency).toMatchObject({ thresholdMs: 100, targetPercent: 99, good: 950, total: 1000 });
    expect(slo.latency.burnRates["1d"]).toBeCloseTo(5, 9);
    expect(slo.latency.alert).toMatchObject({ state: "ticket", reason: "1d and 2h burn ≥ 2.8" });
  });
});

describe("SLO burn-down from ingested spans", () => {
  it("answers the budget left at the end of each day of the window, ending at the headline figure", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, {
      sourceService: a.slug, targetService: b.slug, operation: "daily", style: "sync", protocol: "grpc",
      budget: { p99Ms: 100 }, slo: { successTargetPercent: 99, latencyTargetPercent: 99, windowDays: 28 },
    });
    const DAY = 86_400_000;
    // Now is 06:00 UTC yesterday, so the window starts mid-day and its days are UTC days.
    const today = Math.floor(Date.now() / DAY) * DAY;
    const now = new Date(today - DAY + 6 * 3_600_000);
    const nowDay = today - DAY;
    // Three batches, at 01:00 of the window's UTC days 26, 27 and 28 (28 is now's day; day 0 starts at the window's start):
    // 100 calls (2 errors, 1 slow), 100 calls (clean), 200 calls (6 errors, 3 slow).
    const batches = [
      { atMs: nowDay - 2 * DAY + 3_600_000, calls: 100, errors: 2, slow: 1 },
      { atMs: nowDay - DAY + 3_600_000, calls: 100, errors: 0, slow: 0 },
      { atMs: nowDay + 3_600_000, calls: 200, errors: 6, slow: 3 },
    ];
    let spanId = 0;
    for (const batch of batches) {
      const startNs = BigInt(batch.atMs) * 1_000_000n;
      const spans = Array.from({ length: batch.calls }, (_, i) => ({
        traceId: "5b8efff798038103d269b633813fc60c",
        spanId: (++spanId).toString(16).padStart(16, "0"),
        name: "daily",
        kind: 3,
        startTimeUnixNano: String(startNs + BigInt(i)),
        endTimeUnixNano: String(startNs + BigInt(i) + BigInt((i < batch.slow ? 150 : 20) * 1_000_000)),
        attributes: [{ key: "peer.service", value: { stringValue: b.slug } }],
        status: { code: i >= batch.calls - batch.errors ? 2 : 0 },
      }));
      const payload = { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: a.slug } }] }, scopeSpans: [{ spans }] }] };
      await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));
    }

    const slo = await sloStatus(member, view.key, now);
    const windowStart = now.getTime() - 28 * DAY;
    for (const objective of [slo.availability, slo.latency]) {
      // The window's start (06:00), then the end of each of the 29 UTC days it touches: 28 midnights, and now.
      expect(objective.burnDown).toHaveLength(30);
      expect(objective.burnDown[0]!.t).toBe(new Date(windowStart).toISOString());
      expect(objective.burnDown[1]!.t).toBe(new Date(windowStart - 6 * 3_600_000 + DAY).toISOString());
      expect(objective.burnDown[28]!.t).toBe(new Date(nowDay).toISOString());
      expect(objective.burnDown[29]!.t).toBe(now.toISOString());
      expect(objective.burnDown.slice(0, 27).every((p) => p.remainingPercent === 100)).toBe(true);
      expect(objective.burnDown[29]!.remainingPercent).toBeCloseTo(objective.remainingPercent!, 9);
      expect(objective.burnDown[29]!.remainingCalls).toBeCloseTo(objective.remainingCalls!, 9);
    }
    // 400 calls at 99 %: 4 bad calls allowed. Availability: 2 → 2 left (50 %), 0 → 2, 6 → −4 (−100 %).
    const tail = (o: typeof slo.availability) => o.burnDown.slice(27).map((p) => [Math.round(p.remainingCalls! * 1e9) / 1e9, Math.round(p.remainingPercent! * 1e9) / 1e9]);
    expect(tail(slo.availability)).toEqual([[2, 50], [2, 50], [-4, -100]]);
    // Latency (within 100 ms): 1 slow → 3 left (75 %), 0 → 3, 3 slow → 0 (0 %).
    expect(tail(slo.latency)).toEqual([[3, 75], [3, 75], [0, 0]]);
  });
});

/** An integration point of its own, and a writer of its stored buckets (every call at 20 ms). */
async function storedSeries(operation: string, slo?: { successTargetPercent: number; latencyTargetPercent: number; windowDays: number }) {
  const { db } = await import("@/lib/db/client");
  const { emptyHistogram, record } = await import("@/lib/telemetry/histogram");
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation, style: "sync", protocol: "grpc", budget: { p99Ms: 100 }, ...(slo ? { slo } : {}) });
  const put = async (resolution: "minute" | "hour" | "day", startMs: number, count: number, errors: number) => {
    const h = emptyHistogram();
    record(h, 20, count);
    await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
      VALUES (${view.id}, ${resolution}, ${new Date(startMs)}, ${count}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
  };
  return { member, view, put };
}

describe("SLO window reads each hour once", () => {
  it("takes an hour's bucket, or its minutes when they hold more calls (not rolled yet, or late spans)", async () => {
    const { member, view, put } = await storedSeries("tiers");
    const HOUR = 3_600_000;
    const now = new Date(Math.floor(Date.now() / HOUR) * HOUR + 30 * 60_000);
    const hour = (ago: number) => now.getTime() - 30 * 60_000 - ago * HOUR;
    // Rolled and unchanged: the hour (10 calls) and its minutes (10) agree — counted once.
    await put("hour", hour(10), 10, 1);
    await put("minute", hour(10) + 60_000, 4, 0);
    await put("minute", hour(10) + 120_000, 6, 1);
    // Rolled, then 2 late calls arrived: the minutes (12) win.
    await put("hour", hour(5), 10, 0);
    await put("minute", hour(5), 10, 0);
    await put("minute", hour(5) + 60_000, 2, 2);
    // Minutes pruned past retention (or a backfill): the hour (20) wins over what is left (5).
    await put("hour", hour(20), 20, 0);
    await put("minute", hour(20), 5, 0);
    // The current hour, not rolled up yet: minutes only.
    await put("minute", hour(0) + 60_000, 7, 0);

    const slo = await sloStatus(member, view.key, now);
    expect(slo.availability.total).toBe(10 + 12 + 20 + 7);
    expect(slo.availability.good).toBe(10 + 12 + 20 + 7 - 3);
    expect(slo.latency.good).toBe(49);
  });

  it("reads whole settled UTC days as their day bucket, and hours for the ragged first day and the days not settled", async () => {
    const { db } = await import("@/lib/db/client");
    const { member, view, put } = await storedSeries("days", { successTargetPercent: 99, latencyTargetPercent: 99, windowDays: 28 });
    const [HOUR, DAY] = [3_600_000, 86_400_000];
    const today = Math.floor(Date.now() / DAY) * DAY;
    const now = new Date(today + 6 * HOUR);
    // Hours rolled to 05:00 today, days to today: days are settled up to the day before yesterday (their 2-day margin).
    await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${new Date(today + 5 * HOUR)}), ('day', ${new Date(today)})
      ON CONFLICT (resolution) DO UPDATE SET rolled_until = EXCLUDED.rolled_until`;
    try {
      // A settled day: its bucket (100 calls, 4 errors) counts, not its hour (40) — and not both.
      await put("day", today - 10 * DAY, 100, 4);
      await put("hour", today - 10 * DAY + 3 * HOUR, 40, 0);
      // Yesterday, not settled in days: its hours (30) count, not its day bucket (50).
      await put("day", today - DAY, 50, 0);
      await put("hour", today - DAY + 2 * HOUR, 30, 1);
      // The window's ragged first day (it starts at 06:00, 28 days ago): the hour after its start (5), not its day bucket (999).
      await put("day", today - 28 * DAY, 999, 999);
      await put("hour", today - 28 * DAY + 7 * HOUR, 5, 0);
      // An hour before the window's start is outside it.
      await put("hour", today - 28 * DAY + 5 * HOUR, 1_000, 0);

      const slo = await sloStatus(member, view.key, now);
      expect(slo.availability.total).toBe(100 + 30 + 5);
      expect(slo.availability.good).toBe(100 + 30 + 5 - 4 - 1);
      // The day's bad calls land on its own day: the burn-down falls at that day's midnight, and at yesterday's.
      const calls = slo.availability.burnDown.map((p) => p.remainingCalls);
      const end = (dayMs: number) => slo.availability.burnDown.findIndex((p) => p.t === new Date(dayMs + DAY).toISOString());
      const allowed = 0.01 * 135;
      expect(calls[end(today - 11 * DAY)]).toBeCloseTo(allowed, 9);
      expect(calls[end(today - 10 * DAY)]).toBeCloseTo(allowed - 4, 9);
      expect(calls[end(today - DAY)]).toBeCloseTo(allowed - 5, 9);
      expect(calls.at(-1)).toBeCloseTo(allowed - 5, 9);
    } finally {
      await db().$executeRaw`DELETE FROM telemetry_rollups WHERE resolution IN ('hour', 'day')`;
    }
  });
});

describe("observed-behaviour findings", () => {
  it("flag an integration whose observed p99 is over budget and whose error budget is spent", async () => {
    const { listFindings } = await import("@/lib/governance/findings");
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "slow", style: "sync", protocol: "grpc", budget: { p99Ms: 50 } });
    const startNs = BigInt(Date.now() - 5 * 60_000) * 1_000_000n;
    const spans = Array.from({ length: 200 }, (_, i) => ({
      traceId: "5b8efff798038103d269b633813fc60c", spanId: (i + 1).toString(16).padStart(16, "0"), name: "slow", kind: 3,
      startTimeUnixNano: String(startNs + BigInt(i)), endTimeUnixNano: String(startNs + BigInt(i) + 80_000_000n),
      attributes: [{ key: "peer.service", value: { stringValue: b.slug } }], status: { code: i < 20 ? 2 : 0 },
    }));
    const payload = { resourceSpans: [{ resource: { attributes: [{ key: "service.name", value: { stringValue: a.slug } }] }, scopeSpans: [{ spans }] }] };
    await ingest("traces", member, jsonCodec, Buffer.from(JSON.stringify(payload)));
    const { items } = await listFindings(member, { integration: view.key });
    const byRule = new Map(items.map((f) => [f.rule, f.message]));
    expect(byRule.get("observed-p99-over-budget")).toBe(`${view.key}: observed p99 over the last 24 h is 80 ms, over its 50 ms budget.`);
    expect(byRule.get("error-budget-exhausted")).toBe(`${view.key}: 20 errors in 200 calls over 28 days; the 99.9 % SLO allows 0.`);
  });
});
