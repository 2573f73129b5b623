// OTLP logs (pure): Edgewise stores no logs, but a Collector whose logs pipeline points at it must get
// an OTLP answer, not an HTML 404 — so /v1/logs reads just enough of an ExportLogsServiceRequest, in
// either encoding, to say how many log records it drops (partial_success.rejected_log_records).
import { OtlpDecodeError } from "./otlp-json";
import { Reader, sub } from "./otlp-protobuf";

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

/** The array at `obj[key]` (absent is empty, as in protobuf), or an error naming the field. */
function list(obj: Obj, key: string, at: string): unknown[] {
  const value = obj[key];
  if (value === undefined || value === null) return [];
  if (!Array.isArray(value)) throw new OtlpDecodeError(`${at}.${key} must be an array`, `${at}.${key}`);
  return value;
}

function obj(value: unknown, at: string): Obj {
  if (!isObj(value)) throw new OtlpDecodeError(`${at} must be an object`, at);
  return value;
}

/** Log records in an OTLP/JSON ExportLogsServiceRequest (resourceLogs[].scopeLogs[].logRecords[]). */
export function countLogRecordsJson(request: unknown): number {
  let n = 0;
  list(obj(request, "request"), "resourceLogs", "request").forEach((rl, i) => {
    const at = `resourceLogs[${i}]`;
    list(obj(rl, at), "scopeLogs", at).forEach((sl, j) => {
      const scopeAt = `${at}.scopeLogs[${j}]`;
      const records = list(obj(sl, scopeAt), "logRecords", scopeAt);
      records.forEach((r, k) => obj(r, `${scopeAt}.logRecords[${k}]`));
      n += records.length;
    });
  });
  return n;
}

/**
 * Log records in a protobuf ExportLogsServiceRequest: resource_logs (1) → scope_logs (2) →
 * log_records (2), every other field skipped; a truncated or malformed message is an OtlpDecodeError.
 */
export function countLogRecordsProtobuf(buf: Uint8Array): number {
  let n = 0;
  const nested = (r: Reader, field: number, each: (inner: Reader) => void) =>
    r.fields((f, wireType) => {
      if (f !== field || wireType !== 2) return false;
      each(sub(r));
    });
  nested(new Reader(buf), 1, (resourceLogs) =>
    nested(resourceLogs, 2, (scopeLogs) =>
      nested(scopeLogs, 2, (record) => {
        record.fields(() => false); // walked, so a truncated record is refused like any other body
        n++;
      }),
    ),
  );
  return n;
}
