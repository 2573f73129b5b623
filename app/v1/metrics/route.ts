// OTLP/HTTP metric ingestion: the Collector's spanmetrics and servicegraph connectors' output.
import { otlpRoute } from "@/lib/telemetry/otlp-http";

export const POST = otlpRoute("metrics");
