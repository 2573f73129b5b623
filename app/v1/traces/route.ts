// OTLP/HTTP trace ingestion (the path exporters use with OTEL_EXPORTER_OTLP_ENDPOINT).
import { ingestTraces } from "@/lib/telemetry/ingest";
import { otlpRoute } from "@/lib/telemetry/otlp-http";
import { decodeTraceRequestProtobuf } from "@/lib/telemetry/otlp-protobuf";

export const POST = otlpRoute({ signal: "traces", rejectedField: "rejectedSpans", decodeProtobuf: decodeTraceRequestProtobuf, ingest: ingestTraces });
