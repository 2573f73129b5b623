"use client";
// What to do when an integration point has no telemetry in the range: the exporter settings to copy.
import Link from "next/link";
import { useSyncExternalStore } from "react";

const noop = () => () => {};

export function TelemetryEmpty({ telemetry }: { telemetry: { sourceName: string; targetName: string } | null }) {
  const origin = useSyncExternalStore(noop, () => window.location.origin, () => "http://localhost:3000");
  return (
    <div className="card empty" data-testid="latency-empty">
      <h2>No telemetry yet for this range</h2>
      <p>Point an OpenTelemetry SDK or Collector at Edgewise with a token that has the telemetry:write scope, and latency appears here within a minute:</p>
      <pre className="mono" style={{ textAlign: "left", display: "inline-block", background: "var(--surface-2)", padding: ".75rem 1rem", borderRadius: 6, color: "var(--text)" }}>
        {`export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer ew_…"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf`}
      </pre>
      {telemetry && (
        <p>
          Client spans from <span className="mono">service.name={telemetry.sourceName}</span> with <span className="mono">peer.service={telemetry.targetName}</span> are counted for this integration point.
        </p>
      )}
      <p>
        <Link href="/settings/telemetry">Here is how to send some: Settings → Telemetry</Link> has the Collector configuration and shows what is arriving. A longer range may already hold data.
      </p>
    </div>
  );
}
