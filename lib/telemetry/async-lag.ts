// Async delivery lag (pure): a producer span and the consumer span that references it (as its parent
// or through a span link) make one delivery, whose lag is consumer start − producer start. That lag,
// not the time to publish, is what an asynchronous integration's latency budget is checked against.
// The two halves often arrive in different requests; ingestion keeps the unpaired ones for an hour.
import { pickMatch, type TelemetryMatch } from "./attribute";
import type { DecodedSpan } from "./otlp-json";

export interface SpanRef {
  traceId: string;
  spanId: string;
}

/** One side of a delivery, reduced to what pairing needs. A consumer has one half per span it references. */
export interface LagHalf {
  role: "producer" | "consumer";
  traceId: string;
  spanId: string;
  service: string;
  /** The producer's destination (or span name): breaks ties between integrations on one edge. */
  operation: string;
  startUnixNano: bigint;
  error: boolean;
  /** The producer span a consumer half points at; a producer's own id. */
  ref: SpanRef;
}

export interface Delivery {
  producer: LagHalf;
  consumer: LagHalf;
}

export interface LagObservation {
  seriesKey: string;
  startMs: number;
  lagMs: number;
  error: boolean;
  /** The consumer span: the delivery's trace to open. */
  exemplar?: { traceId: string; spanId: string; atMs: number };
}

export const refKey = (r: SpanRef) => `${r.traceId}:${r.spanId}`;

/** The producer and consumer halves of a batch of spans. */
export function lagHalves(spans: DecodedSpan[]): LagHalf[] {
  const halves: LagHalf[] = [];
  for (const s of spans) {
    const base = { traceId: s.traceId, spanId: s.spanId, service: s.serviceName, startUnixNano: s.startUnixNano, error: s.error };
    if (s.kind === "producer") {
      const destination = s.attributes["messaging.destination.name"];
      halves.push({ ...base, role: "producer", operation: typeof destination === "string" && destination ? destination : s.name, ref: { traceId: s.traceId, spanId: s.spanId } });
    } else if (s.kind === "consumer") {
      const refs = [...(s.parentSpanId ? [{ traceId: s.traceId, spanId: s.parentSpanId }] : []), ...s.links];
      const seen = new Set<string>();
      for (const ref of refs) {
        if (seen.has(refKey(ref))) continue;
        seen.add(refKey(ref));
        halves.push({ ...base, role: "consumer", operation: s.name, ref });
      }
    }
  }
  return halves;
}

/** Pairs consumer halves with the producers they reference; a producer may feed many consumers (fan-out). */
export function pairHalves(producers: LagHalf[], consumers: LagHalf[]): { deliveries: Delivery[]; unpaired: LagHalf[] } {
  const byRef = new Map(producers.map((p) => [refKey(p.ref), p]));
  const deliveries: Delivery[] = [];
  const unpaired: LagHalf[] = [];
  for (const c of consumers) {
    const p = byRef.get(refKey(c.ref));
    if (p) deliveries.push({ producer: p, consumer: c });
    else unpaired.push(c);
  }
  return { deliveries, unpaired };
}

/** The asynchronous integration a delivery belongs to: producer's service → consumer's service. */
export function deliveryIntegration(d: Delivery, matches: TelemetryMatch[]): string | null {
  return pickMatch(matches, d.producer.service, d.consumer.service, d.producer.operation, (m) => m.lag === true)?.key ?? null;
}

/** Lag observations of the deliveries that belong to a declared asynchronous integration. */
export function lagObservations(deliveries: Delivery[], matches: TelemetryMatch[]): LagObservation[] {
  const out: LagObservation[] = [];
  for (const d of deliveries) {
    const seriesKey = deliveryIntegration(d, matches);
    if (!seriesKey) continue;
    const lagNanos = d.consumer.startUnixNano - d.producer.startUnixNano;
    out.push({
      seriesKey,
      startMs: Number(d.consumer.startUnixNano / 60_000_000_000n) * 60_000,
      // Clocks of two hosts disagree a little: a consumer "before" its producer had no lag to speak of.
      lagMs: lagNanos > 0n ? Number(lagNanos) / 1e6 : 0,
      error: d.consumer.error,
      exemplar: { traceId: d.consumer.traceId, spanId: d.consumer.spanId, atMs: Number(d.consumer.startUnixNano / 1_000_000n) },
    });
  }
  return out;
}

/** Whether a half could ever pair into a declared integration (only those are worth keeping). */
export function mayPair(half: LagHalf, matches: TelemetryMatch[]): boolean {
  return matches.some((m) => m.lag && (half.role === "producer" ? m.sourceName === half.service : m.targetName === half.service));
}

/** The producer and consumer halves of a batch that may pair into a declared asynchronous integration. */
export function pairableHalves(spans: DecodedSpan[], matches: TelemetryMatch[]): LagHalf[] {
  if (!matches.some((m) => m.lag)) return [];
  return lagHalves(spans).filter((h) => mayPair(h, matches));
}
