// OTLP/HTTP metric ingestion: the Collector's spanmetrics and servicegraph connectors' output.
import { ingestMetrics } from "@/lib/telemetry/ingest";
import { otlpRoute } from "@/lib/telemetry/otlp-http";
import { decodeMetricsRequestProtobuf } from "@/lib/telemetry/otlp-protobuf";

export const POST = otlpRoute({ signal: "metrics", rejectedField: "rejectedDataPoints", decodeProtobuf: decodeMetricsRequestProtobuf, ingest: ingestMetrics });
