// Decodes an OTLP/JSON ExportMetricsServiceRequest into plain data points (pure). Same mapping rules
// as traces (64-bit integers as strings or numbers, enums as integers or names). Only histograms,
// exponential histograms and monotonic sums carry anything Edgewise folds; gauges and summaries are
// skipped without complaint. A malformed envelope is an error; a malformed point is rejected alone.
import { attributes, hexId, isObject, list, OtlpDecodeError, type AttributeValue } from "./otlp-json";

export type Temporality = "delta" | "cumulative";

interface PointBase {
  /** Identifies the series: resource, scope, metric name and point attributes. */
  seriesId: string;
  metric: string;
  unit: string;
  temporality: Temporality;
  resource: Record<string, AttributeValue>;
  attributes: Record<string, AttributeValue>;
  startUnixNano: bigint;
  timeUnixNano: bigint;
}

/** A recorded call behind a histogram point (spanmetrics attaches them): its trace, value (in the metric's unit) and time. */
export interface MetricExemplar {
  traceId: string;
  spanId: string;
  value: number;
  timeUnixNano: bigint;
}

export interface ExplicitPoint extends PointBase {
  type: "histogram";
  /** Present only when the point carries usable exemplars. */
  exemplars?: MetricExemplar[];
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  /** Upper bounds, ascending; bucketCounts has one more entry (the overflow bucket). */
  bounds: number[];
  bucketCounts: number[];
  /**
   * Remote write only: the classic histogram's samples at this time as this request carried them (by
   * part: "sum", "count", the le bound), to assemble with those staged from other requests
   * (classic-assembly.ts) before the point is folded; bounds and counts are filled in then.
   */
  classic?: Record<string, number>;
}

export interface ExponentialBuckets {
  offset: number;
  counts: number[];
}

export interface ExponentialPoint extends PointBase {
  type: "exponential";
  exemplars?: MetricExemplar[];
  count: number;
  sum: number | null;
  min: number | null;
  max: number | null;
  scale: number;
  zeroCount: number;
  positive: ExponentialBuckets;
  negative: ExponentialBuckets;
}

export interface SumPoint extends PointBase {
  type: "sum";
  value: number;
}

export type MetricPoint = ExplicitPoint | ExponentialPoint | SumPoint;

/** Why points were rejected; short, stable codes (stored per minute and shown in Settings). */
export type RejectReason = "invalid_time" | "invalid_buckets" | "unknown_temporality" | "invalid_value" | "unknown_unit";

export interface MetricsDecodeResult {
  points: MetricPoint[];
  rejected: number;
  byReason: Record<string, number>;
  /** Why points were rejected, first few only (for OTLP's partialSuccess.errorMessage). */
  reasons: string[];
}

type Json = Record<string, unknown>;

const DIGITS = /^\d{1,20}$/;
function uint64(v: unknown): bigint | null {
  if (v === undefined || v === null) return 0n;
  if (typeof v === "string" && DIGITS.test(v)) return BigInt(v);
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return null;
}
/** A count: exact as a JS number up to 2^53, far beyond any real interval. */
function count(v: unknown): number | null {
  const n = uint64(v);
  return n === null || n > BigInt(Number.MAX_SAFE_INTEGER) ? null : Number(n);
}
function int(v: unknown): number | null {
  if (v === undefined || v === null) return 0;
  const n = typeof v === "string" && /^-?\d{1,10}$/.test(v) ? Number(v) : v;
  return typeof n === "number" && Number.isSafeInteger(n) ? n : null;
}
/** Doubles: JSON numbers, or the strings the JSON mapping uses for non-finite values (refused). */
function double(v: unknown): number | null | undefined {
  if (v === undefined || v === null) return undefined;
  return typeof v === "number" && Number.isFinite(v) ? v : null;
}

const TEMPORALITIES = ["AGGREGATION_TEMPORALITY_UNSPECIFIED", "AGGREGATION_TEMPORALITY_DELTA", "AGGREGATION_TEMPORALITY_CUMULATIVE"];
function temporality(v: unknown): Temporality | null {
  const i = typeof v === "number" ? v : typeof v === "string" ? TEMPORALITIES.indexOf(v) : -1;
  return i === 1 ? "delta" : i === 2 ? "cumulative" : null;
}

/** A stable identity for a series: sorted attributes, so the order an exporter lists them in does not matter. */
const canonical = (a: Record<string, AttributeValue>) => JSON.stringify(Object.keys(a).sort().map((k) => [k, a[k]]));

/** The typed ExportMetricsServiceRequest the pipeline takes: usable points and what was rejected. */
export type MetricsRequest = MetricsDecodeResult;

export function decodeMetrics(body: unknown): MetricsRequest {
  if (!isObject(body)) throw new OtlpDecodeError("The body must be a JSON object (ExportMetricsServiceRequest)");
  const result: MetricsDecodeResult = { points: [], rejected: 0, byReason: {}, reasons: [] };
  const reject = (reason: RejectReason, message: string) => {
    result.rejected += 1;
    result.byReason[reason] = (result.byReason[reason] ?? 0) + 1;
    if (result.reasons.length < 5) result.reasons.push(message);
  };
  for (const [r, rm] of list(body.resourceMetrics, "resourceMetrics").entries()) {
    const rPath = `resourceMetrics[${r}]`;
    if (!isObject(rm)) throw new OtlpDecodeError(`${rPath} must be an object`, rPath);
    const resource = attributes(isObject(rm.resource) ? rm.resource.attributes : undefined, `${rPath}.resource.attributes`);
    for (const [s, sm] of list(rm.scopeMetrics, `${rPath}.scopeMetrics`).entries()) {
      const sPath = `${rPath}.scopeMetrics[${s}]`;
      if (!isObject(sm)) throw new OtlpDecodeError(`${sPath} must be an object`, sPath);
      const scope = isObject(sm.scope) && typeof sm.scope.name === "string" ? sm.scope.name : "";
      for (const [m, metric] of list(sm.metrics, `${sPath}.metrics`).entries()) {
        const mPath = `${sPath}.metrics[${m}]`;
        if (!isObject(metric) || typeof metric.name !== "string") throw new OtlpDecodeError(`${mPath} must be an object with a name`, mPath);
        const data = metric.histogram ?? metric.exponentialHistogram ?? metric.sum;
        if (data === undefined || data === null) continue; // gauges, summaries: nothing to fold
        if (!isObject(data)) throw new OtlpDecodeError(`${mPath} data must be an object`, mPath);
        const type = metric.histogram ? "histogram" : metric.exponentialHistogram ? "exponential" : "sum";
        if (type === "sum" && data.isMonotonic !== true) continue; // up-down counters are not request counts
        const dataPoints = list(data.dataPoints, `${mPath}.${type === "exponential" ? "exponentialHistogram" : type}.dataPoints`);
        const temporal = temporality(data.aggregationTemporality);
        const unit = typeof metric.unit === "string" ? metric.unit : "";
        for (const [p, point] of dataPoints.entries()) {
          const path = `${mPath}.dataPoints[${p}]`;
          if (!isObject(point)) throw new OtlpDecodeError(`${path} must be an object`, path);
          if (typeof point.flags === "number" && (point.flags & 1) === 1) continue; // FLAG_NO_RECORDED_VALUE: a gap, not a zero
          if (!temporal) {
            reject("unknown_temporality", `${path}: unknown aggregationTemporality ${JSON.stringify(data.aggregationTemporality)}`);
            continue;
          }
          const attrs = attributes(point.attributes, `${path}.attributes`);
          const start = uint64(point.startTimeUnixNano);
          const time = uint64(point.timeUnixNano);
          if (start === null || time === null || time === 0n || start > time) {
            reject("invalid_time", `${path}: start/timeUnixNano must be unsigned integers with start ≤ time`);
            continue;
          }
          const base: PointBase = {
            seriesId: JSON.stringify([canonical(resource), scope, metric.name, canonical(attrs)]),
            metric: metric.name,
            unit,
            temporality: temporal,
            resource,
            attributes: attrs,
            startUnixNano: start,
            timeUnixNano: time,
          };
          const decoded = type === "sum" ? sumPoint(base, point) : type === "histogram" ? explicitPoint(base, point) : exponentialPoint(base, point);
          if (typeof decoded === "string") reject(decoded === "bad value" ? "invalid_value" : "invalid_buckets", `${path}: ${decoded === "bad value" ? "the value must be a finite, non-negative number" : decoded}`);
          else result.points.push(decoded);
        }
      }
    }
  }
  return result;
}

function sumPoint(base: PointBase, point: Json): SumPoint | "bad value" {
  const value = point.asDouble !== undefined ? double(point.asDouble) : point.asInt !== undefined ? int(point.asInt) : 0;
  if (value === null || value === undefined || value < 0) return "bad value";
  return { ...base, type: "sum", value };
}

/** Exemplars with a trace and a finite value; others carry nothing to open and are skipped, not rejected. */
function exemplars(v: unknown): { exemplars?: MetricExemplar[] } {
  if (!Array.isArray(v) || v.length === 0) return {};
  const out: MetricExemplar[] = [];
  for (const e of v) {
    if (!isObject(e)) continue;
    const traceId = hexId(e.traceId, 16);
    const spanId = hexId(e.spanId, 8);
    const value = e.asDouble !== undefined ? double(e.asDouble) : e.asInt !== undefined ? int(e.asInt) : null;
    const time = uint64(e.timeUnixNano);
    if (traceId && spanId && typeof value === "number" && value >= 0 && time !== null) out.push({ traceId, spanId, value, timeUnixNano: time });
  }
  return out.length ? { exemplars: out } : {};
}

function counts(v: unknown): number[] | null {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) return null;
  const out: number[] = [];
  for (const c of v) {
    const n = count(c);
    if (n === null) return null;
    out.push(n);
  }
  return out;
}

/** Min, max and sum are optional; a present but non-finite one rejects the point. */
function stats(point: Json): { sum: number | null; min: number | null; max: number | null } | null {
  const [sum, min, max] = [double(point.sum), double(point.min), double(point.max)];
  if (sum === null || min === null || max === null) return null;
  return { sum: sum ?? null, min: min ?? null, max: max ?? null };
}

function explicitPoint(base: PointBase, point: Json): ExplicitPoint | string {
  const bucketCounts = counts(point.bucketCounts);
  const total = count(point.count);
  const s = stats(point);
  if (!bucketCounts || total === null || !s) return "count, bucketCounts, sum, min and max must be numbers";
  const rawBounds = point.explicitBounds ?? [];
  if (!Array.isArray(rawBounds) || rawBounds.some((b) => typeof b !== "number" || !Number.isFinite(b))) return "explicitBounds must be finite numbers";
  const bounds = rawBounds as number[];
  if (bounds.some((b, i) => i > 0 && b <= bounds[i - 1]!)) return "explicitBounds must be strictly ascending";
  if (bucketCounts.length > 0 && bucketCounts.length !== bounds.length + 1) return `${bucketCounts.length} bucketCounts for ${bounds.length} explicitBounds (need one more count than bounds)`;
  if (bucketCounts.reduce((a, b) => a + b, 0) !== total) return "count is not the sum of bucketCounts";
  return { ...base, type: "histogram", count: total, ...s, bounds, bucketCounts, ...exemplars(point.exemplars) };
}

function buckets(v: unknown): ExponentialBuckets | null {
  if (v === undefined || v === null) return { offset: 0, counts: [] };
  if (!isObject(v)) return null;
  const offset = int(v.offset);
  const c = counts(v.bucketCounts);
  return offset === null || !c ? null : { offset, counts: c };
}

function exponentialPoint(base: PointBase, point: Json): ExponentialPoint | string {
  const total = count(point.count);
  const zeroCount = count(point.zeroCount);
  const scale = int(point.scale);
  const positive = buckets(point.positive);
  const negative = buckets(point.negative);
  const s = stats(point);
  if (total === null || zeroCount === null || scale === null || !positive || !negative || !s) return "count, zeroCount, scale, buckets, sum, min and max must be numbers";
  if (scale < -10 || scale > 20) return `scale ${scale} is outside −10…20`;
  const sum = (b: ExponentialBuckets) => b.counts.reduce((a, c) => a + c, 0);
  if (zeroCount + sum(positive) + sum(negative) !== total) return "count is not zeroCount plus the bucket counts";
  return { ...base, type: "exponential", count: total, ...s, scale, zeroCount, positive, negative, ...exemplars(point.exemplars) };
}
