"use client";
// Observed p50/p95/p99 against the declared budgets, annotations as markers, the previous period's
// p99 as a dashed overlay, exemplars as points that open their traces; beneath it on the same time axis, calls per minute and the error rate,
// then retry amplification and the throttled share. A drag across the percentiles selects a range to
// zoom to; a click picks a moment to link to.
import { useState } from "react";
import { Bar, CartesianGrid, ComposedChart, Legend, Line, ReferenceLine, Scatter, Tooltip, XAxis, YAxis } from "recharts";
import { AnnotationMarkers, AnnotationTooltip, type HoveredAnnotation } from "./annotation-markers";
import type { ExemplarPoint } from "./exemplar-data";
import { ExemplarPopover, type OpenExemplar } from "./exemplar-points";
import { RetryChart } from "./retry-chart";
import { useDragZoom } from "./use-drag-zoom";
import { formatMs, fullTime, timeLabel, timeTicks, type ChartPoint, type Latency } from "./latency-data";
import type { Annotation } from "./queries";
import css from "./telemetry.module.css";
import { formatDurationExact } from "@/lib/format/duration";

export const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12, color: "var(--text)" };
/** Both charts share these so their plot areas line up: same left axis width, same right gutter. */
export const AXIS_WIDTH = 70;
export const RIGHT_GUTTER = 56;

interface Props {
  integrationKey: string;
  data: ChartPoint[];
  budget: Latency["budget"];
  domain: [number, number];
  annotations: Annotation[];
  compare: boolean;
  /** Calls to open as traces, drawn over the lines; their trace URL template (null: ids are copied). */
  exemplars?: { points: ExemplarPoint[]; template: string | null };
  /** The IANA zone the axis and tooltips are written in. */
  zone: string;
  /** A drag from one step to another (step starts, either order). */
  onZoom?: (aMs: number, bMs: number) => void;
  /** A click on a step: the moment picked. */
  onPick?: (atMs: number) => void;
  /** The moment a link opened the chart at, drawn as a line. */
  highlightMs?: number | null;
  /** The moment picked by a click, drawn as a dashed line. */
  pickedMs?: number | null;
}

interface PointShape {
  cx?: number;
  cy?: number;
  payload?: ExemplarPoint;
}

export function LatencyChart({ integrationKey, data, budget, domain, annotations, compare, exemplars, zone, onZoom, onPick, highlightMs = null, pickedMs = null }: Props) {
  const [hovered, setHovered] = useState<HoveredAnnotation | null>(null);
  const [open, setOpen] = useState<OpenExemplar | null>(null);
  // All three charts share one axis: a drag across any of them zooms, a click on any picks a moment.
  const zoom = useDragZoom(onZoom, onPick);
  const point = ({ cx, cy, payload }: PointShape) => {
    if (cx === undefined || cy === undefined || !payload) return <g />;
    const at = { exemplar: payload, x: cx, y: cy };
    const label = `Exemplar: ${formatMs(payload.durationMs)}${payload.error ? ", error" : ""}, ${fullTime(payload.x, zone)}`;
    return (
      <circle
        cx={cx}
        cy={cy}
        r={4.5}
        data-testid="exemplar-point"
        role="button"
        tabIndex={0}
        aria-label={label}
        style={{ cursor: "pointer" }}
        fill={payload.error ? "var(--danger)" : "var(--accent)"}
        fillOpacity={0.85}
        stroke="var(--surface)"
        onMouseEnter={() => setOpen((o) => (o?.pinned ? o : { ...at, pinned: false }))}
        onMouseLeave={() => setOpen((o) => (o?.pinned ? o : null))}
        onClick={() => setOpen({ ...at, pinned: true })}
        // Opening a trace is not the start of a zoom or a picked moment.
        onMouseDown={(e) => e.stopPropagation()}
        onMouseUp={(e) => e.stopPropagation()}
        onKeyDown={(e) => {
          if (e.key === "Enter" || e.key === " ") setOpen({ ...at, pinned: true });
        }}
      />
    );
  };
  const spanMs = domain[1] - domain[0];
  const calls = data.reduce((n, p) => n + p.count, 0);
  const errors = data.reduce((n, p) => n + p.errors, 0);
  const tick = (v: number) => timeLabel(v, spanMs, zone);
  const xAxis = <XAxis dataKey="x" type="number" scale="time" domain={domain} ticks={timeTicks(domain, 8, zone)} allowDataOverflow tickFormatter={tick} fontSize={11} stroke="var(--muted)" />;
  const label = (v: unknown) => fullTime(Number(v), zone);
  return (
    <div className="card" data-testid="latency-chart" role="figure" aria-label={`Latency of ${integrationKey}: p50, p95 and p99 against a p99 budget of ${formatDurationExact(budget.p99Ms)}, ${calls} calls`}>
      <div className={`${css.chartWrap} ${zoom.className}`} data-testid="latency-plot">
        <ComposedChart
          responsive
          syncId="latency"
          style={{ width: "100%", height: 300 }}
          data={data}
          margin={{ top: 24, right: RIGHT_GUTTER, bottom: 4, left: 0 }}
          {...zoom.handlers}
        >
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          {xAxis}
          {/* The budget lines extend the axis: a budget far above the data must still show where it is. */}
          <YAxis width={AXIS_WIDTH} fontSize={11} stroke="var(--muted)" tickFormatter={(v: number) => formatMs(v)} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={label} formatter={(v) => (typeof v === "number" ? formatMs(v) : "—")} />
          <ReferenceLine
            y={budget.p99Ms}
            ifOverflow="extendDomain"
            stroke="var(--danger)"
            strokeDasharray="6 3"
            label={{ value: `p99 budget ${formatDurationExact(budget.p99Ms)}`, position: "insideTopRight", fontSize: 11, fill: "var(--danger)" }}
          />
          {budget.p95Ms !== null && (
            <ReferenceLine y={budget.p95Ms} ifOverflow="extendDomain" stroke="var(--warning)" strokeDasharray="2 4" label={{ value: `p95 budget ${formatDurationExact(budget.p95Ms)}`, position: "insideBottomRight", fontSize: 11, fill: "var(--warning)" }} />
          )}
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12, top: 0 }} />
          <Line dataKey="p50" name="p50" stroke="var(--ok)" dot={false} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="p95" name="p95" stroke="var(--warning)" dot={false} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="p99" name="p99" stroke="var(--danger)" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
          {compare && (
            <Line dataKey="previousP99" name="p99, previous period" stroke="var(--muted)" strokeDasharray="5 4" dot={false} connectNulls={false} isAnimationActive={false} />
          )}
          {exemplars && exemplars.points.length > 0 && (
            <Scatter data={exemplars.points} dataKey="durationMs" name="exemplars (click to open the trace)" fill="var(--accent)" shape={point} tooltipType="none" isAnimationActive={false} legendType="circle" />
          )}
          <AnnotationMarkers annotations={annotations} onHover={setHovered} />
          {zoom.area()}
          {highlightMs !== null && <ReferenceLine x={highlightMs} stroke="var(--accent)" strokeWidth={2} label={{ value: "linked moment", position: "insideTopLeft", fontSize: 11, fill: "var(--accent)" }} />}
          {pickedMs !== null && pickedMs !== highlightMs && <ReferenceLine x={pickedMs} stroke="var(--accent)" strokeDasharray="3 3" />}
        </ComposedChart>
        <AnnotationTooltip hovered={hovered} />
        <ExemplarPopover open={open} template={exemplars?.template ?? null} onClose={() => setOpen(null)} />
      </div>
      <div className={zoom.className} data-testid="traffic-chart" aria-label={`Calls per minute and error rate: ${calls} calls, ${errors} errors`} role="img">
        <ComposedChart responsive syncId="latency" style={{ width: "100%", height: 140 }} data={data} margin={{ top: 8, right: 0, bottom: 4, left: 0 }} {...zoom.handlers}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          {xAxis}
          <YAxis yAxisId="calls" width={AXIS_WIDTH} fontSize={11} stroke="var(--muted)" allowDecimals={false} label={{ value: "calls/min", angle: -90, position: "insideLeft", fontSize: 11, fill: "var(--muted)", dy: 30 }} />
          <YAxis yAxisId="errors" orientation="right" width={RIGHT_GUTTER} fontSize={11} stroke="var(--danger)" unit=" %" domain={[0, (max: number) => Math.max(1, Math.ceil(max))]} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={label} />
          <Legend verticalAlign="top" height={20} wrapperStyle={{ fontSize: 12, top: 0 }} />
          <Bar yAxisId="calls" dataKey="callsPerMinute" name="calls per minute" fill="var(--accent)" fillOpacity={0.55} isAnimationActive={false} />
          <Line yAxisId="errors" dataKey="errorRatePercent" name="error rate (%)" stroke="var(--danger)" dot={false} connectNulls={false} isAnimationActive={false} />
          {zoom.area("calls")}
        </ComposedChart>
      </div>
      <RetryChart data={data} xAxis={xAxis} axisWidth={AXIS_WIDTH} gutter={RIGHT_GUTTER} tooltipStyle={tooltipStyle} zoom={zoom} />
    </div>
  );
}
