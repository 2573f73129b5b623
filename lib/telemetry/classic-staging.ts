// Where classic histograms split across remote-write requests wait (remote_write_staging): inside the
// ingest transaction, under one advisory lock per series (taken in one order, before any row lock, by
// every writer of a Prometheus classic series), this request's parts join the staged ones, complete
// histograms go on to the delta engine and the rest is staged. Two servers holding parts of the same
// histogram take turns on the lock, so the second sees the first's committed parts; a resent part
// is a no-op on the primary key, or is older than the series' state and dropped.
import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { env } from "@/lib/env";
import { assembleClassic, shapeOf, type Assembly, type ClassicGroup, type ClassicShape, type SeriesLayout } from "./classic-assembly";
import type { SeriesState } from "./cumulative";
import type { Tx } from "./ingest-store";
import type { ExplicitPoint, MetricPoint } from "./otlp-metrics";

export const seriesHash = (seriesId: string) => createHash("sha256").update(seriesId).digest("hex");

/** The cumulative points to turn into deltas: classic histograms assembled with what is staged (the rest unchanged), and what assembly counted. */
export async function assembleStaged(tx: Tx, points: MetricPoint[], nowMs = Date.now()): Promise<{ points: MetricPoint[]; assembly: Assembly | null }> {
  const classic = points.filter((p): p is ExplicitPoint & { classic: Record<string, number> } => p.type === "histogram" && !!p.classic);
  if (classic.length === 0) return { points, assembly: null };
  const groups = new Map<string, ClassicGroup>();
  for (const p of classic) {
    const hash = seriesHash(p.seriesId);
    const timestampMs = Number(p.timeUnixNano / 1_000_000n);
    const key = `${hash}|${timestampMs}`;
    const g = groups.get(key);
    if (g) Object.assign(g.fresh, p.classic);
    else groups.set(key, { seriesHash: hash, timestampMs, shape: shapeOf(p), staged: {}, stagedSinceMs: null, fresh: { ...p.classic } });
  }
  const hashes = [...new Set([...groups.values()].map((g) => g.seriesHash))].sort();
  await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtextextended(h, 15)) FROM (SELECT h FROM unnest(${hashes}::text[]) AS h ORDER BY h) AS s`;
  const staged = await tx.$queryRaw<{ series_hash: string; timestamp_ms: bigint; part: string; value: number; shape: ClassicShape; received_at: Date }[]>`
    SELECT series_hash, timestamp_ms, part, value, shape, received_at FROM remote_write_staging WHERE series_hash = ANY(${hashes}::text[])`;
  for (const row of staged) {
    const timestampMs = Number(row.timestamp_ms);
    const key = `${row.series_hash}|${timestampMs}`;
    let g = groups.get(key);
    if (!g) groups.set(key, (g = { seriesHash: row.series_hash, timestampMs, shape: row.shape, staged: {}, stagedSinceMs: null, fresh: {} }));
    g.staged[row.part] = row.value;
    g.stagedSinceMs = Math.min(g.stagedSinceMs ?? Infinity, row.received_at.getTime());
  }
  const states = await tx.$queryRaw<{ series_hash: string; state: SeriesState | null }[]>`
    SELECT series_hash, state FROM metric_series_state WHERE series_hash = ANY(${hashes}::text[])`;
  const layouts = new Map<string, SeriesLayout | null>();
  for (const { series_hash, state } of states) {
    if (state) layouts.set(series_hash, { timeMs: Number(BigInt(state.time) / 1_000_000n), bounds: state.type === "histogram" ? state.bounds : [] });
  }
  const assembly = assembleClassic([...groups.values()], layouts, nowMs, env().EDGEWISE_REMOTE_WRITE_ASSEMBLY_WAIT_SECONDS * 1000);
  if (assembly.resolved.length) {
    await tx.$executeRaw`
      DELETE FROM remote_write_staging s USING unnest(${assembly.resolved.map((r) => r.seriesHash)}::text[], ${assembly.resolved.map((r) => r.timestampMs)}::bigint[]) AS v(h, t)
      WHERE s.series_hash = v.h AND s.timestamp_ms = v.t`;
  }
  if (assembly.stage.length) {
    const rows = assembly.stage;
    await tx.$executeRaw`
      INSERT INTO remote_write_staging (series_hash, timestamp_ms, part, value, shape)
      SELECT * FROM unnest(${rows.map((r) => r.seriesHash)}::text[], ${rows.map((r) => r.timestampMs)}::bigint[], ${rows.map((r) => r.part)}::text[],
                           ${rows.map((r) => r.value)}::float8[], ${rows.map((r) => JSON.stringify(r.shape))}::jsonb[])
      ON CONFLICT (series_hash, timestamp_ms, part) DO NOTHING`;
  }
  return { points: [...points.filter((p) => !(p.type === "histogram" && p.classic)), ...assembly.points], assembly };
}

/** Forgets parts staged a day ago whose series never came back (the same day series states are kept). */
export async function pruneStaging(tx: Pick<Tx, "$executeRaw">, now = new Date()): Promise<number> {
  return tx.$executeRaw`DELETE FROM remote_write_staging WHERE received_at < ${new Date(now.getTime() - 86_400_000)}`;
}
