// A scrape target shaped like Tempo's metrics-generator output: classic histograms of span latency
// (`traces_spanmetrics_latency_bucket{service, span_name, span_kind, status_code, peer_service, le}`)
// with observations the test chooses, served in the Prometheus text format. Restarting it (new
// counts from zero) is how tests make a counter reset.
import { serve } from "./prometheus";

/** Tempo's default latency buckets, in seconds. */
export const TEMPO_BUCKETS_S = [0.002, 0.004, 0.008, 0.016, 0.032, 0.064, 0.128, 0.256, 0.512, 1.024, 2.048, 4.096, 8.192, 16.384];

export interface SpanSeries {
  labels: Record<string, string>;
  /** Observed latencies in seconds. */
  observations: number[];
}

const labelText = (labels: Record<string, string>) =>
  Object.entries(labels)
    .map(([k, v]) => `${k}="${v.replace(/\\/g, "\\\\").replace(/"/g, '\\"')}"`)
    .join(",");

/** The exposition of `series` as one histogram family named `name` (cumulative `le` buckets, _sum, _count). */
export function exposition(series: SpanSeries[], name = "traces_spanmetrics_latency", bucketsS = TEMPO_BUCKETS_S): string {
  const lines = [`# HELP ${name} span latency`, `# TYPE ${name} histogram`];
  for (const s of series) {
    for (const le of [...bucketsS.map(String), "+Inf"]) {
      const n = s.observations.filter((o) => le === "+Inf" || o <= Number(le)).length;
      lines.push(`${name}_bucket{${labelText({ ...s.labels, le })}} ${n}`);
    }
    lines.push(`${name}_sum{${labelText(s.labels)}} ${s.observations.reduce((a, b) => a + b, 0)}`);
    lines.push(`${name}_count{${labelText(s.labels)}} ${s.observations.length}`);
  }
  return `${lines.join("\n")}\n`;
}

/** Serves `current()` at /metrics on a loopback port. */
export function startTarget(current: () => SpanSeries[]) {
  return serve((req, res) => {
    if (req.url !== "/metrics") return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "text/plain; version=0.0.4" }).end(exposition(current()));
  });
}
