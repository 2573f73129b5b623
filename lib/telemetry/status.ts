// Ingestion status for Settings → Telemetry: when data last arrived and how much is arriving.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";

export interface IngestionStatus {
  lastReceivedAt: string | null;
  spansLast10Minutes: number;
  spansPerMinute: number;
  integrationsWithData: number;
  observedEdges: number;
}

export async function ingestionStatus(actor: Actor, now = new Date()): Promise<IngestionStatus> {
  authorize(actor, "catalog:read");
  const since = new Date(now.getTime() - 10 * 60_000);
  const [row] = await db().$queryRaw<{ last: Date | null; recent: bigint | null; integrations: bigint; edges: bigint }[]>`
    SELECT (SELECT max(updated_at) FROM latency_buckets WHERE resolution = 'minute') AS last,
           (SELECT sum(count) FROM latency_buckets WHERE resolution = 'minute' AND updated_at >= ${since}) AS recent,
           (SELECT count(DISTINCT series_key) FROM latency_buckets WHERE resolution = 'minute' AND series_key NOT LIKE 'edge:%') AS integrations,
           (SELECT count(DISTINCT series_key) FROM latency_buckets WHERE resolution = 'minute' AND series_key LIKE 'edge:%') AS edges`;
  const recent = Number(row?.recent ?? 0);
  return {
    lastReceivedAt: row?.last?.toISOString() ?? null,
    spansLast10Minutes: recent,
    spansPerMinute: Math.round(recent / 10),
    integrationsWithData: Number(row?.integrations ?? 0),
    observedEdges: Number(row?.edges ?? 0),
  };
}
