// Prometheus remote write 1.0: span-metric histograms from Prometheus, Mimir, Tempo or Alloy.
import { remoteWriteRoute } from "@/lib/telemetry/remote-write-http";

export const POST = remoteWriteRoute();
