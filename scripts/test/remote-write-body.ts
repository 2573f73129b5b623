// Remote-write bodies for tests and the bench: a prometheus.WriteRequest written in protobuf wire
// format and snappy-compressed (snappyjs), with classic histograms built from observations.
import { compress } from "snappyjs";

/** A float native histogram (remote write 1.0's Histogram with count_float, zero_count_float, positive_counts). */
export interface FloatHistogram {
  count: number;
  sum: number;
  schema: number;
  zeroCount: number;
  positive: { offset: number; length: number }[];
  positiveCounts: number[];
  timestampMs: number;
}

export interface WriteSeries {
  labels: Record<string, string>;
  samples: { value: number; timestampMs: number }[];
  floatHistograms?: FloatHistogram[];
}

function varint(out: number[], v: number | bigint) {
  let n = BigInt(v);
  if (n < 0n) n = BigInt.asUintN(64, n);
  while (n > 0x7fn) {
    out.push(Number(n & 0x7fn) | 0x80);
    n >>= 7n;
  }
  out.push(Number(n));
}
function bytesField(out: number[], field: number, bytes: Uint8Array | number[]) {
  varint(out, (field << 3) | 2);
  varint(out, bytes.length);
  for (const b of bytes) out.push(b);
}
const utf8 = new TextEncoder();
function float64le(value: number): number[] {
  const view = new DataView(new ArrayBuffer(8));
  view.setFloat64(0, value, true);
  return [...new Uint8Array(view.buffer)];
}
function doubleField(out: number[], field: number, value: number) {
  varint(out, (field << 3) | 1);
  out.push(...float64le(value));
}
const zigzag = (v: number) => (v < 0 ? -2 * v - 1 : 2 * v);

function floatHistogram(h: FloatHistogram): number[] {
  const out: number[] = [];
  doubleField(out, 2, h.count);
  doubleField(out, 3, h.sum);
  varint(out, (4 << 3) | 0);
  varint(out, zigzag(h.schema));
  doubleField(out, 5, 1e-128);
  doubleField(out, 7, h.zeroCount);
  for (const span of h.positive) {
    const s: number[] = [];
    varint(s, (1 << 3) | 0);
    varint(s, zigzag(span.offset));
    varint(s, (2 << 3) | 0);
    varint(s, span.length);
    bytesField(out, 11, s);
  }
  bytesField(out, 13, h.positiveCounts.flatMap(float64le));
  varint(out, (15 << 3) | 0);
  varint(out, h.timestampMs);
  return out;
}

export function encodeWriteRequest(series: WriteSeries[]): Uint8Array {
  const root: number[] = [];
  for (const s of series) {
    const ts: number[] = [];
    for (const [name, value] of Object.entries(s.labels).sort(([a], [b]) => (a < b ? -1 : 1))) {
      const label: number[] = [];
      bytesField(label, 1, utf8.encode(name));
      bytesField(label, 2, utf8.encode(value));
      bytesField(ts, 1, label);
    }
    for (const sample of s.samples) {
      const out: number[] = [];
      doubleField(out, 1, sample.value);
      varint(out, (2 << 3) | 0);
      varint(out, sample.timestampMs);
      bytesField(ts, 2, out);
    }
    for (const h of s.floatHistograms ?? []) bytesField(ts, 4, floatHistogram(h));
    bytesField(root, 1, ts);
  }
  return compress(new Uint8Array(root));
}

/** The `_bucket`, `_sum` and `_count` series of one classic histogram of `observations` at `timestampMs`. */
export function classicHistogram(family: string, labels: Record<string, string>, boundsLe: number[], observations: number[], timestampMs: number): WriteSeries[] {
  const at = (value: number) => [{ value, timestampMs }];
  return [
    ...[...boundsLe, Infinity].map((le) => ({ labels: { ...labels, __name__: `${family}_bucket`, le: le === Infinity ? "+Inf" : String(le) }, samples: at(observations.filter((o) => o <= le).length) })),
    { labels: { ...labels, __name__: `${family}_sum` }, samples: at(observations.reduce((a, b) => a + b, 0)) },
    { labels: { ...labels, __name__: `${family}_count` }, samples: at(observations.length) },
  ];
}
