// Decodes an OTLP/JSON ExportTraceServiceRequest into plain spans (pure). Follows the OTLP/JSON
// mapping: ids as hex, 64-bit integers as strings or numbers, enums as integers (names accepted too).
// A malformed envelope is an error; a malformed span is rejected on its own (partial success).

export type SpanKind = "unspecified" | "internal" | "server" | "client" | "producer" | "consumer";
export type AttributeValue = string | number | boolean;

export interface DecodedSpan {
  traceId: string;
  spanId: string;
  parentSpanId: string | null;
  name: string;
  kind: SpanKind;
  serviceName: string;
  startUnixNano: bigint;
  durationMs: number;
  error: boolean;
  attributes: Record<string, AttributeValue>;
  links: { traceId: string; spanId: string }[];
}

export interface DecodeResult {
  spans: DecodedSpan[];
  rejected: number;
  /** Why spans were rejected, first few only (for OTLP's partialSuccess.errorMessage). */
  reasons: string[];
  /** Rejected spans per short reason code (counted per minute for Settings → Telemetry). */
  byReason: Record<string, number>;
}

/** A body that is not an OTLP request at all (the whole request is refused with 400). */
export class OtlpDecodeError extends Error {
  override name = "OtlpDecodeError";
  /** The field at fault, as a path into the request (`resourceSpans[0].scopeSpans`), when known. */
  constructor(
    message: string,
    readonly field?: string,
  ) {
    super(message);
  }
}

const KINDS: SpanKind[] = ["unspecified", "internal", "server", "client", "producer", "consumer"];

type Json = Record<string, unknown>;
export const isObject = (v: unknown): v is Json => typeof v === "object" && v !== null && !Array.isArray(v);

export function list(v: unknown, path: string): unknown[] {
  if (v === undefined || v === null) return [];
  if (!Array.isArray(v)) throw new OtlpDecodeError(`${path} must be an array`, path);
  return v;
}

function anyValue(v: unknown): AttributeValue | undefined {
  if (!isObject(v)) return undefined;
  if (typeof v.stringValue === "string") return v.stringValue;
  if (typeof v.boolValue === "boolean") return v.boolValue;
  if (v.intValue !== undefined) {
    const n = Number(v.intValue);
    return Number.isFinite(n) ? n : undefined;
  }
  if (typeof v.doubleValue === "number") return v.doubleValue;
  return undefined; // arrays, maps and bytes carry nothing attribution needs
}

export function attributes(v: unknown, path: string): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [i, kv] of list(v, path).entries()) {
    if (!isObject(kv) || typeof kv.key !== "string") throw new OtlpDecodeError(`${path}[${i}] must be {key, value}`, `${path}[${i}]`);
    const value = anyValue(kv.value);
    if (value !== undefined) out[kv.key] = value;
  }
  return out;
}

/** int64 fields: decimal strings (the JSON mapping) or plain numbers. */
const DIGITS = /^\d{1,20}$/;
function nanos(v: unknown): bigint | null {
  if (typeof v === "string" && DIGITS.test(v)) return BigInt(v);
  if (typeof v === "number" && Number.isSafeInteger(v) && v >= 0) return BigInt(v);
  return null;
}

function enumValue(v: unknown, names: string[], prefix: string): number | null {
  if (v === undefined || v === null) return 0;
  if (typeof v === "number" && Number.isInteger(v) && v >= 0 && v < names.length) return v;
  if (typeof v === "string") {
    const i = names.findIndex((n) => `${prefix}${n.toUpperCase()}` === v);
    return i >= 0 ? i : null;
  }
  return null;
}

// Compiled once: this runs twice per span on the ingestion hot path.
const HEX_ID = { 8: /^[0-9a-fA-F]{16}$/, 16: /^[0-9a-fA-F]{32}$/ } as const;
export const hexId = (v: unknown, bytes: 8 | 16) => (typeof v === "string" && HEX_ID[bytes].test(v) ? v.toLowerCase() : null);

/** The typed ExportTraceServiceRequest the pipeline takes: usable spans and what was rejected. */
export type TraceRequest = DecodeResult;

export function decodeTraces(body: unknown): TraceRequest {
  if (!isObject(body)) throw new OtlpDecodeError("The body must be a JSON object (ExportTraceServiceRequest)");
  const result: DecodeResult = { spans: [], rejected: 0, reasons: [], byReason: {} };
  const reject = (reason: string, code: string) => {
    result.rejected += 1;
    result.byReason[code] = (result.byReason[code] ?? 0) + 1;
    if (result.reasons.length < 5) result.reasons.push(reason);
  };
  for (const [r, rs] of list(body.resourceSpans, "resourceSpans").entries()) {
    const rPath = `resourceSpans[${r}]`;
    if (!isObject(rs)) throw new OtlpDecodeError(`${rPath} must be an object`, rPath);
    const resource = attributes(isObject(rs.resource) ? rs.resource.attributes : undefined, `${rPath}.resource.attributes`);
    const serviceName = typeof resource["service.name"] === "string" ? resource["service.name"] : "unknown_service";
    for (const [s, ss] of list(rs.scopeSpans, `${rPath}.scopeSpans`).entries()) {
      const sPath = `${rPath}.scopeSpans[${s}]`;
      if (!isObject(ss)) throw new OtlpDecodeError(`${sPath} must be an object`, sPath);
      for (const [i, span] of list(ss.spans, `${sPath}.spans`).entries()) {
        const path = `${sPath}.spans[${i}]`;
        if (!isObject(span)) throw new OtlpDecodeError(`${path} must be an object`, path);
        const traceId = hexId(span.traceId, 16);
        const spanId = hexId(span.spanId, 8);
        const start = nanos(span.startTimeUnixNano);
        const end = nanos(span.endTimeUnixNano);
        const kind = enumValue(span.kind, KINDS, "SPAN_KIND_");
        const status = enumValue(isObject(span.status) ? span.status.code : undefined, ["unset", "ok", "error"], "STATUS_CODE_");
        if (!traceId || !spanId) reject(`${path}: traceId/spanId must be 32/16 hex characters`, "invalid_id");
        else if (start === null || end === null) reject(`${path}: start/endTimeUnixNano must be unsigned integers`, "invalid_time");
        else if (end < start) reject(`${path}: ends before it starts`, "invalid_time");
        else if (kind === null) reject(`${path}: unknown span kind ${JSON.stringify(span.kind)}`, "unknown_kind");
        else if (status === null) reject(`${path}: unknown status code`, "unknown_status");
        else {
          const attrs = attributes(span.attributes, `${path}.attributes`);
          const httpStatus = Number(attrs["http.response.status_code"] ?? attrs["http.status_code"] ?? 0);
          result.spans.push({
            traceId,
            spanId,
            parentSpanId: hexId(span.parentSpanId, 8),
            name: typeof span.name === "string" ? span.name : "",
            kind: KINDS[kind]!,
            serviceName,
            startUnixNano: start,
            durationMs: Number(end - start) / 1e6,
            // Errors: status ERROR; for client HTTP spans also a 5xx answer.
            error: status === 2 || (KINDS[kind] === "client" && httpStatus >= 500),
            attributes: attrs,
            links: list(span.links, `${path}.links`).flatMap((l) => {
              const t = isObject(l) ? hexId(l.traceId, 16) : null;
              const sp = isObject(l) ? hexId(l.spanId, 8) : null;
              return t && sp ? [{ traceId: t, spanId: sp }] : [];
            }),
          });
        }
      }
    }
  }
  return result;
}
