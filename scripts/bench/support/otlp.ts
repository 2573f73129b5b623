// OTLP/JSON batches for benchmarks and fault scripts, a sender that retries a batch until it is
// acknowledged (the same body, so the server's receipt makes a retry count once), and the database's
// own count of what was ingested.
import { randomBytes } from "node:crypto";
import pg from "pg";

/** Client spans checkout → payments "authorize" (a declared integration in the demo estate). */
export function otlpBatch(spans: number, startNs: bigint, label?: string): string {
  const list = Array.from({ length: spans }, (_, i) => ({
    traceId: randomBytes(16).toString("hex"),
    spanId: randomBytes(8).toString("hex"),
    name: "authorize",
    kind: 3,
    startTimeUnixNano: String(startNs + BigInt(i) * 1000n),
    endTimeUnixNano: String(startNs + BigInt(i) * 1000n + BigInt(1_000_000 + ((i * 7919) % 200) * 1_000_000)),
    attributes: [{ key: "peer.service", value: { stringValue: "payments" } }],
    status: { code: i % 100 === 0 ? 2 : 0 },
  }));
  const attributes = [{ key: "service.name", value: { stringValue: "checkout" } }, ...(label ? [{ key: "bench.batch", value: { stringValue: label } }] : [])];
  return JSON.stringify({ resourceSpans: [{ resource: { attributes }, scopeSpans: [{ spans: list }] }] });
}

/** A few minutes ago, so the buckets are recent minutes that neither rollups nor retention touch. */
export const recentNs = (minutesAgo = 5) => BigInt(Date.now() - minutesAgo * 60_000) * 1_000_000n;

export interface Batch {
  id: number;
  spans: number;
  body: string;
}

/** Distinct batches with varying, known span counts (so a double or missing one shows in the sum). */
export function makeBatches(count: number, minSpans: number, maxSpans: number, label: string): Batch[] {
  const startNs = recentNs();
  return Array.from({ length: count }, (_, id) => {
    const spans = minSpans + ((id * 7919) % (maxSpans - minSpans + 1));
    return { id, spans, body: otlpBatch(spans, startNs + BigInt(id) * 1_000_000n, `${label}-${id}`) };
  });
}

export interface Attempt {
  batch: number;
  base: string;
  startMs: number;
  endMs: number;
  /** 0: no answer (connection refused or reset, or timed out). */
  status: number;
  retryAfter: string | null;
}

export interface SenderOptions {
  token: string;
  /** Servers to send to, round-robin by batch. */
  bases: string[];
  /** Give up on an attempt after this long (a hang counts as no answer). */
  timeoutMs?: number;
  retryDelayMs?: number;
  /** Stop retrying a batch after this long. */
  giveUpMs?: number;
  /** Checked before each new batch: true ends the run (batches in flight still finish). */
  stop?: () => boolean;
}

/** Sends batches with a few workers; each batch is retried with the same body until a 200. */
export async function sendAll(batches: Batch[], concurrency: number, options: SenderOptions, attempts: Attempt[] = []) {
  const { token, bases, timeoutMs = 30_000, retryDelayMs = 200, giveUpMs = 120_000, stop = () => false } = options;
  const acked = new Set<number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < batches.length && !stop()) {
        const batch = batches[next++]!;
        const base = bases[batch.id % bases.length]!;
        const firstMs = performance.now();
        while (performance.now() - firstMs < giveUpMs) {
          const attempt: Attempt = { batch: batch.id, base, startMs: performance.now(), endMs: 0, status: 0, retryAfter: null };
          try {
            const res = await fetch(`${base}/v1/traces`, {
              method: "POST",
              headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
              body: batch.body,
              signal: AbortSignal.timeout(timeoutMs),
            });
            await res.arrayBuffer();
            attempt.status = res.status;
            attempt.retryAfter = res.headers.get("retry-after");
          } catch {
            attempt.status = 0;
          }
          attempt.endMs = performance.now();
          attempts.push(attempt);
          if (attempt.status === 200) {
            acked.add(batch.id);
            break;
          }
          await new Promise((r) => setTimeout(r, retryDelayMs));
        }
      }
    }),
  );
  return { acked, attempts };
}

/** What the attempts add up to, per batch and overall. */
export function tally(batches: Batch[], attempts: Attempt[], acked: Set<number>) {
  const tries = new Map<number, number>();
  for (const a of attempts) tries.set(a.batch, (tries.get(a.batch) ?? 0) + 1);
  const byStatus: Record<string, number> = {};
  for (const a of attempts) byStatus[a.status === 0 ? "no answer" : String(a.status)] = (byStatus[a.status === 0 ? "no answer" : String(a.status)] ?? 0) + 1;
  return {
    batches: tries.size,
    requests: attempts.length,
    acked: acked.size,
    retriedBatches: [...tries.values()].filter((n) => n > 1).length,
    byStatus,
    ackedSpans: batches.filter((b) => acked.has(b.id)).reduce((s, b) => s + b.spans, 0),
  };
}

/** Spans in minute buckets and ingestion receipts, straight from the database. */
export async function ingestedInDb(url: string): Promise<{ spans: number; receipts: number }> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const { rows } = await client.query<{ spans: string; receipts: string }>(
      "SELECT (SELECT coalesce(sum(count), 0) FROM latency_buckets WHERE resolution = 'minute') AS spans, (SELECT count(*) FROM ingest_receipts) AS receipts",
    );
    return { spans: Number(rows[0]!.spans), receipts: Number(rows[0]!.receipts) };
  } finally {
    await client.end();
  }
}
