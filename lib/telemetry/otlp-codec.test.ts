// The two codecs against the OTLP specification's own example payloads (fixtures/otlp-examples, each
// request in both encodings), and their answers read back by an independent decoder: the
// OpenTelemetry SDK's response deserializers, and a hand-written reader for google.rpc.Status.
import fs from "node:fs";
import path from "node:path";
import { ProtobufMetricsSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { describe, expect, it } from "vitest";
import { codecFor, jsonCodec, protobufCodec, rpcStatus } from "./otlp-codec";
import { OtlpDecodeError } from "./otlp-json";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, "fixtures/otlp-examples", name)));

/** Reads protobuf fields (number → values) without the code under test: varints and length-delimited only. */
function fields(bytes: Uint8Array): Map<number, (number | Uint8Array)[]> {
  const out = new Map<number, (number | Uint8Array)[]>();
  let pos = 0;
  const varint = () => {
    let value = 0;
    let scale = 1;
    for (;;) {
      const byte = bytes[pos++]!;
      value += (byte & 0x7f) * scale;
      if (byte < 0x80) return value;
      scale *= 128;
    }
  };
  while (pos < bytes.length) {
    const tag = varint();
    let value: number | Uint8Array;
    if (tag % 8 === 0) value = varint();
    else if (tag % 8 === 2) {
      const length = varint();
      value = bytes.subarray(pos, pos + length);
      pos += length;
    } else throw new Error(`unexpected wire type ${tag % 8}`);
    out.set(tag >> 3, [...(out.get(tag >> 3) ?? []), value]);
  }
  return out;
}
const str = (v: number | Uint8Array | undefined) => Buffer.from(v as Uint8Array).toString("utf8");

describe("decoding the OTLP specification's example requests", () => {
  it("trace.json and trace.protobuf-bin decode to the same typed request", () => {
    const fromJson = jsonCodec.decodeTraces(fixture("trace.json"));
    const fromProtobuf = protobufCodec.decodeTraces(fixture("trace.protobuf-bin"));
    expect(fromProtobuf).toEqual(fromJson);
    // The same span otlp.test.ts expects from its hand-copied version of this example.
    expect(fromJson.rejected).toBe(0);
    expect(fromJson.spans).toMatchObject([{ traceId: "5b8efff798038103d269b633813fc60c", parentSpanId: "eee19b7ec3c1b173", kind: "server", serviceName: "my.service", durationMs: 1000, attributes: { "my.span.attr": "some value" } }]);
  });

  it("metrics.json and metrics.protobuf-bin decode to the same points: the monotonic sum and the histogram, not the gauge", () => {
    const fromJson = jsonCodec.decodeMetrics(fixture("metrics.json"));
    const fromProtobuf = protobufCodec.decodeMetrics(fixture("metrics.protobuf-bin"));
    expect(fromProtobuf).toEqual(fromJson);
    expect(fromJson.rejected).toBe(0);
    expect(fromJson.points.map((p) => [p.metric, p.type, p.temporality])).toEqual([
      ["my.counter", "sum", "delta"],
      ["my.histogram", "histogram", "delta"],
    ]);
    expect(fromJson.points[1]).toMatchObject({ count: 2, sum: 2, min: 0, max: 2, bounds: [1], bucketCounts: [1, 1], attributes: { "my.histogram.attr": "some value" }, resource: { "service.name": "my.service" } });
  });

  it("the current metrics.json (64-bit counts as strings, an exponential histogram) decodes too", () => {
    const { points, rejected } = jsonCodec.decodeMetrics(fixture("metrics-exponential.json"));
    expect(rejected).toBe(0);
    expect(points.find((p) => p.type === "exponential")).toMatchObject({ count: 3, zeroCount: 1, scale: 0, positive: { offset: 1, counts: [0, 2] }, sum: 10, max: 5 });
  });

  it("a body that is not OTLP is one error type, naming the field where it can", () => {
    expect(() => jsonCodec.decodeTraces(Buffer.from("{not json"))).toThrow(new OtlpDecodeError("The body is not valid JSON"));
    expect(() => protobufCodec.decodeTraces(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0x0f]))).toThrow(OtlpDecodeError);
    let caught: unknown;
    try {
      jsonCodec.decodeMetrics(Buffer.from(JSON.stringify({ resourceMetrics: [{ scopeMetrics: 5 }] })));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(OtlpDecodeError);
    expect((caught as OtlpDecodeError).field).toBe("resourceMetrics[0].scopeMetrics");
  });
});

describe("encoding the answers", () => {
  it("success and partial success, read back by the OpenTelemetry SDK's own deserializers", () => {
    expect(protobufCodec.encodeResponse("traces", null)).toEqual(new Uint8Array());
    expect(ProtobufTraceSerializer.deserializeResponse(protobufCodec.encodeResponse("traces", { rejected: 300, errorMessage: "spans[1]: bad id" }))).toEqual({ partialSuccess: { rejectedSpans: 300, errorMessage: "spans[1]: bad id" } });
    expect(ProtobufMetricsSerializer.deserializeResponse(protobufCodec.encodeResponse("metrics", { rejected: 2, errorMessage: "ünït" }))).toEqual({ partialSuccess: { rejectedDataPoints: 2, errorMessage: "ünït" } });
    const json = (bytes: Uint8Array) => JSON.parse(Buffer.from(bytes).toString("utf8")) as unknown;
    expect(json(jsonCodec.encodeResponse("traces", null))).toEqual({});
    expect(json(jsonCodec.encodeResponse("metrics", { rejected: 2, errorMessage: "why" }))).toEqual({ partialSuccess: { rejectedDataPoints: "2", errorMessage: "why" } });
    expect(json(jsonCodec.encodeResponse("traces", { rejected: 1, errorMessage: "why" }))).toEqual({ partialSuccess: { rejectedSpans: "1", errorMessage: "why" } });
  });

  it("errors as google.rpc.Status: INVALID_ARGUMENT with a BadRequest for bad data, in both encodings", () => {
    const status = rpcStatus(400, "resourceSpans must be an array", "resourceSpans");
    expect(status).toEqual({
      code: 3,
      message: "resourceSpans must be an array",
      details: [{ "@type": "type.googleapis.com/google.rpc.BadRequest", fieldViolations: [{ field: "resourceSpans", description: "resourceSpans must be an array" }] }],
    });
    expect(JSON.parse(Buffer.from(jsonCodec.encodeStatus(status)).toString("utf8"))).toEqual(status);

    const wire = fields(protobufCodec.encodeStatus(status));
    expect(wire.get(1)).toEqual([3]);
    expect(str(wire.get(2)?.[0])).toBe("resourceSpans must be an array");
    const any = fields(wire.get(3)![0] as Uint8Array);
    expect(str(any.get(1)?.[0])).toBe("type.googleapis.com/google.rpc.BadRequest");
    const violation = fields(fields(any.get(2)![0] as Uint8Array).get(1)![0] as Uint8Array);
    expect([str(violation.get(1)?.[0]), str(violation.get(2)?.[0])]).toEqual(["resourceSpans", "resourceSpans must be an array"]);
  });

  it.each([
    [401, 16, "UNAUTHENTICATED"],
    [403, 7, "PERMISSION_DENIED"],
    [413, 8, "RESOURCE_EXHAUSTED"],
    [415, 3, "INVALID_ARGUMENT"],
    [429, 8, "RESOURCE_EXHAUSTED"],
    [503, 14, "UNAVAILABLE"],
    [500, 13, "INTERNAL"],
  ])("HTTP %i answers Status code %i (%s) without details", (httpStatus, code) => {
    const status = rpcStatus(httpStatus, "no");
    expect(status).toEqual({ code, message: "no", details: [] });
    const wire = fields(protobufCodec.encodeStatus(status));
    expect(wire.get(1)).toEqual([code]);
    expect(wire.has(3)).toBe(false);
  });
});

describe("codecFor", () => {
  it.each([
    ["application/json", jsonCodec],
    ["Application/JSON; charset=utf-8", jsonCodec],
    ["application/x-protobuf", protobufCodec],
    [" application/x-protobuf ;proto=x", protobufCodec],
    ["text/plain", null],
    ["application/protobuf", null],
    ["", null],
    [null, null],
  ])("%j → %s", (type, codec) => {
    expect(codecFor(type)).toBe(codec);
  });
});
