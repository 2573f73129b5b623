// Reads OTLP ExportTraceServiceRequest and ExportMetricsServiceRequest messages in protobuf wire format
// (pure) into the same object shape as OTLP/JSON, so one decoder validates both encodings. Only the
// fields Edgewise uses are kept; unknown fields are skipped, as protobuf requires, so newer exporters
// still work.
import type { PartialSuccess, RpcStatus } from "./otlp-codec";
import { OtlpDecodeError } from "./otlp-json";

type Obj = Record<string, unknown>;

export class Reader {
  pos = 0;
  constructor(readonly buf: Uint8Array) {}

  get done() {
    return this.pos >= this.buf.length;
  }

  varint(): bigint {
    let result = 0n;
    let shift = 0n;
    for (;;) {
      if (this.pos >= this.buf.length) throw new OtlpDecodeError("Truncated protobuf varint");
      const byte = this.buf[this.pos++]!;
      result |= BigInt(byte & 0x7f) << shift;
      if ((byte & 0x80) === 0) return result;
      shift += 7n;
      if (shift > 63n) throw new OtlpDecodeError("Protobuf varint longer than 64 bits");
    }
  }

  bytes(): Uint8Array {
    const length = Number(this.varint());
    if (length < 0 || this.pos + length > this.buf.length) throw new OtlpDecodeError("Truncated protobuf field");
    const out = this.buf.subarray(this.pos, this.pos + length);
    this.pos += length;
    return out;
  }

  fixed64(): DataView {
    if (this.pos + 8 > this.buf.length) throw new OtlpDecodeError("Truncated protobuf fixed64");
    const view = new DataView(this.buf.buffer, this.buf.byteOffset + this.pos, 8);
    this.pos += 8;
    return view;
  }

  skip(wireType: number) {
    if (wireType === 0) this.varint();
    else if (wireType === 1) this.pos += 8;
    else if (wireType === 2) this.bytes();
    else if (wireType === 5) this.pos += 4;
    else throw new OtlpDecodeError(`Unsupported protobuf wire type ${wireType}`);
    if (this.pos > this.buf.length) throw new OtlpDecodeError("Truncated protobuf field");
  }

  /** Calls `field` for each (number, wireType); the callback reads the value or returns false to skip it. */
  fields(field: (n: number, wireType: number) => boolean | void) {
    while (!this.done) {
      const tag = Number(this.varint());
      const n = tag >>> 3;
      const wireType = tag & 7;
      if (n === 0) throw new OtlpDecodeError("Invalid protobuf field number 0");
      if (field(n, wireType) === false) this.skip(wireType);
    }
  }
}

const text = new TextDecoder("utf-8", { fatal: false });
const hex = (b: Uint8Array) => Buffer.from(b.buffer, b.byteOffset, b.length).toString("hex");
export const sub = (r: Reader) => new Reader(r.bytes());

function anyValue(r: Reader): Obj {
  const out: Obj = {};
  r.fields((n, w) => {
    if (n === 1 && w === 2) out.stringValue = text.decode(r.bytes());
    else if (n === 2 && w === 0) out.boolValue = r.varint() !== 0n;
    else if (n === 3 && w === 0) out.intValue = BigInt.asIntN(64, r.varint()).toString();
    else if (n === 4 && w === 1) out.doubleValue = r.fixed64().getFloat64(0, true);
    else return false;
  });
  return out;
}

function keyValue(r: Reader): Obj {
  const out: Obj = {};
  r.fields((n, w) => {
    if (n === 1 && w === 2) out.key = text.decode(r.bytes());
    else if (n === 2 && w === 2) out.value = anyValue(sub(r));
    else return false;
  });
  return out;
}

function span(r: Reader): Obj {
  const out: Obj = { attributes: [], links: [] };
  r.fields((n, w) => {
    if (n === 1 && w === 2) out.traceId = hex(r.bytes());
    else if (n === 2 && w === 2) out.spanId = hex(r.bytes());
    else if (n === 4 && w === 2) {
      const parent = r.bytes();
      if (parent.length) out.parentSpanId = hex(parent);
    } else if (n === 5 && w === 2) out.name = text.decode(r.bytes());
    else if (n === 6 && w === 0) out.kind = Number(r.varint());
    else if (n === 7 && w === 1) out.startTimeUnixNano = r.fixed64().getBigUint64(0, true).toString();
    else if (n === 8 && w === 1) out.endTimeUnixNano = r.fixed64().getBigUint64(0, true).toString();
    else if (n === 9 && w === 2) (out.attributes as Obj[]).push(keyValue(sub(r)));
    else if (n === 13 && w === 2) {
      const link: Obj = {};
      const l = sub(r);
      l.fields((ln, lw) => {
        if (ln === 1 && lw === 2) link.traceId = hex(l.bytes());
        else if (ln === 2 && lw === 2) link.spanId = hex(l.bytes());
        else return false;
      });
      (out.links as Obj[]).push(link);
    } else if (n === 15 && w === 2) {
      const status: Obj = {};
      const s = sub(r);
      s.fields((sn, sw) => {
        if (sn === 3 && sw === 0) status.code = Number(s.varint());
        else return false;
      });
      out.status = status;
    } else return false;
  });
  return out;
}

/**
 * The envelope both requests share: repeated Resource{Spans,Metrics} (1) of a resource (1) and
 * repeated Scope{Spans,Metrics} (2), each with a scope (1) and repeated items (2).
 */
function decodeEnvelope(buf: Uint8Array, names: { resources: string; scopes: string; items: string }, item: (r: Reader) => Obj): Obj {
  const resources: Obj[] = [];
  const root = new Reader(buf);
  root.fields((n, w) => {
    if (n !== 1 || w !== 2) return false;
    const rs = sub(root);
    const entry: Obj = { resource: { attributes: [] }, [names.scopes]: [] };
    rs.fields((rn, rw) => {
      if (rn === 1 && rw === 2) {
        const res = sub(rs);
        const attributes: Obj[] = [];
        res.fields((an, aw) => {
          if (an === 1 && aw === 2) attributes.push(keyValue(sub(res)));
          else return false;
        });
        entry.resource = { attributes };
      } else if (rn === 2 && rw === 2) {
        const ss = sub(rs);
        const scope: Obj = {};
        const items: Obj[] = [];
        ss.fields((sn, sw) => {
          if (sn === 1 && sw === 2) {
            const sc = sub(ss);
            sc.fields((cn, cw) => {
              if (cn === 1 && cw === 2) scope.name = text.decode(sc.bytes());
              else return false;
            });
          } else if (sn === 2 && sw === 2) items.push(item(sub(ss)));
          else return false;
        });
        (entry[names.scopes] as Obj[]).push({ scope, [names.items]: items });
      } else return false;
    });
    resources.push(entry);
  });
  return { [names.resources]: resources };
}

export function decodeTraceRequestProtobuf(buf: Uint8Array): Obj {
  return decodeEnvelope(buf, { resources: "resourceSpans", scopes: "scopeSpans", items: "spans" }, span);
}

// ---- Metrics: ExportMetricsServiceRequest into the OTLP/JSON shape decodeMetrics reads. ----

const u64 = (r: Reader) => r.fixed64().getBigUint64(0, true).toString();
const f64 = (r: Reader) => r.fixed64().getFloat64(0, true);
const zigzag = (v: bigint) => Number(BigInt.asIntN(32, (v >> 1n) ^ -(v & 1n)));

/** A repeated scalar: packed (wire type 2) or one element at a time. */
function repeated(r: Reader, w: number, element: number, read: (r: Reader) => unknown, into: unknown[]) {
  if (w === 2) {
    const packed = sub(r);
    while (!packed.done) into.push(read(packed));
  } else if (w === element) into.push(read(r));
  else r.skip(w);
}

function attributeList(r: Reader, into: Obj[]) {
  into.push(keyValue(sub(r)));
}

function numberPoint(r: Reader): Obj {
  const out: Obj = { attributes: [] };
  r.fields((n, w) => {
    if (n === 7 && w === 2) attributeList(r, out.attributes as Obj[]);
    else if (n === 2 && w === 1) out.startTimeUnixNano = u64(r);
    else if (n === 3 && w === 1) out.timeUnixNano = u64(r);
    else if (n === 4 && w === 1) out.asDouble = f64(r);
    else if (n === 6 && w === 1) out.asInt = r.fixed64().getBigInt64(0, true).toString();
    else if (n === 8 && w === 0) out.flags = Number(r.varint());
    else return false;
  });
  return out;
}

/** Exemplar: time_unix_nano (2), as_double (3), span_id (4), trace_id (5), as_int (6); filtered_attributes (7) skipped. */
function exemplar(r: Reader): Obj {
  const out: Obj = {};
  r.fields((n, w) => {
    if (n === 2 && w === 1) out.timeUnixNano = u64(r);
    else if (n === 3 && w === 1) out.asDouble = f64(r);
    else if (n === 4 && w === 2) out.spanId = hex(r.bytes());
    else if (n === 5 && w === 2) out.traceId = hex(r.bytes());
    else if (n === 6 && w === 1) out.asInt = r.fixed64().getBigInt64(0, true).toString();
    else return false;
  });
  return out;
}

const pushExemplar = (r: Reader, out: Obj) => ((out.exemplars ??= []) as Obj[]).push(exemplar(sub(r)));

function histogramPoint(r: Reader): Obj {
  const out: Obj = { attributes: [], bucketCounts: [], explicitBounds: [] };
  r.fields((n, w) => {
    if (n === 9 && w === 2) attributeList(r, out.attributes as Obj[]);
    else if (n === 2 && w === 1) out.startTimeUnixNano = u64(r);
    else if (n === 3 && w === 1) out.timeUnixNano = u64(r);
    else if (n === 4 && w === 1) out.count = u64(r);
    else if (n === 5 && w === 1) out.sum = f64(r);
    else if (n === 6) repeated(r, w, 1, u64, out.bucketCounts as unknown[]);
    else if (n === 7) repeated(r, w, 1, f64, out.explicitBounds as unknown[]);
    else if (n === 8 && w === 2) pushExemplar(r, out);
    else if (n === 10 && w === 0) out.flags = Number(r.varint());
    else if (n === 11 && w === 1) out.min = f64(r);
    else if (n === 12 && w === 1) out.max = f64(r);
    else return false;
  });
  return out;
}

function exponentialBuckets(r: Reader): Obj {
  const out: Obj = { offset: 0, bucketCounts: [] };
  r.fields((n, w) => {
    if (n === 1 && w === 0) out.offset = zigzag(r.varint());
    else if (n === 2) repeated(r, w, 0, (x) => x.varint().toString(), out.bucketCounts as unknown[]);
    else return false;
  });
  return out;
}

function exponentialPoint(r: Reader): Obj {
  const out: Obj = { attributes: [] };
  r.fields((n, w) => {
    if (n === 1 && w === 2) attributeList(r, out.attributes as Obj[]);
    else if (n === 2 && w === 1) out.startTimeUnixNano = u64(r);
    else if (n === 3 && w === 1) out.timeUnixNano = u64(r);
    else if (n === 4 && w === 1) out.count = u64(r);
    else if (n === 5 && w === 1) out.sum = f64(r);
    else if (n === 6 && w === 0) out.scale = zigzag(r.varint());
    else if (n === 7 && w === 1) out.zeroCount = u64(r);
    else if (n === 8 && w === 2) out.positive = exponentialBuckets(sub(r));
    else if (n === 9 && w === 2) out.negative = exponentialBuckets(sub(r));
    else if (n === 10 && w === 0) out.flags = Number(r.varint());
    else if (n === 11 && w === 2) pushExemplar(r, out);
    else if (n === 12 && w === 1) out.min = f64(r);
    else if (n === 13 && w === 1) out.max = f64(r);
    else if (n === 14 && w === 1) out.zeroThreshold = f64(r);
    else return false;
  });
  return out;
}

/** Gauge (5), Sum (7), Histogram (9), ExponentialHistogram (10): points (1), temporality (2), monotonic (3). */
function metricData(r: Reader, point: (r: Reader) => Obj): Obj {
  const out: Obj = { dataPoints: [] };
  r.fields((n, w) => {
    if (n === 1 && w === 2) (out.dataPoints as Obj[]).push(point(sub(r)));
    else if (n === 2 && w === 0) out.aggregationTemporality = Number(r.varint());
    else if (n === 3 && w === 0) out.isMonotonic = r.varint() !== 0n;
    else return false;
  });
  return out;
}

function metric(r: Reader): Obj {
  const out: Obj = {};
  r.fields((n, w) => {
    if (n === 1 && w === 2) out.name = text.decode(r.bytes());
    else if (n === 3 && w === 2) out.unit = text.decode(r.bytes());
    else if (n === 5 && w === 2) out.gauge = metricData(sub(r), numberPoint);
    else if (n === 7 && w === 2) out.sum = metricData(sub(r), numberPoint);
    else if (n === 9 && w === 2) out.histogram = metricData(sub(r), histogramPoint);
    else if (n === 10 && w === 2) out.exponentialHistogram = metricData(sub(r), exponentialPoint);
    else return false;
  });
  return out;
}

export function decodeMetricsRequestProtobuf(buf: Uint8Array): Obj {
  return decodeEnvelope(buf, { resources: "resourceMetrics", scopes: "scopeMetrics", items: "metrics" }, metric);
}

// ---- Writing: the Export…ServiceResponse and google.rpc.Status answers. ----

function varint(value: bigint, out: number[]) {
  let v = value;
  while (v >= 0x80n) {
    out.push(Number((v & 0x7fn) | 0x80n));
    v >>= 7n;
  }
  out.push(Number(v));
}

/** One length-delimited field (wire type 2): a string, bytes or an embedded message. */
function field(n: number, payload: ArrayLike<number>, out: number[]) {
  varint(BigInt((n << 3) | 2), out);
  varint(BigInt(payload.length), out);
  for (let i = 0; i < payload.length; i++) out.push(payload[i]!);
}

const utf8 = new TextEncoder();

/**
 * ExportTraceServiceResponse, ExportMetricsServiceResponse and ExportLogsServiceResponse share a wire
 * shape: empty, or partial_success (1) {rejected_spans | rejected_data_points | rejected_log_records (1), error_message (2)}.
 */
export function encodeExportResponseProtobuf(partial: PartialSuccess | null): Uint8Array<ArrayBuffer> {
  if (!partial) return new Uint8Array();
  const inner: number[] = [0x08];
  varint(BigInt(partial.rejected), inner);
  if (partial.errorMessage) field(2, utf8.encode(partial.errorMessage), inner);
  const out: number[] = [];
  field(1, inner, out);
  return Uint8Array.from(out);
}

/**
 * google.rpc.Status {code (1), message (2), repeated Any details (3)}; each detail here a
 * google.rpc.BadRequest {repeated FieldViolation field_violations (1) {field (1), description (2)}}.
 */
export function encodeStatusProtobuf(status: RpcStatus): Uint8Array<ArrayBuffer> {
  const out: number[] = [];
  if (status.code) {
    out.push(0x08);
    varint(BigInt(status.code), out);
  }
  if (status.message) field(2, utf8.encode(status.message), out);
  for (const detail of status.details) {
    const badRequest: number[] = [];
    for (const v of detail.fieldViolations) {
      const violation: number[] = [];
      if (v.field) field(1, utf8.encode(v.field), violation);
      field(2, utf8.encode(v.description), violation);
      field(1, violation, badRequest);
    }
    const any: number[] = [];
    field(1, utf8.encode(detail["@type"]), any);
    field(2, badRequest, any);
    field(3, any, out);
  }
  return Uint8Array.from(out);
}
