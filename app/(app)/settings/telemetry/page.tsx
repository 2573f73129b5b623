import Link from "next/link";
import { headers } from "next/headers";
import { PageHeader } from "@/components/ui/page-header";
import { can } from "@/lib/auth/permissions";
import { requireSession } from "@/lib/auth/session";
import { LocalTime } from "@/components/ui/time-zone";
import type { Signal } from "@/lib/telemetry/ingest-counts";
import { ingestionStatus, REJECTION_WINDOW_HOURS } from "@/lib/telemetry/status";

const when = (iso: string | null) => (iso ? <LocalTime at={iso} seconds /> : "never");

/** What an item rejection counts, per signal. */
const ITEM: Record<Signal, string> = { traces: "span", metrics: "point", logs: "log record" };

export const metadata = { title: "Telemetry" };

export default async function TelemetrySettingsPage() {
  const actor = await requireSession("catalog:read", "/settings/telemetry");
  const status = await ingestionStatus(actor);
  const h = await headers();
  const origin = process.env.NEXTAUTH_URL ?? `http://${h.get("host") ?? "localhost:3000"}`;
  const sdk = `export OTEL_EXPORTER_OTLP_ENDPOINT=${origin}
export OTEL_EXPORTER_OTLP_HEADERS="Authorization=Bearer <token with telemetry:write>"
export OTEL_EXPORTER_OTLP_PROTOCOL=http/protobuf   # or http/json`;
  const exporter = `exporters:
  otlphttp/edgewise:
    endpoint: ${origin}
    headers:
      Authorization: "Bearer \${env:EDGEWISE_TOKEN}"
    compression: gzip`;
  const collector = `${exporter}

service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [otlphttp/edgewise]`;
  // The same edges as metrics instead: the connectors turn spans into histograms inside the Collector.
  const collectorMetrics = `connectors:
  spanmetrics:
    histogram:
      unit: ms
      exponential:
        max_size: 160
    dimensions:                # the callee, as for spans
      - name: peer.service
      - name: server.address
      - name: rpc.service
      - name: messaging.destination.name
      - name: messaging.system
    aggregation_temporality: AGGREGATION_TEMPORALITY_DELTA
  servicegraph:
    latency_histogram_buckets: [2ms, 5ms, 10ms, 25ms, 50ms, 100ms, 250ms, 500ms, 1s, 2.5s, 5s]

${exporter}

service:
  pipelines:
    traces:
      receivers: [otlp]
      processors: [batch]
      exporters: [spanmetrics, servicegraph]
    metrics:
      receivers: [spanmetrics, servicegraph]
      processors: [batch]
      exporters: [otlphttp/edgewise]`;
  return (
    <>
      <PageHeader title="Telemetry" description={<Link href="/settings">← Settings</Link>} />
      <div className="grid-cards" data-testid="ingestion-status">
        <div className="card">
          <div className="stat">{status.lastReceivedAt ? new Date(status.lastReceivedAt).toISOString().slice(11, 19) : "—"}</div>
          <div className="stat-label">{status.lastReceivedAt ? `Last received (UTC, ${status.lastReceivedAt.slice(0, 10)})` : "Nothing received yet"}</div>
          {status.lastReceivedAt ? (
            <div className="muted" style={{ fontSize: ".8rem" }}>
              spans {when(status.lastReceived.traces)} · metrics {when(status.lastReceived.metrics)}
            </div>
          ) : null}
        </div>
        <div className="card">
          <div className="stat">{status.spansPerMinute}</div>
          <div className="stat-label">Spans per minute (last 10 min)</div>
        </div>
        <div className="card">
          <div className="stat" data-testid="points-per-minute">
            {status.pointsPerMinute}
          </div>
          <div className="stat-label">Metric points per minute (last 10 min)</div>
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
      <h2>Rejected in the last {REJECTION_WINDOW_HOURS} hours</h2>
      {status.rejections.length === 0 ? (
        <div className="card empty" data-testid="rejections-empty">
          Nothing rejected. Spans and points that cannot be used, and requests turned away (bad token, too large, over the rate limit), are
          counted here by reason — exporters also get them back in <code>partialSuccess</code> or the error response.
        </div>
      ) : (
        <div className="table-wrap">
          <table data-testid="rejections">
            <thead>
              <tr>
                <th>Signal</th>
                <th>Reason</th>
                <th style={{ textAlign: "right" }}>Count</th>
                <th>Last</th>
              </tr>
            </thead>
            <tbody>
              {status.rejections.map((r) => (
                <tr key={`${r.signal}|${r.reason}`}>
                  <td>{r.signal}</td>
                  <td>
                    {r.label}
                    <div className="muted mono" style={{ fontSize: ".75rem" }}>
                      {r.reason}
                    </div>
                  </td>
                  <td style={{ textAlign: "right" }}>
                    {r.count.toLocaleString("en")} {r.reason.startsWith("request:") ? "request" : ITEM[r.signal]}
                    {r.count === 1 ? "" : "s"}
                  </td>
                  <td>{when(r.lastAt)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>Send traces and metrics</h2>
      <p>
        Edgewise speaks OTLP/HTTP at <code>{origin}/v1/traces</code> and <code>{origin}/v1/metrics</code> (protobuf or JSON, gzip welcome). Exporters authenticate with an API token
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
      <h3>Metrics instead of spans: the spanmetrics and servicegraph connectors</h3>
      <pre className="card mono" style={{ overflowX: "auto" }} data-testid="collector-metrics-config">
        {collectorMetrics}
      </pre>
      <p className="muted">
        Spans become per-minute latency histograms per integration point (rolled up into hours and days); spans that cannot be used are reported
        back to the exporter in <code>partialSuccess</code>. From metrics, Edgewise folds the spanmetrics duration histogram and the servicegraph
        request histograms (with the failed-request counter as errors), in the unit they declare (s, ms, us, ns), delta or cumulative. Percentiles
        from explicit buckets are placed inside those buckets, so charts built on them are marked approximate; exponential buckets at scale 7 or finer
        are as precise as spans (coarser ones are marked approximate too). Send an edge either as spans or as metrics, not both, or its calls count twice.
      </p>
    </>
  );
}
