// Remote-write bodies for tests and the bench: a prometheus.WriteRequest written in protobuf wire
// format and snappy-compressed (snappyjs), with classic histograms built from observations.
import { compress } from "snappyjs";

export interface WriteSeries {
  labels: Record<string, string>;
  samples: { value: number; timestampMs: number }[];
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
      const out: number[] = [9]; // field 1, fixed64
      const view = new DataView(new ArrayBuffer(8));
      view.setFloat64(0, sample.value, true);
      out.push(...new Uint8Array(view.buffer));
      varint(out, (2 << 3) | 0);
      varint(out, sample.timestampMs);
      bytesField(ts, 2, out);
    }
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
