// Reads a Prometheus remote-write 1.0 body (pure): snappy block compression (snappyjs) around a
// prometheus.WriteRequest in protobuf wire format, read with the OTLP decoder's reader. Only labels,
// float samples and native histograms (integer and float) are kept; metadata and exemplars are skipped, as protobuf
// allows. A body that is not a WriteRequest is one error, OtlpDecodeError (a 400, never retried).
import { uncompress } from "snappyjs";
import { OtlpDecodeError } from "./otlp-json";
import { Reader, sub } from "./otlp-protobuf";

export interface Sample {
  value: number;
  timestampMs: number;
}

/**
 * A native histogram sample. Integer histograms carry bucket counts as deltas (`*Deltas`), float ones
 * as absolute counts (`*Counts`, with `float` set); `count` and `zeroCount` are whichever was sent.
 */
export interface NativeHistogram {
  float: boolean;
  count: number;
  sum: number;
  schema: number;
  zeroCount: number;
  positive: { offset: number; length: number }[];
  positiveDeltas: number[];
  negative: { offset: number; length: number }[];
  negativeDeltas: number[];
  positiveCounts: number[];
  negativeCounts: number[];
  timestampMs: number;
}

export interface TimeSeries {
  labels: Record<string, string>;
  samples: Sample[];
  histograms: NativeHistogram[];
}

export interface WriteRequest {
  timeseries: TimeSeries[];
}

const text = new TextDecoder("utf-8", { fatal: false });
const int64 = (v: bigint) => Number(BigInt.asIntN(64, v));
const zigzag = (v: bigint) => Number((v >> 1n) ^ -(v & 1n));

/** Packed or unpacked repeated sint64 (field wire type 2 or 0). */
function sint64s(r: Reader, wireType: number, into: number[]) {
  if (wireType === 0) return void into.push(zigzag(r.varint()));
  const packed = sub(r);
  while (!packed.done) into.push(zigzag(packed.varint()));
}

/** Packed or unpacked repeated double (field wire type 2 or 1). */
function doubles(r: Reader, wireType: number, into: number[]) {
  if (wireType === 1) return void into.push(r.fixed64().getFloat64(0, true));
  const packed = sub(r);
  while (!packed.done) into.push(packed.fixed64().getFloat64(0, true));
}

function bucketSpan(r: Reader) {
  const span = { offset: 0, length: 0 };
  r.fields((n, w) => {
    if (n === 1 && w === 0) span.offset = zigzag(r.varint());
    else if (n === 2 && w === 0) span.length = Number(r.varint());
    else return false;
  });
  return span;
}

function histogram(r: Reader): NativeHistogram {
  const h: NativeHistogram = { float: false, count: 0, sum: 0, schema: 0, zeroCount: 0, positive: [], positiveDeltas: [], negative: [], negativeDeltas: [], positiveCounts: [], negativeCounts: [], timestampMs: 0 };
  const double = () => r.fixed64().getFloat64(0, true);
  r.fields((n, w) => {
    if (n === 1 && w === 0) h.count = Number(r.varint());
    else if (n === 2 && w === 1) [h.float, h.count] = [true, double()];
    else if (n === 3 && w === 1) h.sum = double();
    else if (n === 4 && w === 0) h.schema = zigzag(r.varint());
    else if (n === 6 && w === 0) h.zeroCount = Number(r.varint());
    else if (n === 7 && w === 1) [h.float, h.zeroCount] = [true, double()];
    else if (n === 8 && w === 2) h.negative.push(bucketSpan(sub(r)));
    else if (n === 9 && (w === 0 || w === 2)) sint64s(r, w, h.negativeDeltas);
    else if (n === 10 && (w === 1 || w === 2)) {
      h.float = true;
      doubles(r, w, h.negativeCounts);
    }
    else if (n === 11 && w === 2) h.positive.push(bucketSpan(sub(r)));
    else if (n === 12 && (w === 0 || w === 2)) sint64s(r, w, h.positiveDeltas);
    else if (n === 13 && (w === 1 || w === 2)) {
      h.float = true;
      doubles(r, w, h.positiveCounts);
    }
    else if (n === 15 && w === 0) h.timestampMs = int64(r.varint());
    else return false;
  });
  return h;
}

function timeSeries(r: Reader): TimeSeries {
  const series: TimeSeries = { labels: {}, samples: [], histograms: [] };
  r.fields((n, w) => {
    if (n === 1 && w === 2) {
      const l = sub(r);
      let name = "";
      let value = "";
      l.fields((ln, lw) => {
        if (ln === 1 && lw === 2) name = text.decode(l.bytes());
        else if (ln === 2 && lw === 2) value = text.decode(l.bytes());
        else return false;
      });
      series.labels[name] = value;
    } else if (n === 2 && w === 2) {
      const s = sub(r);
      const sample: Sample = { value: 0, timestampMs: 0 };
      s.fields((sn, sw) => {
        if (sn === 1 && sw === 1) sample.value = s.fixed64().getFloat64(0, true);
        else if (sn === 2 && sw === 0) sample.timestampMs = int64(s.varint());
        else return false;
      });
      series.samples.push(sample);
    } else if (n === 4 && w === 2) {
      series.histograms.push(histogram(sub(r)));
    } else return false;
  });
  return series;
}

/** Largest body a request may decompress to (snappy states it up front: checked before decompressing). */
export const MAX_DECOMPRESSED_BYTES = 64 * 1024 * 1024;

export function decodeWriteRequest(body: Uint8Array, maxBytes = MAX_DECOMPRESSED_BYTES): WriteRequest {
  let raw: Uint8Array;
  try {
    raw = uncompress(body, maxBytes);
  } catch (err) {
    throw new OtlpDecodeError(`The body is not snappy-compressed (block format) or decompresses to more than ${maxBytes} bytes: ${(err as Error).message}`);
  }
  const request: WriteRequest = { timeseries: [] };
  const root = new Reader(raw);
  root.fields((n, w) => {
    if (n === 1 && w === 2) request.timeseries.push(timeSeries(sub(root)));
    else return false;
  });
  return request;
}
