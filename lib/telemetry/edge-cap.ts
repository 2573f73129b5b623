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

/** The new edges one commit attempt reserved (EdgeCap.settle confirms or returns them). */
export type EdgeTicket = Set<string>;

interface Reservation {
  token: string;
  atMs: number;
  /** Attempts in flight that write this edge; it is returned when the last of them fails. */
  holders: number;
}

export class EdgeCap {
  private readonly known: Set<string>;
  /** Per token: when each of its edges of the last hour was admitted (ascending). */
  private readonly recent = new Map<string, number[]>();
  private readonly admittedAt = new Map<string, number>();
  /** New edges admitted for commits not settled yet: they hold their places, so concurrent requests cannot pass the cap. */
  private readonly pending = new Map<string, Reservation>();

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

  /** Replaces the known edges with those stored, plus those admitted at or after `sinceMs` (perhaps not committed yet) and those pending. */
  refresh(stored: Iterable<string>, sinceMs: number): void {
    this.known.clear();
    for (const k of stored) this.known.add(k);
    for (const [k, at] of this.admittedAt) {
      if (at >= sinceMs) this.known.add(k);
      else this.admittedAt.delete(k);
    }
    for (const k of this.pending.keys()) this.known.add(k);
  }

  /**
   * Null when `key` may be written (known, or admitted now as new), else why not. With a `ticket`, a
   * new edge is only reserved: `settle` confirms it when the commit is made, or gives its place back.
   */
  admit(token: string, key: string, nowMs: number, ticket?: EdgeTicket): EdgeCapReason | null {
    if (this.known.has(key)) {
      const held = this.pending.get(key);
      if (held && ticket && !ticket.has(key)) {
        held.holders += 1;
        ticket.add(key);
      }
      return null;
    }
    const times = (this.recent.get(token) ?? []).filter((t) => t > nowMs - HOUR_MS);
    this.recent.set(token, times);
    if (times.length >= this.perTokenHour) return "edge_cap_token";
    if (this.known.size >= this.total) return "edge_cap_total";
    times.push(nowMs);
    this.known.add(key);
    if (ticket) {
      this.pending.set(key, { token, atMs: nowMs, holders: 1 });
      ticket.add(key);
    } else this.admittedAt.set(key, nowMs);
    return null;
  }

  /**
   * Ends an attempt: `committed`, its new edges are stored and keep their places; otherwise (a stale
   * catalog tried again, a retried body, a refused or failed commit) each edge no other attempt still
   * holds gives its place back to its token and to the estate — so retries neither count twice nor leak.
   */
  settle(ticket: EdgeTicket, committed: boolean): void {
    for (const key of ticket) {
      const held = this.pending.get(key);
      if (!held) continue; // another attempt committed it already
      if (committed) {
        this.pending.delete(key);
        this.admittedAt.set(key, held.atMs);
        continue;
      }
      if (--held.holders > 0) continue;
      this.pending.delete(key);
      this.known.delete(key);
      const times = this.recent.get(held.token);
      const i = times?.indexOf(held.atMs) ?? -1;
      if (times && i >= 0) times.splice(i, 1);
    }
    ticket.clear();
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
  ticket?: EdgeTicket,
): { kept: T[]; request: R } {
  const kept: T[] = [];
  const out = { ...request, reasons: [...request.reasons], byReason: { ...request.byReason } };
  for (const item of items) {
    const key = keyOf(item);
    const reason = key === null ? null : cap.admit(token, key, nowMs, ticket);
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

export function capTraces(request: TraceRequest, matches: TelemetryMatch[], cap: EdgeCap, token: string, nowMs: number, ticket?: EdgeTicket): TraceRequest {
  const { kept, request: out } = capItems(request, request.spans, "span", (s) => observedKeyOfSpan(s, matches), cap, token, nowMs, ticket);
  return kept.length === request.spans.length ? request : { ...out, spans: kept };
}

export function capMetrics(request: MetricsRequest, matches: TelemetryMatch[], cap: EdgeCap, token: string, nowMs: number, ticket?: EdgeTicket): MetricsRequest {
  const { kept, request: out } = capItems(request, request.points, "data point", (p) => observedKeyOfPoint(p, matches), cap, token, nowMs, ticket);
  return kept.length === request.points.length ? request : { ...out, points: kept };
}
