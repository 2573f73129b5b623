// /v1/logs's counting against requests Edgewise did not write: the OTLP specification's logs and events
// examples, and protobuf requests serialized by the OpenTelemetry SDK from log records it emitted.
import fs from "node:fs";
import path from "node:path";
import { JsonLogsSerializer, ProtobufLogsSerializer } from "@opentelemetry/otlp-transformer";
import { resourceFromAttributes } from "@opentelemetry/resources";
import { InMemoryLogRecordExporter, LoggerProvider, SimpleLogRecordProcessor } from "@opentelemetry/sdk-logs";
import { describe, expect, it } from "vitest";
import { jsonCodec, protobufCodec } from "./otlp-codec";
import { OtlpDecodeError } from "./otlp-json";

const fixture = (name: string) => new Uint8Array(fs.readFileSync(path.join(__dirname, "fixtures/otlp-examples", name)));

/** Log records as the SDK emits them: `perLogger` records from each of two loggers (two scopes). */
async function sdkRecords(perLogger: number) {
  const exporter = new InMemoryLogRecordExporter();
  const provider = new LoggerProvider({ resource: resourceFromAttributes({ "service.name": "checkout" }), processors: [new SimpleLogRecordProcessor({ exporter })] });
  for (const scope of ["http", "db"]) {
    const logger = provider.getLogger(scope);
    for (let i = 0; i < perLogger; i++) logger.emit({ body: `${scope} line ${i} — ünïcode`, severityText: "INFO", attributes: { i } });
  }
  await provider.forceFlush();
  return exporter.getFinishedLogRecords();
}

describe("counting the log records /v1/logs drops", () => {
  it("reads the specification's logs and events examples", () => {
    expect(jsonCodec.countLogRecords(fixture("logs.json"))).toBe(1);
    expect(jsonCodec.countLogRecords(fixture("events.json"))).toBe(1);
  });

  it("counts the SDK's protobuf and JSON requests across scopes", async () => {
    const records = await sdkRecords(3);
    expect(records).toHaveLength(6);
    expect(protobufCodec.countLogRecords(ProtobufLogsSerializer.serializeRequest(records)!)).toBe(6);
    expect(jsonCodec.countLogRecords(JsonLogsSerializer.serializeRequest(records)!)).toBe(6);
  });

  it("takes an empty request as no records, as protobuf's defaults say", () => {
    expect(protobufCodec.countLogRecords(new Uint8Array())).toBe(0);
    expect(jsonCodec.countLogRecords(new TextEncoder().encode("{}"))).toBe(0);
    expect(jsonCodec.countLogRecords(new TextEncoder().encode('{"resourceLogs":[{"scopeLogs":[{}]}]}'))).toBe(0);
  });

  it("refuses what is not a logs request, naming the field", async () => {
    const json = (v: unknown) => () => jsonCodec.countLogRecords(new TextEncoder().encode(JSON.stringify(v)));
    expect(json({ resourceLogs: 5 })).toThrow(new OtlpDecodeError("request.resourceLogs must be an array", "request.resourceLogs"));
    expect(json({ resourceLogs: [{ scopeLogs: [{ logRecords: [1] }] }] })).toThrow(/resourceLogs\[0\]\.scopeLogs\[0\]\.logRecords\[0\] must be an object/);
    expect(json([])).toThrow(OtlpDecodeError);
    expect(() => jsonCodec.countLogRecords(new TextEncoder().encode("{not json"))).toThrow(OtlpDecodeError);
    const valid = ProtobufLogsSerializer.serializeRequest(await sdkRecords(1))!;
    expect(() => protobufCodec.countLogRecords(valid.subarray(0, valid.length - 3))).toThrow(OtlpDecodeError);
    expect(() => protobufCodec.countLogRecords(Uint8Array.from([0x00]))).toThrow(OtlpDecodeError);
  });

  it("answers partial_success with rejected_log_records, as the SDK reads it", () => {
    expect(ProtobufLogsSerializer.deserializeResponse(protobufCodec.encodeResponse("logs", { rejected: 7, errorMessage: "dropped" }))).toEqual({ partialSuccess: { rejectedLogRecords: 7, errorMessage: "dropped" } });
    expect(JSON.parse(new TextDecoder().decode(jsonCodec.encodeResponse("logs", { rejected: 7, errorMessage: "dropped" })))).toEqual({ partialSuccess: { rejectedLogRecords: "7", errorMessage: "dropped" } });
  });
});
