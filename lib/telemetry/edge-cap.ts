// Caps on observed-edge cardinality (pure): an observed edge (traffic nobody declared) is a series of
// its own, so any telemetry:write token could otherwise make one per random name. A new edge is
// admitted while its token has started fewer than `perTokenHour` in the last hour and the estate has
// fewer than `total`; spans and points for edges refused are rejected per item with a reason code.
import { edgeOf, matchSpan, type TelemetryMatch } from "./attribute";
import { observedSeriesKey } from "./fold";
import { observedKeyOfPoint } from "./metrics-fold";
import type { DecodedSpan, TraceRequest } from "./otlp-json";
import type { MetricsRequest } from "./otlp-metrics";

export type EdgeCapReason = "edge_cap_token" | "edge_cap_total";

const HOUR_MS = 3_600_000;

export class EdgeCap {
  private readonly known: Set<string>;
  /** Per token: when each of its edges of the last hour was admitted (ascending). */
  private readonly recent = new Map<string, number[]>();
  private readonly admittedAt = new Map<string, number>();

  constructor(
    readonly perTokenHour: number,
    readonly total: number,
    known: Iterable<string> = [],
  ) {
    this.known = new Set(known);
  }

  get size(): number {
    return this.known.size;
  }

  /** Replaces the known edges with those stored, plus those admitted at or after `sinceMs` (perhaps not committed yet). */
  refresh(stored: Iterable<string>, sinceMs: number): void {
    this.known.clear();
    for (const k of stored) this.known.add(k);
    for (const [k, at] of this.admittedAt) {
      if (at >= sinceMs) this.known.add(k);
      else this.admittedAt.delete(k);
    }
  }

  /** Null when `key` may be written (known, or admitted now as new), else why not. */
  admit(token: string, key: string, nowMs: number): EdgeCapReason | null {
    if (this.known.has(key)) return null;
    const times = (this.recent.get(token) ?? []).filter((t) => t > nowMs - HOUR_MS);
    this.recent.set(token, times);
    if (times.length >= this.perTokenHour) return "edge_cap_token";
    if (this.known.size >= this.total) return "edge_cap_total";
    times.push(nowMs);
    this.known.add(key);
    this.admittedAt.set(key, nowMs);
    return null;
  }
}

const describe = (reason: EdgeCapReason, cap: EdgeCap) =>
  reason === "edge_cap_token" ? `a new observed edge beyond this token's ${cap.perTokenHour} per hour` : `a new observed edge beyond the estate's ${cap.total}`;

/** `items` without those `keyOf` names an edge the cap refuses, the refusals added to the request's rejections. */
function capItems<T, R extends { rejected: number; reasons: string[]; byReason: Record<string, number> }>(
  request: R,
  items: T[],
  what: string,
  keyOf: (item: T) => string | null,
  cap: EdgeCap,
  token: string,
  nowMs: number,
): { kept: T[]; request: R } {
  const kept: T[] = [];
  const out = { ...request, reasons: [...request.reasons], byReason: { ...request.byReason } };
  for (const item of items) {
    const key = keyOf(item);
    const reason = key === null ? null : cap.admit(token, key, nowMs);
    if (!reason) {
      kept.push(item);
      continue;
    }
    out.rejected += 1;
    out.byReason[reason] = (out.byReason[reason] ?? 0) + 1;
    if (out.reasons.length < 5) out.reasons.push(`a ${what}: ${describe(reason, cap)}`);
  }
  return { kept, request: out };
}

/** The observed edge a span would be folded into (fold.ts: undeclared, client side), or null. */
function observedKeyOfSpan(span: DecodedSpan, matches: TelemetryMatch[]): string | null {
  if (matchSpan(span, matches)) return null;
  const edge = edgeOf(span);
  return edge && edge.side === "client" ? observedSeriesKey(edge.source, edge.target) : null;
}

export function capTraces(request: TraceRequest, matches: TelemetryMatch[], cap: EdgeCap, token: string, nowMs: number): TraceRequest {
  const { kept, request: out } = capItems(request, request.spans, "span", (s) => observedKeyOfSpan(s, matches), cap, token, nowMs);
  return kept.length === request.spans.length ? request : { ...out, spans: kept };
}

export function capMetrics(request: MetricsRequest, matches: TelemetryMatch[], cap: EdgeCap, token: string, nowMs: number): MetricsRequest {
  const { kept, request: out } = capItems(request, request.points, "data point", (p) => observedKeyOfPoint(p, matches), cap, token, nowMs);
  return kept.length === request.points.length ? request : { ...out, points: kept };
}
