// Observed edges read settled hours and the minutes after them; first and last seen to the minute.
// A database of its own: the roll-up state is estate-wide.
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { emptyHistogram, record } from "./histogram";
import { observedEdges } from "./observed";

useOwnDatabase("observed");

const HOUR = 3_600_000;

async function put(seriesKey: string, resolution: "minute" | "hour", startMs: number, valuesMs: number[], errors = 0) {
  const h = emptyHistogram();
  for (const v of valuesMs) record(h, v);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${seriesKey}, ${resolution}, ${new Date(startMs)}, ${valuesMs.length}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
}

it("counts settled hours once (not their minutes too), minutes after them, and ranks the busiest first", async () => {
  const nowHour = Math.floor(Date.now() / HOUR) * HOUR;
  // Hours rolled until the current hour: settled until two hours before it.
  await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('hour', ${new Date(nowHour)})`;
  const busy = "edge:web->ghost";
  // A settled hour whose bucket holds 5 calls while only 2 of its minutes are still kept.
  await put(busy, "hour", nowHour - 5 * HOUR, [10, 10, 10, 10, 500], 1);
  await put(busy, "minute", nowHour - 5 * HOUR + 10 * 60_000, [10, 10]);
  // Minutes the hour tier does not settle yet (the last two hours): read as minutes.
  await put(busy, "minute", nowHour - HOUR + 7 * 60_000, [20, 20, 20]);
  await put(busy, "hour", nowHour - HOUR, [20, 20, 20]); // unsettled: not read
  await put("edge:cron->ghost", "minute", nowHour - 30 * 60_000, [1]);

  const edges = await observedEdges(await actorFor("viewer"));
  expect(edges.map((e) => [e.source, e.target, e.calls, e.errors])).toEqual([
    ["web", "ghost", 5 + 3, 1],
    ["cron", "ghost", 1, 0],
  ]);
  expect(edges[0]).toMatchObject({
    firstSeen: new Date(nowHour - 5 * HOUR + 10 * 60_000).toISOString(),
    lastSeen: new Date(nowHour - HOUR + 8 * 60_000).toISOString(),
    sourceService: null,
  });
  expect(edges[0]!.p99Ms).toBeGreaterThan(400); // the slow call is in the hour bucket only
});
