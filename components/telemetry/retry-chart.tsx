"use client";
// Beneath the error rate, on the same time axis: retry amplification (attempts per logical call) and
// the share of calls the callee throttled — how much extra load the callers' retries add while it fails.
import { CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Tooltip, YAxis } from "recharts";
import type { ChartPoint } from "./latency-data";
import { useTimeZone } from "@/components/ui/time-zone";
import css from "./telemetry.module.css";
import type { DragZoom } from "./use-drag-zoom";

interface Props {
  data: ChartPoint[];
  xAxis: React.ReactElement;
  axisWidth: number;
  gutter: number;
  tooltipStyle: React.CSSProperties;
  /** The latency chart's drag to zoom and click to pick, on this chart too. */
  zoom?: DragZoom;
}

export function RetryChart({ data, xAxis, axisWidth, gutter, tooltipStyle, zoom }: Props) {
  const tz = useTimeZone();
  const logicalCalls = data.reduce((n, p) => n + p.logicalCalls, 0);
  const attempts = data.reduce((n, p) => n + p.attempts, 0);
  const throttled = data.reduce((n, p) => n + p.throttled, 0);
  const maxAttempts = data.reduce((n, p) => Math.max(n, p.maxAttempts), 0);
  if (logicalCalls === 0 && throttled === 0) {
    return (
      <p className={css.conditions} data-testid="retry-chart-empty">
        No retries or throttling to chart in this range. Retries are counted from the caller&apos;s client spans (each attempt its own span under the same parent, or
        <span className="mono"> http.request.resend_count</span>); throttling from <span className="mono">http.response.status_code</span> 429/503 and
        <span className="mono"> rpc.grpc.status_code</span> 8/14.
      </p>
    );
  }
  const amplification = logicalCalls ? Math.round((attempts / logicalCalls) * 100) / 100 : null;
  return (
    <div
      className={zoom?.className}
      data-testid="retry-chart"
      role="img"
      aria-label={`Retry amplification and throttled share: ${attempts} attempts for ${logicalCalls} logical calls${amplification === null ? "" : ` (×${amplification})`}, at most ${maxAttempts} per call, ${throttled} throttled`}
    >
      <ComposedChart responsive syncId="latency" style={{ width: "100%", height: 140 }} data={data} margin={{ top: 8, right: 0, bottom: 4, left: 0 }} {...zoom?.handlers}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
        {xAxis}
        <YAxis yAxisId="amp" width={axisWidth} fontSize={11} stroke="var(--muted)" domain={[1, (max: number) => Math.max(2, Math.ceil(max))]} tickFormatter={(v: number) => `×${v}`} />
        <YAxis yAxisId="throttled" orientation="right" width={gutter} fontSize={11} stroke="var(--warning)" unit=" %" domain={[0, (max: number) => Math.max(1, Math.ceil(max))]} />
        <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => tz.full(Number(v))} />
        <Legend verticalAlign="top" height={20} wrapperStyle={{ fontSize: 12, top: 0 }} />
        <ReferenceLine yAxisId="amp" y={1.5} stroke="var(--muted)" strokeDasharray="4 4" label={{ value: "storm ×1.5", position: "insideTopLeft", fontSize: 10, fill: "var(--muted)" }} />
        <Line yAxisId="amp" dataKey="amplification" name="retry amplification (attempts / call)" stroke="var(--accent)" dot={false} connectNulls={false} isAnimationActive={false} />
        <Line yAxisId="throttled" dataKey="throttledPercent" name="throttled (%)" stroke="var(--warning)" dot={false} connectNulls={false} isAnimationActive={false} />
        {zoom?.area("amp")}
      </ComposedChart>
    </div>
  );
}
