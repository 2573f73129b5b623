import { describe, expect, it } from "vitest";
import { integrationListQuerySchema, listIntegrations } from "@/lib/catalog/integration-list";
import { createIntegration, getIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { estateOverview } from "@/lib/overview/estate-overview";
import { emptyHistogram, record } from "@/lib/telemetry/histogram";
import { budget } from "./burn-rate";
import { rollUp } from "@/lib/telemetry/rollup";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { driftBoard } from "./drift-board";
import { ensureFreshHealth, refreshHealth, type HealthSlo } from "./health";

// Health and the overview count the whole estate, so this file has a database of its own.
useOwnDatabase("health");

const MINUTE = 60_000;
const NOW = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);

/** One minute bucket at `minutesAgo`: `spread` is [latency ms, calls] pairs, `errors` of them failed. */
async function bucket(integrationId: string, minutesAgo: number, spread: [number, number][], errors = 0) {
  const h = emptyHistogram();
  for (const [ms, calls] of spread) record(h, ms, calls);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${integrationId}, 'minute', ${new Date(NOW.getTime() - minutesAgo * MINUTE)}, ${h.count}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
}

describe("integration health over the whole estate", () => {
  it("classifies each integration point from its buckets, filters the catalog by status and feeds the overview", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const declare = async (label: string) =>
      (await createIntegration(member, syncDeclaration(a.slug, b.slug, { operation: label, slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 } }))).view;
    const ok = await declare("ok");
    const slow = await declare("slow");
    const close = await declare("close");
    const failing = await declare("failing");
    const silent = await declare("silent");
    const fresh = await declare("fresh");
    const burning = await declare("burning");

    // Every budget is p99 100 ms. Ten minutes of 100 calls each unless said otherwise.
    for (let m = 2; m < 12; m++) {
      await bucket(ok.id, m, [[20, 100]]);
      await bucket(slow.id, m, [[20, 95], [300, 5]]); // p99 300 ms: over budget
      await bucket(close.id, m, [[95, 100]]); // p99 95 ms: within 10 % of the budget
      await bucket(failing.id, m, [[20, 100]], m === 2 ? 2 : 0); // 2 errors in 1,000 calls against an allowance of 1
    }
    await bucket(silent.id, 3 * 24 * 60, [[20, 100]]); // three days ago, nothing since
    // 2 % errors in the last 5 minutes out of a long clean history: burn 20 over 5 m and 1 h, budget left.
    for (let m = 1; m <= 5; m++) await bucket(burning.id, m, [[20, 1000]], 20);
    for (let m = 90; m < 60 * 24; m += 60) await bucket(burning.id, m, [[20, 100_000]]);
    await rollUp(NOW);

    const refreshed = await refreshHealth(NOW);
    expect(refreshed).toMatchObject({ ran: true, integrations: 7 });
    expect(refreshed.byStatus).toEqual({ ok: 1, breaching: 3, warning: 1, silent: 1, "no-data": 1 });

    const status = async (key: string) => (await getIntegration(member, key)).view.status;
    expect(await status(ok.key)).toBe("ok");
    expect(await status(slow.key)).toBe("breaching");
    expect(await status(close.key)).toBe("warning");
    expect(await status(failing.key)).toBe("breaching");
    expect(await status(silent.key)).toBe("silent");
    expect(await status(fresh.key)).toBe("no-data");
    expect(await status(burning.key)).toBe("breaching");

    const health = await db().integrationHealth.findUniqueOrThrow({ where: { integrationId: slow.id } });
    expect(Number(health.calls24h)).toBe(1000);
    expect(health.p99Ms24h).toBeCloseTo(300, -1);
    expect(health.reasons[0]).toMatch(/^p99 \d+(\.\d)? ms over the 100 ms budget/);
    const burn = await db().integrationHealth.findUniqueOrThrow({ where: { integrationId: burning.id } });
    expect(burn.reasons).toContain("Burn-rate alert: page");
    // 100 errors in 5,000 calls over the last hour, against 0.1 %: burn 20.
    expect(burn.burnRate1h).toBeCloseTo(20, 6);

    // The catalog's status filter: every status, with paging intact.
    const list = (status: string, extra: Record<string, string> = {}) => listIntegrations(member, integrationListQuerySchema.parse({ team: team.slug, status, ...extra }));
    const counts = Object.fromEntries(await Promise.all(["ok", "warning", "breaching", "no-data", "silent"].map(async (s) => [s, (await list(s)).total])));
    expect(counts).toEqual({ ok: 1, warning: 1, breaching: 3, "no-data": 1, silent: 1 });
    const page1 = await list("breaching", { limit: "2", sort: "key" });
    expect(page1.items.map((i) => i.status)).toEqual(["breaching", "breaching"]);
    const page2 = await list("breaching", { limit: "2", sort: "key", cursor: page1.nextCursor! });
    expect(page2.items).toHaveLength(1);
    expect(page2.nextCursor).toBeNull();
    expect(new Set([...page1.items, ...page2.items].map((i) => i.key))).toEqual(new Set([slow.key, failing.key, burning.key]));

    // The overview counts what the list shows, and ranks the burning SLO first.
    const overview = await estateOverview(member, NOW);
    expect(overview.byStatus).toEqual(counts);
    expect(overview.integrations).toBe(7);
    expect(overview.hasTelemetry).toBe(true);
    expect(overview.burning[0]).toMatchObject({ key: burning.key, objective: "availability", alert: "page" });
    expect(overview.burning[0]!.burnRate1h).toBeCloseTo(20, 6);
    const findings = await import("@/lib/governance/findings").then((f) => f.listFindings(member, {}, NOW));
    expect(overview.findings).toEqual(findings.counts);
    // Silence shown as silence: the overview lists it with its last call, and the drift board sets it apart.
    const lastCall = new Date(NOW.getTime() - 3 * 24 * 60 * MINUTE + MINUTE).toISOString();
    expect(overview.silent).toEqual({ count: 1, top: [{ key: silent.key, lastSeenAt: lastCall }] });
    expect(overview.drifting.map((d) => d.key)).not.toContain(silent.key);
    const board = await driftBoard(member, { now: NOW, team: team.slug });
    expect(board.items.find((r) => r.key === silent.key)?.silentSince).toBe(lastCall);
    expect(board.items.filter((r) => r.silentSince !== null).map((r) => r.key)).toEqual([silent.key]);

    // Fresh rows are not recomputed; a retired integration point leaves the counts.
    const before = (await db().integrationHealth.findUniqueOrThrow({ where: { integrationId: ok.id } })).computedAt;
    await ensureFreshHealth(new Date(NOW.getTime() + 30_000));
    expect((await db().integrationHealth.findUniqueOrThrow({ where: { integrationId: ok.id } })).computedAt).toEqual(before);
    await db().integrationPoint.update({ where: { id: fresh.id }, data: { lifecycle: "retired" } });
    expect((await estateOverview(member, new Date(NOW.getTime() + 10 * MINUTE))).byStatus["no-data"]).toBe(0);
  });

  it("a fresh install has no telemetry and nothing to count but no-data", async () => {
    const viewer = await actorFor("viewer");
    const overview = await estateOverview(viewer, new Date(NOW.getTime() + 20 * MINUTE));
    expect(overview.decisions).toMatchObject({ awaitingReview: 0, href: "/decisions?status=proposed" });
    expect(overview.observedEdges.count).toBe(0);
  });

  it("counts an SLO window exactly from its whole days as day buckets, its ragged first day as hours and the last hour as minutes", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const declare = async (operation: string, windowDays: number) =>
      (await createIntegration(member, syncDeclaration(a.slug, b.slug, { operation, slo: { successTargetPercent: 99, latencyTargetPercent: 95, windowDays } }))).view;
    const week = await declare("week", 7);
    const day = await declare("day", 1);
    // Nine days of one minute bucket an hour at :17 (and the last hour's minutes), each of its own size,
    // a few failed and a few over the 100 ms budget; rolled up for real into hours and days.
    const HOUR = 60 * MINUTE;
    const calls: { at: number; count: number; errors: number; slow: number }[] = [];
    const lastHour = Math.floor(NOW.getTime() / HOUR) * HOUR;
    for (let t = lastHour - 9 * 24 * HOUR; t < NOW.getTime(); t += HOUR) {
      const i = calls.length;
      const at = t + 17 * MINUTE < NOW.getTime() ? t + 17 * MINUTE : t;
      calls.push({ at, count: 50 + (i % 7) * 10, errors: i % 5 === 0 ? 3 : 0, slow: i % 3 === 0 ? 4 : 0 });
    }
    // And every minute around the start of the 24 h (its ragged hour is read from five-minute buckets and minutes).
    const dayAgo = NOW.getTime() - 24 * HOUR;
    for (let t = dayAgo - 3 * MINUTE; t < Math.ceil(dayAgo / HOUR) * HOUR + 3 * MINUTE; t += MINUTE)
      if (!calls.some((c) => c.at === t)) calls.push({ at: t, count: 1 + (t / MINUTE) % 4, errors: 0, slow: 0 });
    for (const id of [week.id, day.id])
      for (const c of calls) {
        const h = emptyHistogram();
        record(h, 20, c.count - c.slow);
        record(h, 400, c.slow);
        await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
          VALUES (${id}, 'minute', ${new Date(c.at)}, ${c.count}, ${c.errors}, ${JSON.stringify(h)}::jsonb)`;
      }
    // The earlier test rolled up to now: start over, as on a server that has just taken these minutes in.
    await db().$executeRaw`DELETE FROM telemetry_rollups`;
    await rollUp(NOW);
    const rolled = await db().$queryRaw<{ resolution: string; n: bigint }[]>`
      SELECT resolution, count(*) AS n FROM latency_buckets WHERE series_key = ${week.id} GROUP BY 1 ORDER BY 1`;
    expect(rolled.map((r) => r.resolution)).toEqual(["day", "five_minute", "hour", "minute"]);
    await refreshHealth(NOW);

    for (const [view, days] of [[week, 7], [day, 1]] as const) {
      const from = NOW.getTime() - days * 24 * HOUR;
      // What a window reads: rolled hours that start inside it, and the minutes after the last rolled hour.
      const inside = calls.filter((c) => (c.at >= lastHour ? c.at : Math.floor(c.at / HOUR) * HOUR) >= from);
      const total = inside.reduce((n, c) => n + c.count, 0);
      const errors = inside.reduce((n, c) => n + c.errors, 0);
      const slow = inside.reduce((n, c) => n + c.slow, 0);
      const row = await db().integrationHealth.findUniqueOrThrow({ where: { integrationId: view.id } });
      const slo = row.slo as unknown as HealthSlo;
      expect({ calls: slo.windowCalls, errors: slo.windowErrors }).toEqual({ calls: total, errors });
      // The 24 h exactly, to the minute.
      expect(Number(row.calls24h)).toBe(calls.filter((c) => c.at >= dayAgo).reduce((n, c) => n + c.count, 0));
      expect(slo.latency.remainingPercent).toBeCloseTo(budget({ total, good: total - slow }, 95).remainingPercent!, 9);
      expect(slo.availability.remainingPercent).toBeCloseTo(budget({ total, good: total - errors }, 99).remainingPercent!, 9);
    }
  });
});
