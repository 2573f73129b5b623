// OTLP trace ingestion: decode, attribute, fold, and write every bucket plus the body's receipt in one
// transaction — so a 200 means committed, a retry of the same body counts nothing, and two servers
// writing the same bucket merge under PostgreSQL's row lock instead of overwriting each other.
import "server-only";
import { createHash } from "node:crypto";
import { Prisma } from "@prisma/client";
import { authorize, type Actor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import type { TelemetryMatch } from "./attribute";
import { foldSpans } from "./fold";
import { decodeTraces, OtlpDecodeError } from "./otlp-json";

export interface IngestResult {
  accepted: number;
  rejected: number;
  duplicate: boolean;
  message: string | null;
}

let matchCache: { stamp: string; matches: TelemetryMatch[] } | null = null;

/** Telemetry matches of every live integration (names default to the services' telemetry names). */
async function telemetryMatches(): Promise<TelemetryMatch[]> {
  const [row] = await db().$queryRaw<{ stamp: string }[]>`
    SELECT concat((SELECT concat(count(*), max(updated_at)) FROM integration_points), '|',
                  (SELECT concat(count(*), max(updated_at)) FROM services)) AS stamp`;
  const stamp = row?.stamp ?? "";
  if (matchCache && matchCache.stamp === stamp) return matchCache.matches;
  const rows = await db().$queryRaw<{ id: string; operation: string; source: string; target: string; semantics: { telemetry?: { sourceName?: string | null; targetName?: string | null; operation?: string | null; side?: "client" | "server" } | null } }[]>`
    SELECT ip.id, ip.operation, s.telemetry_name AS source, t.telemetry_name AS target, ip.semantics
    FROM integration_points ip
    JOIN services s ON s.id = ip.source_service_id
    JOIN services t ON t.id = ip.target_service_id
    WHERE ip.lifecycle <> 'retired'`;
  const matches = rows.map((r) => ({
    key: r.id,
    sourceName: r.semantics.telemetry?.sourceName ?? r.source,
    targetName: r.semantics.telemetry?.targetName ?? r.target,
    operation: r.semantics.telemetry?.operation ?? null,
    declaredOperation: r.operation,
    side: r.semantics.telemetry?.side ?? "client",
  }));
  matchCache = { stamp, matches };
  return matches;
}

export const bodyDigest = (body: Buffer) => createHash("sha256").update(body).digest("hex");

export async function ingestTraces(actor: Actor, body: unknown, digest: string): Promise<IngestResult> {
  authorize(actor, "telemetry:write");
  let decoded;
  try {
    decoded = decodeTraces(body);
  } catch (err) {
    if (err instanceof OtlpDecodeError) throw new AppError("bad_request", err.message);
    throw err;
  }
  const { buckets } = foldSpans(decoded.spans, await telemetryMatches());
  const message = decoded.rejected ? `${decoded.rejected} span(s) rejected: ${decoded.reasons.join("; ")}` : null;
  const duplicate = await db().$transaction(async (tx) => {
    const inserted = await tx.$executeRaw`INSERT INTO ingest_receipts (digest) VALUES (${digest}) ON CONFLICT (digest) DO NOTHING`;
    if (inserted === 0) return true;
    for (let i = 0; i < buckets.length; i += 500) {
      const rows = buckets
        .slice(i, i + 500)
        .map((b) => Prisma.sql`(${b.seriesKey}, 'minute', ${new Date(b.startMs)}, ${b.count}, ${b.errors}, ${JSON.stringify(b.histogram)}::jsonb)`);
      await tx.$executeRaw`
        INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
        VALUES ${Prisma.join(rows)}
        ON CONFLICT (series_key, resolution, start) DO UPDATE SET
          count = latency_buckets.count + EXCLUDED.count,
          errors = latency_buckets.errors + EXCLUDED.errors,
          histogram = edgewise_merge_histogram(latency_buckets.histogram, EXCLUDED.histogram),
          updated_at = now()`;
    }
    return false;
  });
  if (Date.now() - lastPrunedMs > 60_000) {
    lastPrunedMs = Date.now();
    await pruneReceipts().catch(() => undefined); // best effort: a late prune only keeps rows longer
  }
  return { accepted: duplicate ? 0 : decoded.spans.length, rejected: decoded.rejected, duplicate, message };
}

let lastPrunedMs = 0;

/** Forgets receipts older than an hour, the window a collector retries in (at most once a minute). */
export async function pruneReceipts(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM ingest_receipts WHERE received_at < ${new Date(now.getTime() - 3_600_000)}`;
}
