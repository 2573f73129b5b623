// Exemplars of histogram points in both encodings: a hand-encoded protobuf request (field numbers
// from opentelemetry/proto/metrics/v1/metrics.proto) and its OTLP/JSON twin decode to the same
// points; unusable exemplars are skipped without rejecting the point.
import { describe, expect, it } from "vitest";
import { jsonCodec, protobufCodec } from "./otlp-codec";

const varint = (n: number) => {
  const out: number[] = [];
  for (; n >= 0x80; n = Math.floor(n / 128)) out.push((n % 128) | 0x80);
  out.push(n);
  return out;
};
const ld = (field: number, bytes: number[]) => [(field << 3) | 2, ...varint(bytes.length), ...bytes];
const text = (s: string) => [...Buffer.from(s, "utf8")];
const hexBytes = (h: string) => [...Buffer.from(h, "hex")];
const fixed64 = (field: number, write: (b: Buffer) => void) => {
  const b = Buffer.alloc(8);
  write(b);
  return [(field << 3) | 1, ...b];
};
const u64 = (field: number, v: bigint) => fixed64(field, (b) => b.writeBigUInt64LE(v));
const f64 = (field: number, v: number) => fixed64(field, (b) => b.writeDoubleLE(v));
const kv = (k: string, v: string) => [...ld(1, text(k)), ...ld(2, ld(1, text(v)))];

const TRACE = "5b8efff798038103d269b633813fc60c";
const T = 1_700_000_000_000_000_000n;

describe("histogram point exemplars", () => {
  it("decode the same from protobuf and JSON, skipping those without a trace", () => {
    const exemplar = [...u64(2, T - 5n), ...f64(3, 0.25), ...ld(4, hexBytes("eee19b7ec3c1b174")), ...ld(5, hexBytes(TRACE))];
    const noTrace = [...u64(2, T), ...f64(3, 1)];
    const point = [
      ...ld(9, kv("span.kind", "SPAN_KIND_CLIENT")),
      ...u64(2, T - 60_000_000_000n),
      ...u64(3, T),
      ...u64(4, 2n),
      ...fixed64(6, (b) => b.writeBigUInt64LE(1n)),
      ...fixed64(6, (b) => b.writeBigUInt64LE(1n)),
      ...f64(7, 0.1),
      ...ld(8, exemplar),
      ...ld(8, noTrace),
    ];
    const metric = [...ld(1, text("traces.span.metrics.duration")), ...ld(3, text("s")), ...ld(9, [...ld(1, point), 0x10, 0x01])];
    const request = ld(1, [...ld(1, ld(1, kv("service.name", "checkout"))), ...ld(2, ld(2, metric))]);
    const fromProtobuf = protobufCodec.decodeMetrics(Uint8Array.from(request));

    const json = {
      resourceMetrics: [
        {
          resource: { attributes: [{ key: "service.name", value: { stringValue: "checkout" } }] },
          scopeMetrics: [
            {
              metrics: [
                {
                  name: "traces.span.metrics.duration",
                  unit: "s",
                  histogram: {
                    aggregationTemporality: 1,
                    dataPoints: [
                      {
                        attributes: [{ key: "span.kind", value: { stringValue: "SPAN_KIND_CLIENT" } }],
                        startTimeUnixNano: String(T - 60_000_000_000n),
                        timeUnixNano: String(T),
                        count: "2",
                        bucketCounts: ["1", "1"],
                        explicitBounds: [0.1],
                        exemplars: [
                          { timeUnixNano: String(T - 5n), asDouble: 0.25, spanId: "eee19b7ec3c1b174", traceId: TRACE },
                          { timeUnixNano: String(T), asDouble: 1 },
                        ],
                      },
                    ],
                  },
                },
              ],
            },
          ],
        },
      ],
    };
    const fromJson = jsonCodec.decodeMetrics(Buffer.from(JSON.stringify(json)));
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromJson.rejected).toBe(0);
    expect(fromJson.points).toHaveLength(1);
    expect(fromJson.points[0]).toMatchObject({ type: "histogram", count: 2, exemplars: [{ traceId: TRACE, spanId: "eee19b7ec3c1b174", value: 0.25, timeUnixNano: T - 5n }] });
  });
});
