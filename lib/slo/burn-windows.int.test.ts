// The burn windows read settled hours between the window starts and minutes at the edges: each call
// once, whichever tier holds it. A database of its own: the roll-up state is estate-wide.
import { expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { emptyHistogram, record } from "@/lib/telemetry/histogram";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { sloStatus } from "./status";

useOwnDatabase("burn_windows");

/** An integration point at 99.9 % over 28 days, and a writer of its stored buckets (every call at 20 ms). */
async function series(operation: string) {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const { view } = await createIntegration(member, {
    sourceService: a.slug, targetService: b.slug, operation, style: "sync", protocol: "grpc",
    budget: { p99Ms: 100 }, slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 },
  });
  const put = async (resolution: "minute" | "five_minute" | "hour", start: Date, count: number, errors: number) => {
    const h = emptyHistogram();
    record(h, 20, count);
    await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
      VALUES (${view.id}, ${resolution}, ${start}, ${count}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
  };
  return { member, view, put };
}

const at = (day: number, hour: number, minute = 0) => new Date(Date.UTC(2026, 10, day, hour, minute));

it("counts settled hours, the minutes of the hours a window starts in, and the minutes of hours not settled", async () => {
  const { member, view, put } = await series("burn");
  const now = at(20, 12, 37);
  // Hours rolled until 05:00, so settled until 03:00 (the roll-up's 2-hour margin).
  await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${at(20, 5)})`;
  await put("hour", at(18, 12), 10, 10); // inside the 3-day ring, settled: its hour (no minutes kept)
  await put("hour", at(19, 12), 100, 100); // the hour the 1-day window starts in: read as minutes…
  await put("minute", at(19, 12, 10), 3, 0); // …before 12:37, in the 3-day ring
  await put("minute", at(19, 12, 50), 4, 0); // …after, in the 1-day ring
  await put("hour", at(20, 2), 20, 0); // inside the 1-day ring, settled
  await put("hour", at(20, 4), 50, 50); // not settled: its minutes instead
  await put("minute", at(20, 4, 20), 2, 0);
  await put("minute", at(20, 12), 5, 0); // the last hour

  const slo = await sloStatus(member, view.key, now);
  const rate = (errors: number, total: number) => errors / total / 0.001;
  expect(slo.availability.burnRates["3d"]).toBeCloseTo(rate(10, 10 + 3 + 4 + 20 + 2 + 5), 9);
  expect(slo.availability.burnRates["1d"]).toBe(0);
  expect(slo.latency.burnRates["3d"]).toBe(0);
  // The hour bucket standing for 44 calls and 10 errors: without it the 3-day window had no errors.
  expect(slo.availability.burnRates["6h"]).toBe(0);
});

it("reads settled five minutes inside a ring as their five-minute bucket, and minutes where a window starts inside one", async () => {
  const { member, view, put } = await series("fives");
  const now = at(20, 12, 37);
  // Hours and five-minute buckets rolled until 05:00: both settled until 03:00.
  await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${at(20, 5)}), ('five_minute', ${at(20, 5)})
    ON CONFLICT (resolution) DO UPDATE SET rolled_until = EXCLUDED.rolled_until`;
  try {
    await put("hour", at(19, 12), 500, 500); // the hour the 1-day window starts in: not read as an hour…
    await put("five_minute", at(19, 12, 10), 6, 6); // …but its whole five minutes before 12:35 are, in the 3-day ring,
    await put("minute", at(19, 12, 11), 2, 2); // instead of what minutes are left of them;
    await put("five_minute", at(19, 12, 35), 100, 100); // the five minutes the 1-day window starts in are read as minutes:
    await put("minute", at(19, 12, 36), 1, 0); // in the 3-day ring,
    await put("minute", at(19, 12, 38), 1, 1); // in the 1-day ring
    await put("minute", at(20, 12), 10, 0); // the last hour

    const slo = await sloStatus(member, view.key, now);
    const rate = (errors: number, total: number) => errors / total / 0.001;
    expect(slo.availability.burnRates["3d"]).toBeCloseTo(rate(6 + 1, 6 + 1 + 1 + 10), 9);
    expect(slo.availability.burnRates["1d"]).toBeCloseTo(rate(1, 1 + 10), 9);
    expect(slo.availability.burnRates["1h"]).toBe(0);
  } finally {
    await db().$executeRaw`DELETE FROM telemetry_rollups`;
  }
});
