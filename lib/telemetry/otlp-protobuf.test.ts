// Both encodings, produced by the official OpenTelemetry JS serializers (the ones the exporters use),
// must decode to the same spans, with the durations and attributes the SDK recorded.
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { JsonTraceSerializer, ProtobufTraceSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemorySpanExporter, SimpleSpanProcessor, TracerProvider } from "@opentelemetry/sdk-trace";
import { describe, expect, it } from "vitest";
import { decodeTraces, OtlpDecodeError } from "./otlp-json";
import { decodeTraceRequestProtobuf } from "./otlp-protobuf";

async function recordSpans() {
  const exporter = new InMemorySpanExporter();
  const provider = new TracerProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }), spanProcessors: [new SimpleSpanProcessor({ exporter })] });
  const tracer = provider.getTracer("edgewise-test");
  const t0 = Date.UTC(2026, 10, 28, 12, 0, 0);
  const durations = [12.5, 40, 250];
  durations.forEach((ms, i) => {
    const span = tracer.startSpan("authorize", { kind: SpanKind.CLIENT, startTime: t0 + i * 1000, attributes: { "peer.service": "payments", "retry.count": i, "cache.hit": i % 2 === 0 } });
    if (i === 2) span.setStatus({ code: SpanStatusCode.ERROR });
    span.end(t0 + i * 1000 + ms);
  });
  await provider.forceFlush(); // the processor hands spans to the exporter asynchronously
  return { spans: exporter.getFinishedSpans(), durations };
}

describe("OTLP encodings from the official serializers", () => {
  it("protobuf and JSON decode to the same spans with the recorded durations", async () => {
    const { spans, durations } = await recordSpans();
    const protobuf = ProtobufTraceSerializer.serializeRequest(spans)!;
    const json = JSON.parse(Buffer.from(JsonTraceSerializer.serializeRequest(spans)!).toString("utf8"));
    const fromProto = decodeTraces(decodeTraceRequestProtobuf(protobuf));
    const fromJson = decodeTraces(json);
    expect(fromProto.rejected).toBe(0);
    expect(fromProto.spans).toEqual(fromJson.spans);
    expect(fromProto.spans.map((s) => s.durationMs)).toEqual(durations);
    expect(fromProto.spans.map((s) => [s.serviceName, s.kind, s.name, s.error])).toEqual([
      ["checkout", "client", "authorize", false],
      ["checkout", "client", "authorize", false],
      ["checkout", "client", "authorize", true],
    ]);
    expect(fromProto.spans[1]!.attributes).toEqual({ "peer.service": "payments", "retry.count": 1, "cache.hit": false });
    expect(fromProto.spans[0]!.traceId).toMatch(/^[0-9a-f]{32}$/);
  });

  it("refuses truncated or garbled protobuf", async () => {
    const bytes = ProtobufTraceSerializer.serializeRequest((await recordSpans()).spans)!;
    expect(() => decodeTraces(decodeTraceRequestProtobuf(bytes.subarray(0, bytes.length - 7)))).toThrow(OtlpDecodeError);
    expect(() => decodeTraceRequestProtobuf(Uint8Array.from([0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f]))).toThrow(OtlpDecodeError);
    expect(() => decodeTraceRequestProtobuf(Uint8Array.from([0x00]))).toThrow(OtlpDecodeError);
    expect(decodeTraceRequestProtobuf(new Uint8Array())).toEqual({ resourceSpans: [] });
  });
});
