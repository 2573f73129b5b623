// The two OTLP/HTTP encodings (pure), each a codec chosen once from the request's content type: it
// decodes the body into the typed request the pipeline takes, and encodes every answer — success,
// partial success, and the google.rpc.Status the OTLP specification requires for each 4xx and 5xx —
// in the request's encoding. A body that is not OTLP surfaces as one error, OtlpDecodeError.
import { decodeTraces, OtlpDecodeError, type TraceRequest } from "./otlp-json";
import { countLogRecordsJson, countLogRecordsProtobuf } from "./otlp-logs";
import { decodeMetrics, type MetricsRequest } from "./otlp-metrics";
import { decodeMetricsRequestProtobuf, decodeTraceRequestProtobuf, encodeExportResponseProtobuf, encodeStatusProtobuf } from "./otlp-protobuf";

export type OtlpSignal = "traces" | "metrics";
/** Every signal /v1/* answers: logs are counted and dropped, never ingested. */
export type OtlpAnswerSignal = OtlpSignal | "logs";

/** Export…PartialSuccess: how many items were rejected, and why. */
export interface PartialSuccess {
  rejected: number;
  errorMessage: string | null;
}

/** google.rpc.BadRequest, the detail OTLP asks for with a 400 (as an Any, so it names its type). */
export interface BadRequestDetail {
  "@type": "type.googleapis.com/google.rpc.BadRequest";
  fieldViolations: { field: string; description: string }[];
}

/** google.rpc.Status: a gRPC code (google.rpc.Code), a developer-facing message, details. */
export interface RpcStatus {
  code: number;
  message: string;
  details: BadRequestDetail[];
}

export interface OtlpCodec {
  readonly contentType: "application/json" | "application/x-protobuf";
  decodeTraces(body: Uint8Array): TraceRequest;
  decodeMetrics(body: Uint8Array): MetricsRequest;
  /** The log records of an ExportLogsServiceRequest (validated only as far as counting needs). */
  countLogRecords(body: Uint8Array): number;
  /** Export{Trace,Metrics,Logs}ServiceResponse: partial_success set only when something was rejected. */
  encodeResponse(signal: OtlpAnswerSignal, partial: PartialSuccess | null): Uint8Array<ArrayBuffer>;
  encodeStatus(status: RpcStatus): Uint8Array<ArrayBuffer>;
}

/** partialSuccess's count field in OTLP/JSON. */
const REJECTED_FIELD: Record<OtlpAnswerSignal, string> = { traces: "rejectedSpans", metrics: "rejectedDataPoints", logs: "rejectedLogRecords" };

const utf8 = new TextEncoder();

function parseJson(body: Uint8Array): unknown {
  try {
    return JSON.parse(Buffer.from(body.buffer, body.byteOffset, body.byteLength).toString("utf8"));
  } catch {
    throw new OtlpDecodeError("The body is not valid JSON");
  }
}

export const jsonCodec: OtlpCodec = {
  contentType: "application/json",
  decodeTraces: (body) => decodeTraces(parseJson(body)),
  decodeMetrics: (body) => decodeMetrics(parseJson(body)),
  countLogRecords: (body) => countLogRecordsJson(parseJson(body)),
  // int64 counts are strings in the JSON mapping.
  encodeResponse: (signal, partial) => utf8.encode(JSON.stringify(partial ? { partialSuccess: { [REJECTED_FIELD[signal]]: String(partial.rejected), errorMessage: partial.errorMessage ?? "" } } : {})),
  encodeStatus: (status) => utf8.encode(JSON.stringify(status)),
};

export const protobufCodec: OtlpCodec = {
  contentType: "application/x-protobuf",
  decodeTraces: (body) => decodeTraces(decodeTraceRequestProtobuf(body)),
  decodeMetrics: (body) => decodeMetrics(decodeMetricsRequestProtobuf(body)),
  countLogRecords: countLogRecordsProtobuf,
  encodeResponse: (_signal, partial) => encodeExportResponseProtobuf(partial),
  encodeStatus: encodeStatusProtobuf,
};

/** The codec for a Content-Type header (parameters such as charset ignored), or null when OTLP/HTTP has none. */
export function codecFor(contentType: string | null): OtlpCodec | null {
  const type = (contentType ?? "").split(";")[0]!.trim().toLowerCase();
  return type === "application/json" ? jsonCodec : type === "application/x-protobuf" ? protobufCodec : null;
}

/** google.rpc.Code for each HTTP status the OTLP routes answer (the specification leaves Status.code to us). */
const GRPC_CODE: Record<number, number> = { 400: 3, 401: 16, 403: 7, 413: 8, 415: 3, 429: 8, 503: 14 };
const INTERNAL = 13;

/** The Status of a failed request: INVALID_ARGUMENT with a BadRequest naming the field for bad data. */
export function rpcStatus(httpStatus: number, message: string, field?: string): RpcStatus {
  const details: BadRequestDetail[] = httpStatus === 400 ? [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: field ?? "", description: message }] }] : [];
  return { code: GRPC_CODE[httpStatus] ?? INTERNAL, message, details };
}
