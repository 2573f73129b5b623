// OTLP/HTTP logs: answered as OTLP (auth, limits, codecs as for traces) and dropped — Edgewise stores no logs.
import { otlpRoute } from "@/lib/telemetry/otlp-http";

export const POST = otlpRoute("logs");
