// Pairs asynchronous deliveries across requests: the producer's span and the consumer's usually reach
// us in different requests (often from different services' exporters). Inside the ingesting
// transaction, each half either finds its partner among the stored halves or is stored to wait for
// it (an hour at most). Both halves lock the producer span's reference first, so two servers
// receiving the two halves at the same moment still pair them exactly once.
import "server-only";
import type { Prisma } from "@prisma/client";
import { db } from "@/lib/db/client";
import type { TelemetryMatch } from "./attribute";
import { lagObservations, pairHalves, refKey, type Delivery, type LagHalf, type LagObservation } from "./async-lag";

type Tx = Prisma.TransactionClient;

interface StoredHalf {
  ref_trace_id: string;
  ref_span_id: string;
  role: "producer" | "consumer";
  trace_id: string;
  span_id: string;
  service: string;
  operation: string;
  start_nanos: bigint;
  error: boolean;
}

const fromRow = (r: StoredHalf): LagHalf => ({
  role: r.role,
  traceId: r.trace_id,
  spanId: r.span_id,
  service: r.service,
  operation: r.operation,
  startUnixNano: BigInt(r.start_nanos),
  error: r.error,
  ref: { traceId: r.ref_trace_id, spanId: r.ref_span_id },
});

/** The lag observations a batch's pairable halves (see pairableHalves) complete; stores the halves still waiting for a partner. */
export async function pairDeliveries(tx: Tx, halves: LagHalf[], matches: TelemetryMatch[]): Promise<LagObservation[]> {
  if (halves.length === 0) return [];
  const producers = halves.filter((h) => h.role === "producer");
  const consumers = halves.filter((h) => h.role === "consumer");

  const keys = [...new Set(halves.map((h) => refKey(h.ref)))].sort();
  await tx.$queryRaw`SELECT count(*) FROM (SELECT pg_advisory_xact_lock(hashtextextended(k, 0)) FROM (SELECT k FROM unnest(${keys}::text[]) AS k ORDER BY k) AS ordered) AS locked`;

  const inBatch = pairHalves(producers, consumers);
  const deliveries: Delivery[] = [...inBatch.deliveries];
  let waiting = inBatch.unpaired;
  if (waiting.length) {
    const stored = await tx.$queryRaw<StoredHalf[]>`
      SELECT * FROM async_lag_halves
      WHERE role = 'producer' AND (ref_trace_id, ref_span_id) IN (
        SELECT * FROM unnest(${waiting.map((c) => c.ref.traceId)}::text[], ${waiting.map((c) => c.ref.spanId)}::text[]))`;
    const fromStore = pairHalves(stored.map(fromRow), waiting);
    deliveries.push(...fromStore.deliveries);
    waiting = fromStore.unpaired;
  }
  if (producers.length) {
    // Consumers that arrived first: each pairs once, so they leave the store as they pair.
    const early = await tx.$queryRaw<StoredHalf[]>`
      DELETE FROM async_lag_halves
      WHERE role = 'consumer' AND (ref_trace_id, ref_span_id) IN (
        SELECT * FROM unnest(${producers.map((p) => p.ref.traceId)}::text[], ${producers.map((p) => p.ref.spanId)}::text[]))
      RETURNING *`;
    deliveries.push(...pairHalves(producers, early.map(fromRow)).deliveries);
  }
  // Producers stay: a published event may still reach more consumers (fan-out).
  const store = [...producers, ...waiting];
  if (store.length) {
    await tx.$executeRaw`
      INSERT INTO async_lag_halves (ref_trace_id, ref_span_id, role, trace_id, span_id, service, operation, start_nanos, error)
      SELECT * FROM unnest(${store.map((h) => h.ref.traceId)}::text[], ${store.map((h) => h.ref.spanId)}::text[], ${store.map((h) => h.role)}::text[],
                           ${store.map((h) => h.traceId)}::text[], ${store.map((h) => h.spanId)}::text[], ${store.map((h) => h.service)}::text[],
                           ${store.map((h) => h.operation)}::text[], ${store.map((h) => h.startUnixNano.toString())}::bigint[], ${store.map((h) => h.error)}::boolean[])
      ON CONFLICT DO NOTHING`;
  }
  return lagObservations(deliveries, matches);
}

/** Forgets halves older than an hour: their partner is not coming (or was never instrumented). */
export async function pruneLagHalves(now = new Date()): Promise<number> {
  return db().$executeRaw`DELETE FROM async_lag_halves WHERE received_at < ${new Date(now.getTime() - 3_600_000)}`;
}
