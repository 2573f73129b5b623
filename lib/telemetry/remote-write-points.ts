// A remote-write request as the metric points /v1/metrics folds (pure): the `_bucket{le}`, `_sum` and
// `_count` samples of one classic histogram at one timestamp become one cumulative explicit-bucket point,
// still to be assembled with the samples of other requests (classic-assembly.ts: Prometheus shards
// series), with no start time (remote write has none, so resets are found by counts going down); native histograms
// become exponential points; servicegraph's failed counter a monotonic sum. Prometheus labels turn back
// into the OTel attribute names the attribution rules read (`peer_service` → `peer.service`, `service`
// → the resource's `service.name`). Series that are no span metrics are counted and ignored.
import type { AttributeValue } from "./otlp-json";
import { roleOf } from "./metrics-fold";
import type { ExplicitPoint, ExponentialBuckets, ExponentialPoint, MetricPoint, MetricsRequest, RejectReason, SumPoint } from "./otlp-metrics";
import type { NativeHistogram, TimeSeries, WriteRequest } from "./remote-write";

/** The intake outcome counted for series that carry nothing Edgewise folds (not a rejection). */
export const IGNORED_SERIES = "ignored_series";

const RENAMED: Record<string, string> = { service: "service.name", service_name: "service.name" };
/** A label as the OTel attribute it was made from: Prometheus turned the dots into underscores. */
const attributeName = (label: string) => RENAMED[label] ?? label.replace(/_/g, ".");

/**
 * The unit of a span-latency family: from its name (`_seconds`, `_milliseconds`), or seconds for Tempo's
 * `traces_spanmetrics_latency`, which carries none; "" otherwise (then the point is rejected as unknown_unit).
 */
function unitOf(family: string): string {
  if (/_seconds$/.test(family) || family === "traces_spanmetrics_latency") return "s";
  if (/_milliseconds$/.test(family)) return "ms";
  return "";
}

interface Shape {
  family: string;
  labels: Record<string, string>;
}

function pointBase({ family, labels }: Shape, timestampMs: number, unit: string) {
  const attributes: Record<string, AttributeValue> = {};
  for (const [k, v] of Object.entries(labels)) if (k !== "__name__" && k !== "le" && k !== "job" && k !== "instance") attributes[attributeName(k)] = v;
  const service = attributes["service.name"] ?? labels.job ?? "";
  delete attributes["service.name"];
  const identity = Object.entries(labels).filter(([k]) => k !== "__name__" && k !== "le").sort(([a], [b]) => (a < b ? -1 : 1));
  return {
    seriesId: JSON.stringify(["prometheus", family, identity]),
    metric: family,
    unit,
    temporality: "cumulative" as const,
    resource: { "service.name": service },
    attributes,
    startUnixNano: 0n,
    timeUnixNano: BigInt(timestampMs) * 1_000_000n,
  };
}

interface ClassicGroup {
  shape: Shape;
  timestampMs: number;
  /** "sum", "count", or the le bound as a number's string ("+Inf", "0.005"). */
  parts: Record<string, number>;
}

const withoutLe = (labels: Record<string, string>) => JSON.stringify(Object.entries(labels).filter(([k]) => k !== "__name__" && k !== "le").sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * A native histogram's spans and counts as dense OTLP buckets (Prometheus index i holds (base^(i−1), base^i]):
 * integer histograms send each count as a delta from the previous one, float histograms send it whole.
 * Counts must come out whole and not negative (a float histogram of span metrics counts calls).
 */
function nativeBuckets(spans: { offset: number; length: number }[], counts: number[], deltas: boolean): ExponentialBuckets | null {
  const dense: number[] = [];
  let index = 0;
  let first: number | null = null;
  let running = 0;
  let d = 0;
  for (const span of spans) {
    index += span.offset;
    for (let j = 0; j < span.length; j++, index++) {
      const c = counts[d++] ?? NaN;
      running = deltas ? running + c : c;
      if (!(running >= 0) || !Number.isSafeInteger(running)) return null;
      first ??= index;
      dense[index - first] = running;
    }
  }
  if (d !== counts.length) return null;
  for (let i = 0; i < dense.length; i++) dense[i] ??= 0;
  return { offset: (first ?? 1) - 1, counts: dense };
}

function nativePoint(shape: Shape, h: NativeHistogram): ExponentialPoint | null {
  const positive = nativeBuckets(h.positive, h.float ? h.positiveCounts : h.positiveDeltas, !h.float);
  const negative = nativeBuckets(h.negative, h.float ? h.negativeCounts : h.negativeDeltas, !h.float);
  // Schemas −4…8 are exponential; −53 (custom bounds) and anything else is not.
  if (!positive || !negative || h.schema < -4 || h.schema > 8 || !Number.isSafeInteger(h.count) || !Number.isSafeInteger(h.zeroCount) || h.count < 0 || h.zeroCount < 0) return null;
  return { ...pointBase(shape, h.timestampMs, unitOf(shape.family)), type: "exponential", count: h.count, sum: Number.isFinite(h.sum) ? h.sum : null, min: null, max: null, scale: h.schema, zeroCount: h.zeroCount, positive, negative };
}

/** A classic group as the point it will be once assembled: its parts only (count for the request's bounds). */
function classicPart(g: ClassicGroup): ExplicitPoint {
  const inf = g.parts["+Inf"];
  const count = inf !== undefined && Number.isSafeInteger(inf) && inf >= 0 ? inf : 0;
  return { ...pointBase(g.shape, g.timestampMs, unitOf(g.shape.family)), type: "histogram", count, sum: null, min: null, max: null, bounds: [], bucketCounts: [count], classic: g.parts };
}

const isNumber = (v: number) => !Number.isNaN(v); // NaN: Prometheus' staleness marker, a gap

export function writeRequestToMetrics(request: WriteRequest): MetricsRequest {
  const result: MetricsRequest = { points: [], rejected: 0, byReason: {}, reasons: [] };
  const reject = (reason: RejectReason, message: string) => {
    result.rejected += 1;
    result.byReason[reason] = (result.byReason[reason] ?? 0) + 1;
    if (result.reasons.length < 5) result.reasons.push(message);
  };
  let ignored = 0;
  const keep = (point: MetricPoint) => (roleOf(point) ? (result.points.push(point), true) : false);
  // Families with `_bucket` series: their `_sum` and `_count` belong to the histogram, not to a counter.
  const histogramFamilies = new Set(request.timeseries.map((s) => /^(.+)_bucket$/.exec(s.labels.__name__ ?? "")?.[1]).filter((f): f is string => !!f));
  const groups = new Map<string, ClassicGroup>();
  const parts: [TimeSeries, string, "bucket" | "sum" | "count"][] = [];
  for (const series of request.timeseries) {
    const name = series.labels.__name__ ?? "";
    const part = /^(.+)_(bucket|sum|count)$/.exec(name);
    // A _sum or _count whose _bucket series Prometheus put in another request: still the histogram's, if it is a span-latency one.
    if (part && (histogramFamilies.has(part[1]!) || roleOf(classicPart({ shape: { family: part[1]!, labels: series.labels }, timestampMs: 0, parts: {} })))) {
      parts.push([series, part[1]!, part[2] as "bucket" | "sum" | "count"]);
      continue;
    }
    let used = false;
    for (const h of series.histograms) {
      const point = nativePoint({ family: name, labels: series.labels }, h);
      if (!point) {
        reject("invalid_buckets", `${name}: native histogram spans and bucket counts disagree, or a count is not a whole number ≥ 0`);
        used = true; // counted as rejected, not also as ignored
      } else used = keep(point) || used;
    }
    for (const s of series.samples.filter((x) => isNumber(x.value))) {
      const point: SumPoint = { ...pointBase({ family: name, labels: series.labels }, s.timestampMs, ""), type: "sum", value: s.value };
      if (!keep(point)) break;
      used = true;
    }
    if (!used) ignored += 1;
  }
  for (const [series, family, part] of parts) {
    const key = `${family}|${withoutLe(series.labels)}`;
    for (const s of series.samples.filter((x) => isNumber(x.value))) {
      const id = `${key}|${s.timestampMs}`;
      let g = groups.get(id);
      if (!g) groups.set(id, (g = { shape: { family, labels: series.labels }, timestampMs: s.timestampMs, parts: {} }));
      if (part !== "bucket") g.parts[part] = s.value;
      else {
        const le = series.labels.le === "+Inf" ? Infinity : Number(series.labels.le);
        if (Number.isNaN(le)) reject("invalid_buckets", `${series.labels.__name__}: le="${series.labels.le}" is not a number`);
        else g.parts[le === Infinity ? "+Inf" : String(le)] = s.value;
      }
    }
  }
  // Every group goes on to be assembled with the parts other requests brought (Prometheus shards a
  // histogram's series): even one with only _sum or _count, whose buckets may be in another request.
  const handled = new Set<string>();
  for (const g of groups.values()) if (keep(classicPart(g))) handled.add(`${g.shape.family}|${withoutLe(g.shape.labels)}`);
  for (const [series, family] of parts) if (!handled.has(`${family}|${withoutLe(series.labels)}`)) ignored += 1;
  if (ignored) result.byReason[IGNORED_SERIES] = ignored;
  return result;
}
