// OTLP/HTTP trace ingestion (the path exporters use with OTEL_EXPORTER_OTLP_ENDPOINT).
import { otlpRoute } from "@/lib/telemetry/otlp-http";

export const POST = otlpRoute("traces");
