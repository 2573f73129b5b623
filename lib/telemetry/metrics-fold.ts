// Folding metric points (already deltas) into per-series, per-minute histograms (pure). Recognises
// the Collector's spanmetrics and servicegraph connectors and attributes their series the way spans
// are attributed: each point stands for the span (or span pair) it was aggregated from.
import { edgeOf, matchIntegration, type TelemetryMatch } from "./attribute";
import { MINUTE_MS, observedSeriesKey, type FoldedBucket } from "./fold";
import { ExemplarPicker } from "./exemplars";
import { merge, type Histogram } from "./histogram";
import { explicitToHistogram, exponentialIsApproximate, exponentialToHistogram, unitToMs } from "./metric-histograms";
import type { DecodedSpan, SpanKind } from "./otlp-json";
import type { MetricPoint } from "./otlp-metrics";

export type MetricRole =
  /** spanmetrics' duration histogram: one series per (service, span name, kind, status, …). */
  | { role: "span-duration" }
  /** servicegraph's request duration histogram, measured by the client or the server. */
  | { role: "edge-duration"; side: "client" | "server" }
  /** servicegraph's failed-request counter: errors for the edge. */
  | { role: "edge-failed" };

const SPANMETRICS_DURATION = /(^|[._])(duration|latency)(_seconds|_milliseconds)?(_bucket)?$/;
const SERVICEGRAPH_DURATION = /^traces_service_graph_request_(server|client)(_seconds)?$/;
const SERVICEGRAPH_FAILED = /^traces_service_graph_request_failed(_total)?$/;

/**
 * What a point is for, or null when Edgewise does not fold it. The call counters of both connectors
 * (`calls`, `traces_service_graph_request_total`) are skipped on purpose: the duration histograms
 * carry the same counts, and taking both would count every call twice.
 */
export function roleOf(point: MetricPoint): MetricRole | null {
  const name = point.metric;
  if (point.type === "sum") return SERVICEGRAPH_FAILED.test(name) ? { role: "edge-failed" } : null;
  const graph = SERVICEGRAPH_DURATION.exec(name);
  if (graph) return { role: "edge-duration", side: graph[1] as "client" | "server" };
  // spanmetrics' namespace is configurable (traces.span.metrics by default, none in older versions,
  // `latency` in the old processor); its points always carry span.kind.
  if (SPANMETRICS_DURATION.test(name) && typeof point.attributes["span.kind"] === "string") return { role: "span-duration" };
  return null;
}

const KINDS: Record<string, SpanKind> = { internal: "internal", server: "server", client: "client", producer: "producer", consumer: "consumer" };
const kindOf = (v: unknown): SpanKind => (typeof v === "string" ? (KINDS[v.replace(/^SPAN_KIND_/i, "").toLowerCase()] ?? "unspecified") : "unspecified");
const text = (v: unknown) => (typeof v === "string" ? v : "");

/** The span a spanmetrics point aggregates: same service, name, kind and (configured) dimensions. */
function spanOf(serviceName: string, name: string, kind: SpanKind, attributes: DecodedSpan["attributes"], error: boolean): DecodedSpan {
  return { traceId: "", spanId: "", parentSpanId: null, name, kind, serviceName, startUnixNano: 0n, durationMs: 0, error, attributes, links: [] };
}

/** The spans a servicegraph edge stands for: the client's call and the server's handling of it. */
function edgeSpan(point: MetricPoint, side: "client" | "server"): DecodedSpan | null {
  const client = text(point.attributes.client);
  const server = text(point.attributes.server);
  if (!client || !server) return null;
  return side === "client" ? spanOf(client, "", "client", { "peer.service": server }, false) : spanOf(server, "", "server", { "client.service": client }, false);
}

/** A declared integration point, else the observed edge (client side only, as for spans), else null. */
function seriesKeyOf(span: DecodedSpan, matches: TelemetryMatch[]): string | null {
  const integration = matchIntegration(span, matches);
  if (integration) return integration;
  const edge = edgeOf(span);
  return edge && edge.side === "client" ? observedSeriesKey(edge.source, edge.target) : null;
}

/** The span a duration point stands for (spanmetrics: the span it aggregates; servicegraph: one side of the edge). */
function durationSpan(point: MetricPoint, role: MetricRole): DecodedSpan | null {
  if (role.role === "span-duration") {
    const a = point.attributes;
    const service = text(point.resource["service.name"]) || text(a["service.name"]) || "unknown_service";
    return spanOf(service, text(a["span.name"]), kindOf(a["span.kind"]), a, /error$/i.test(text(a["status.code"])));
  }
  return role.role === "edge-duration" ? edgeSpan(point, role.side) : null;
}

/** The observed edge's series key a point would start or add to, or null (declared, unattributed, or an error counter, which never starts a series). */
export function observedKeyOfPoint(point: MetricPoint, matches: TelemetryMatch[]): string | null {
  const role = roleOf(point);
  const span = role && durationSpan(point, role);
  const key = span && seriesKeyOf(span, matches);
  return key?.startsWith("edge:") ? key : null;
}

export interface MetricBucket extends FoldedBucket {
  /** Observations placed from coarse buckets (see metric-histograms.ts). */
  approximate: number;
}

export interface DeltaPoint {
  point: MetricPoint;
  /** Whether min/max/sum describe exactly this delta (see cumulativeDelta). */
  exactStats: boolean;
}

export interface MetricsFoldResult {
  buckets: MetricBucket[];
  /** Points folded into some series. */
  used: number;
  /** Points whose series is no edge (internal spans, servers with unknown callers, other sides). */
  unattributed: number;
  /** Histogram points whose unit is not a known duration unit. */
  unknownUnit: number;
}

/** A point covers (start, time]; it lands in the minute its interval ends in. */
const minuteOf = (timeUnixNano: bigint) => Number((timeUnixNano - 1n) / 60_000_000_000n) * MINUTE_MS;

export function foldMetricPoints(deltas: DeltaPoint[], matches: TelemetryMatch[]): MetricsFoldResult {
  const byKey = new Map<string, MetricBucket>();
  const pickers = new Map<MetricBucket, ExemplarPicker>();
  const failed: { seriesKey: string; startMs: number; errors: number }[] = [];
  const result: MetricsFoldResult = { buckets: [], used: 0, unattributed: 0, unknownUnit: 0 };
  const bucket = (seriesKey: string, startMs: number) => {
    const id = `${seriesKey}|${startMs}`;
    let b = byKey.get(id);
    if (!b) {
      b = { seriesKey, startMs, count: 0, errors: 0, approximate: 0, histogram: { zero: 0, buckets: {}, count: 0, sumMs: 0, minMs: null, maxMs: null }, exemplars: [] };
      byKey.set(id, b);
      pickers.set(b, new ExemplarPicker());
    }
    return b;
  };
  for (const { point, exactStats } of deltas) {
    const role = roleOf(point);
    if (!role) continue;
    if (role.role === "edge-failed") {
      // Errors belong to whichever side the edge is counted on: a match on either, else the observed edge.
      const client = edgeSpan(point, "client");
      const server = edgeSpan(point, "server");
      const key = (server && matchIntegration(server, matches)) ?? (client && seriesKeyOf(client, matches));
      if (!key || point.type !== "sum") result.unattributed += 1;
      else if (point.value > 0) failed.push({ seriesKey: key, startMs: minuteOf(point.timeUnixNano), errors: Math.round(point.value) });
      continue;
    }
    const span = durationSpan(point, role);
    const seriesKey = span && seriesKeyOf(span, matches);
    if (!span || !seriesKey) {
      result.unattributed += 1;
      continue;
    }
    if (point.type === "sum" || point.count === 0) continue;
    const factorMs = unitToMs(point.unit, point.metric);
    if (factorMs === null) {
      result.unknownUnit += 1;
      continue;
    }
    const stats = { min: point.min, max: point.max, sum: point.sum };
    const histogram: Histogram = point.type === "histogram" ? explicitToHistogram(point.bounds, point.bucketCounts, stats, factorMs, exactStats) : exponentialToHistogram(point, stats, factorMs, exactStats);
    const b = bucket(seriesKey, minuteOf(point.timeUnixNano));
    b.count += point.count;
    if (span.error) b.errors += point.count;
    if (point.type === "histogram" || exponentialIsApproximate(point.scale)) b.approximate += point.count;
    merge(b.histogram, histogram);
    // The point's exemplars share its span's outcome; their values are in the metric's unit.
    for (const e of point.exemplars ?? []) pickers.get(b)!.add({ traceId: e.traceId, spanId: e.spanId, durationMs: e.value * factorMs, atMs: Number(e.timeUnixNano / 1_000_000n), error: span.error });
    result.used += 1;
  }
  // servicegraph's failed counter: errors on calls the duration histograms counted, never more than them.
  for (const f of failed) {
    const b = byKey.get(`${f.seriesKey}|${f.startMs}`);
    if (b) b.errors = Math.min(b.count, b.errors + f.errors);
    result.used += 1;
  }
  // A stable order: concurrent writers then lock rows in the same order and cannot deadlock.
  for (const [b, picker] of pickers) b.exemplars = picker.picked();
  result.buckets = [...byKey.values()].sort((a, b) => (a.seriesKey === b.seriesKey ? a.startMs - b.startMs : a.seriesKey < b.seriesKey ? -1 : 1));
  return result;
}
