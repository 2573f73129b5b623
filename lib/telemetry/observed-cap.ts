// The process's observed-edge cap (edge-cap.ts), with the edges already stored read at start and
// again every few minutes (so pruned edges free their places and other servers' edges count). The
// per-token hourly count is per process; the total is the estate's, give or take what other servers
// admitted since the last read.
import "server-only";
import { db } from "@/lib/db/client";
import { env } from "@/lib/env";
import { EdgeCap } from "./edge-cap";

const REFRESH_MS = 5 * 60_000;

let cap: EdgeCap | null = null;
let loading: Promise<EdgeCap> | null = null;
let loadedMs = 0;

/** The observed edges stored, by a skip scan over the bucket key index (one probe per series, not a row scan). */
async function storedEdges(): Promise<string[]> {
  const rows = await db().$queryRaw<{ series_key: string }[]>`
    WITH RECURSIVE k AS (
      (SELECT series_key FROM latency_buckets ORDER BY series_key LIMIT 1)
      UNION ALL
      SELECT (SELECT b.series_key FROM latency_buckets b WHERE b.series_key > k.series_key ORDER BY b.series_key LIMIT 1) FROM k WHERE k.series_key IS NOT NULL
    )
    SELECT series_key FROM k WHERE series_key LIKE 'edge:%'`;
  return rows.map((r) => r.series_key);
}

export async function observedEdgeCap(nowMs = Date.now()): Promise<EdgeCap> {
  if (cap && nowMs - loadedMs < REFRESH_MS) return cap;
  loading ??= (async () => {
    const since = Date.now();
    const stored = await storedEdges();
    const e = env();
    if (cap) cap.refresh(stored, since - REFRESH_MS);
    else cap = new EdgeCap(e.EDGEWISE_OBSERVED_EDGES_PER_TOKEN_HOUR, e.EDGEWISE_OBSERVED_EDGES_MAX, stored);
    loadedMs = since;
    return cap;
  })().finally(() => (loading = null));
  return loading;
}
