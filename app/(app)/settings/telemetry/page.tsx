import Link from "next/link";
import { headers } from "next/headers";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { ingestionStatus } from "@/lib/telemetry/status";

export const metadata = { title: "Telemetry" };

export default async function TelemetrySettingsPage() {
  const actor = await requireSession("catalog:read", "/settings/telemetry");
  const status = await ingestionStatus(actor);
  const h = await headers();
  const origin = process.env.NEXTAUTH_URL ?? `http://${h.get("host") ?? "localhost:3000"}`;
  const sdk = `export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <token with telemetry:write>"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf   # or http/json`;
  const collector = `exporters:
  otlphttp/edgewise:
    endpoint: ${origin}
    headers:
      Authorization: "Bearer \${env:EDGEWISE_TOKEN}"
    compression: gzip

service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlphttp/edgewise]`;
  return (
    <>
      <PageHeader title="Telemetry" description={<Link href="/settings">← Settings</Link>} />
      <div className="grid-cards" data-testid="ingestion-status">
        <div className="card">
          <div className="stat">{status.lastReceivedAt ? new Date(status.lastReceivedAt).toISOString().slice(11, 19) : "—"}</div>
          <div className="stat-label">{status.lastReceivedAt ? `Last received (UTC, ${status.lastReceivedAt.slice(0, 10)})` : "Nothing received yet"}</div>
        </div>
        <div className="card">
          <div className="stat">{status.spansPerMinute}</div>
          <div className="stat-label">Spans per minute (last 10 min)</div>
        </div>
        <div className="card">
          <div className="stat">{status.integrationsWithData}</div>
          <div className="stat-label">Integration points with data</div>
        </div>
        <div className="card">
          <div className="stat">
            <Link href="/catalog/observed">{status.observedEdges}</Link>
          </div>
          <div className="stat-label">Observed, undeclared edges</div>
        </div>
      </div>
      <h2>Send traces</h2>
      <p>
        Edgewise speaks OTLP/HTTP at <code>{origin}/v1/traces</code> (protobuf or JSON, gzip welcome). Exporters authenticate with an API token
        that has the <code>telemetry:write</code> scope —{" "}
        {can(actor, "tokens:manage") ? <Link href="/settings/tokens">create one in API tokens</Link> : "ask an admin for one"} or run{" "}
        <code>npm run edgewise -- token create --name otel --scopes telemetry:write --user you@example.com</code>. The token is shown once.
      </p>
      <h3>From an OpenTelemetry SDK</h3>
      <pre className="card mono" style={{ overflowX: "auto" }} data-testid="sdk-config">
        {sdk}
      </pre>
      <h3>From the OpenTelemetry Collector</h3>
      <pre className="card mono" style={{ overflowX: "auto" }} data-testid="collector-config">
        {collector}
      </pre>
      <p className="muted">
        Spans become per-minute latency histograms per integration point (rolled up into hours and days); spans that cannot be used are reported
        back to the exporter in <code>partialSuccess</code>. Metrics (spanmetrics, servicegraph) are not accepted yet.
      </p>
    </>
  );
}
