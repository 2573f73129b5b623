// Attribution (pure): which edge a span measures, and which declared integration point that edge is.
import type { DecodedSpan } from "./otlp-json";

export interface Edge {
  source: string;
  target: string;
  /** The side that measured it: the caller (client/producer) or the callee (server/consumer). */
  side: "client" | "server";
}

/** The callee a client or producer span names: peer.service, else server.address, else rpc.service, else the destination. */
export function calleeOf(span: DecodedSpan): string | null {
  const a = span.attributes;
  for (const key of ["peer.service", "server.address", "rpc.service"]) {
    if (typeof a[key] === "string" && a[key]) return a[key] as string;
  }
  const destination = a["messaging.destination.name"];
  if (typeof destination === "string" && destination) {
    const system = a["messaging.system"];
    return typeof system === "string" && system ? `${system}:${destination}` : destination;
  }
  return null;
}

/**
 * The edge a span measures. Client and producer spans know both ends. Server and consumer spans know
 * only their own service; the caller comes from `client.service`/`peer.service` when propagated.
 */
export function edgeOf(span: DecodedSpan): Edge | null {
  if (span.kind === "client" || span.kind === "producer") {
    const target = calleeOf(span);
    return target ? { source: span.serviceName, target, side: "client" } : null;
  }
  if (span.kind === "server" || span.kind === "consumer") {
    const caller = span.attributes["client.service"] ?? span.attributes["peer.service"];
    return typeof caller === "string" && caller ? { source: caller, target: span.serviceName, side: "server" } : null;
  }
  return null;
}

export interface TelemetryMatch {
  key: string;
  sourceName: string;
  targetName: string;
  /** When set, only spans with this name count (several operations between the same two services). */
  operation: string | null;
  /** The declared operation: breaks ties when several integrations share an edge and name no span. */
  declaredOperation?: string;
  side: "client" | "server";
  /** Asynchronous: measured by delivery lag (producer → consumer pairs), not by single spans. */
  lag?: boolean;
}

const byEdge = new WeakMap<readonly TelemetryMatch[], Map<string, TelemetryMatch[]>>();
const NONE: TelemetryMatch[] = [];

/**
 * The matches of one edge, in their order, from an index made once per list: every span is matched
 * (twice, by the edge cap and by folding), and an estate has thousands of integrations. A list of
 * matches is a snapshot of the catalog (catalog-matches.ts) and is never changed once made.
 */
function matchesBetween(matches: readonly TelemetryMatch[], source: string, target: string): TelemetryMatch[] {
  let index = byEdge.get(matches);
  if (!index) {
    index = new Map();
    for (const m of matches) {
      const key = `${m.sourceName}\u0000${m.targetName}`;
      const list = index.get(key);
      if (list) list.push(m);
      else index.set(key, [m]);
    }
    byEdge.set(matches, index);
  }
  return index.get(`${source}\u0000${target}`) ?? NONE;
}

/**
 * The match for an edge and an operation name among those `accept` allows: one naming the operation
 * wins, then one whose declared operation is that name, then any.
 */
export function pickMatch(matches: readonly TelemetryMatch[], source: string, target: string, name: string, accept: (m: TelemetryMatch) => boolean): TelemetryMatch | null {
  let byDeclaredName: TelemetryMatch | null = null;
  let fallback: TelemetryMatch | null = null;
  for (const m of matchesBetween(matches, source, target)) {
    if (!accept(m)) continue;
    if (m.operation !== null) {
      if (m.operation === name) return m;
    } else if (m.declaredOperation === name) byDeclaredName ??= m;
    else fallback ??= m;
  }
  return byDeclaredName ?? fallback;
}

/** The declared integration point a span measures, or null (an observed, undeclared edge). One side is counted per integration, never both. */
export function matchSpan(span: DecodedSpan, matches: TelemetryMatch[]): TelemetryMatch | null {
  const edge = edgeOf(span);
  return edge ? pickMatch(matches, edge.source, edge.target, span.name, (m) => m.side === edge.side) : null;
}

/** The key of the declared integration point a span belongs to, or null (see matchSpan). */
export function matchIntegration(span: DecodedSpan, matches: TelemetryMatch[]): string | null {
  return matchSpan(span, matches)?.key ?? null;
}
