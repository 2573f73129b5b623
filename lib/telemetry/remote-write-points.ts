// A remote-write request as the metric points /v1/metrics folds (pure): the `_bucket{le}`, `_sum` and
// `_count` series of one classic histogram at one timestamp become one cumulative explicit-bucket point
// (no start time: remote write has none, so resets are found by counts going down); native histograms
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
  buckets: [number, number][];
  count: number | null;
  sum: number | null;
  series: number;
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

/** Cumulative `le` counts into an explicit point, or why they cannot be one. */
function classicPoint(g: ClassicGroup): ExplicitPoint | string {
  const sorted = [...g.buckets].sort((a, b) => a[0] - b[0]);
  if (sorted.at(-1)?.[0] !== Infinity) return "no le=\"+Inf\" bucket in this request (all of a histogram's series must arrive together)";
  const bucketCounts: number[] = [];
  let previous = 0;
  for (const [, cumulative] of sorted) {
    if (!Number.isSafeInteger(cumulative) || cumulative < previous) return "le bucket counts must be whole numbers that do not decrease with le";
    bucketCounts.push(cumulative - previous);
    previous = cumulative;
  }
  return { ...pointBase(g.shape, g.timestampMs, unitOf(g.shape.family)), type: "histogram", count: previous, sum: g.sum, min: null, max: null, bounds: sorted.slice(0, -1).map(([le]) => le), bucketCounts };
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
    if (part && histogramFamilies.has(part[1]!)) {
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
      if (!g) groups.set(id, (g = { shape: { family, labels: series.labels }, timestampMs: s.timestampMs, buckets: [], count: null, sum: null, series: 0 }));
      if (part === "sum") g.sum = s.value;
      else if (part === "count") g.count = s.value;
      else {
        const le = series.labels.le === "+Inf" ? Infinity : Number(series.labels.le);
        if (Number.isNaN(le)) reject("invalid_buckets", `${series.labels.__name__}: le="${series.labels.le}" is not a number`);
        else g.buckets.push([le, s.value]);
      }
    }
  }
  // Series of a histogram folded or rejected (counted there): the rest are ignored.
  const handled = new Set<string>();
  for (const g of groups.values()) {
    if (g.buckets.length === 0) continue; // only _sum/_count arrived: nothing to place in buckets
    const point = classicPoint(g);
    const key = `${g.shape.family}|${withoutLe(g.shape.labels)}`;
    if (typeof point === "string") {
      reject("invalid_buckets", `${g.shape.family}_bucket: ${point}`);
      handled.add(key);
    } else if (keep(point)) handled.add(key);
  }
  for (const [series, family] of parts) if (!handled.has(`${family}|${withoutLe(series.labels)}`)) ignored += 1;
  if (ignored) result.byReason[IGNORED_SERIES] = ignored;
  return result;
}
