"use client";
// The latency distribution over time: one column per step, one row per log-spaced latency band, each
// cell shaded by its calls (log scale) in the theme's accent, so it reads in light and dark themes.
// A clicked cell lists its exemplars: the calls of that step and band to open as traces.
import { useState } from "react";
import { CartesianGrid, ComposedChart, ReferenceLine, usePlotArea, useXAxisScale, useYAxisScale, XAxis, YAxis } from "recharts";
import { formatMs, timeLabel, timeTicks } from "./latency-data";
import { useTimeZone } from "@/components/ui/time-zone";
import { AXIS_WIDTH, RIGHT_GUTTER } from "./latency-chart";
import { exemplarsInCell } from "./exemplar-data";
import { ExemplarList } from "./exemplar-points";
import { useCellExemplars, type Heatmap } from "./queries";
import css from "./telemetry.module.css";
import { ErrorNotice } from "@/components/ui/states";
import { formatDurationExact } from "@/lib/format/duration";

/** Share of the accent colour for a count: log-scaled, never so faint that one call disappears. */
export function shade(count: number, maxCount: number): number {
  if (count <= 0 || maxCount <= 0) return 0;
  return Math.round(15 + 85 * (Math.log1p(count) / Math.log1p(maxCount)));
}
const fill = (percent: number) => `color-mix(in oklab, var(--accent) ${percent}%, var(--surface))`;

interface Hover {
  column: number;
  band: number;
  x: number;
  y: number;
}

function Cells({ heatmap, onHover, onOpen }: { heatmap: Heatmap; onHover: (h: Hover | null) => void; onOpen: (h: Hover) => void }) {
  const xScale = useXAxisScale();
  const yScale = useYAxisScale();
  const plot = usePlotArea();
  if (!xScale || !yScale || !plot) return null;
  const cells = [];
  for (const [ci, column] of heatmap.columns.entries()) {
    if (column.count === 0) continue;
    const t = Date.parse(column.t);
    const x0 = xScale(t);
    const x1 = xScale(t + heatmap.stepMs);
    if (x0 === undefined || x1 === undefined) continue;
    for (const [bi, count] of column.counts.entries()) {
      if (count === 0) continue;
      const y0 = yScale(bi + 1);
      const y1 = yScale(bi);
      if (y0 === undefined || y1 === undefined) continue;
      const left = Math.max(plot.x, x0);
      const width = Math.min(plot.x + plot.width, x1) - left;
      if (width <= 0) continue;
      cells.push(
        <rect
          key={`${ci}-${bi}`}
          data-testid="heatmap-cell"
          data-t={column.t}
          data-band={bi}
          x={left}
          y={y0}
          width={Math.max(width - 0.5, 0.5)}
          height={Math.max(y1 - y0 - 0.5, 0.5)}
          style={{ fill: fill(shade(count, heatmap.maxCount)), cursor: "pointer" }}
          onMouseEnter={() => onHover({ column: ci, band: bi, x: left + width / 2, y: y0 })}
          onMouseLeave={() => onHover(null)}
          onClick={() => onOpen({ column: ci, band: bi, x: left + width / 2, y: y0 })}
        />,
      );
    }
  }
  return <g>{cells}</g>;
}

/** The exemplars of the opened cell: its column's, fetched when opened, narrowed to its band. */
function CellExemplars({ integrationKey, heatmap, cell, onClose }: { integrationKey: string; heatmap: Heatmap; cell: Hover; onClose: () => void }) {
  const column = heatmap.columns[cell.column]!;
  const fromMs = Date.parse(column.t);
  const query = useCellExemplars(integrationKey, { fromMs, toMs: fromMs + heatmap.stepMs });
  const lo = heatmap.bandsMs[cell.band]!;
  const hi = heatmap.bandsMs[cell.band + 1]!;
  const tz = useTimeZone();
  const items = query.data ? exemplarsInCell(query.data.items, { fromMs, toMs: fromMs + heatmap.stepMs, bandsMs: heatmap.bandsMs, band: cell.band }) : [];
  return (
    <section data-testid="heatmap-exemplars" aria-label="Exemplars of the selected cell" style={{ marginTop: ".5rem" }}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <strong style={{ fontSize: ".9rem" }}>
          Exemplars from {tz.full(fromMs)}, {formatMs(lo)} – {formatMs(hi)}
        </strong>
        <button type="button" className="btn btn-sm btn-ghost" onClick={onClose}>
          Close
        </button>
      </div>
      {query.isPending ? (
        <div className="skeleton" role="status" aria-label="Loading exemplars" style={{ height: 40, marginTop: ".4rem" }} />
      ) : query.isError ? (
        <ErrorNotice error={query.error} />
      ) : items.length === 0 ? (
        <p className="muted" data-testid="cell-exemplars-empty" style={{ margin: ".3rem 0 0", fontSize: ".85rem" }}>
          No exemplars kept for this cell: per minute only the slowest calls and the first errors are kept, so a cell of ordinary calls has none.
        </p>
      ) : (
        <ExemplarList items={items} template={query.data.traceUrlTemplate} />
      )}
    </section>
  );
}

export function LatencyHeatmap({ integrationKey, heatmap, domain, budgetP99Ms }: { integrationKey: string; heatmap: Heatmap; domain: [number, number]; budgetP99Ms: number }) {
  const [hover, setHover] = useState<Hover | null>(null);
  const [opened, setOpened] = useState<Hover | null>(null);
  const bands = heatmap.bandsMs.length - 1;
  const spanMs = domain[1] - domain[0];
  const tz = useTimeZone();
  const calls = heatmap.columns.reduce((n, c) => n + c.count, 0);
  // The p99 budget as a band position, when it falls inside the range drawn.
  const lo = heatmap.bandsMs[0]!;
  const hi = heatmap.bandsMs[bands]!;
  const budgetBand = budgetP99Ms > lo && budgetP99Ms < hi ? (bands * Math.log(budgetP99Ms / lo)) / Math.log(hi / lo) : null;
  const ticks = Array.from({ length: 5 }, (_, i) => Math.round((bands * i) / 4));
  const hovered = hover ? heatmap.columns[hover.column] : undefined;
  return (
    <div className="card" data-testid="latency-heatmap">
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h2 className={css.cardTitle}>Latency distribution</h2>
        <div className={css.legend} aria-label={`Colour scale: 1 to ${heatmap.maxCount} calls per cell, logarithmic`}>
          <span>1</span>
          <span className={css.legendRamp} style={{ background: `linear-gradient(to right, ${fill(15)}, ${fill(57)}, ${fill(100)})` }} />
          <span>{heatmap.maxCount} calls per cell</span>
        </div>
      </div>
      <div className={css.chartWrap} role="img" aria-label={`Latency heatmap: ${calls} calls in ${bands} latency bands from ${formatMs(lo)} to ${formatMs(hi)}`}>
        <ComposedChart responsive style={{ width: "100%", height: 220 }} data={heatmap.columns} margin={{ top: 8, right: RIGHT_GUTTER, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
          <XAxis dataKey="t" type="number" scale="time" domain={domain} ticks={timeTicks(domain, 8, tz.zone)} allowDataOverflow tickFormatter={(v: number) => timeLabel(v, spanMs, tz.zone)} fontSize={11} stroke="var(--muted)" />
          <YAxis type="number" domain={[0, bands]} ticks={ticks} allowDataOverflow width={AXIS_WIDTH} fontSize={11} stroke="var(--muted)" tickFormatter={(i: number) => formatMs(heatmap.bandsMs[i] ?? hi)} />
          <Cells heatmap={heatmap} onHover={setHover} onOpen={setOpened} />
          {budgetBand !== null && (
            <ReferenceLine y={budgetBand} stroke="var(--danger)" strokeDasharray="6 3" label={{ value: `p99 budget ${formatDurationExact(budgetP99Ms)}`, position: "insideTopRight", fontSize: 11, fill: "var(--danger)" }} />
          )}
        </ComposedChart>
        {hover && hovered && (
          <div role="tooltip" className={css.tooltip} style={{ left: hover.x, top: Math.max(0, hover.y - 64) }} data-testid="heatmap-tooltip">
            <strong>{hovered.counts[hover.band]} calls</strong> of {hovered.count}
            <div>
              {formatMs(heatmap.bandsMs[hover.band]!)} – {formatMs(heatmap.bandsMs[hover.band + 1]!)}
            </div>
            <div className="muted">from {tz.full(hovered.t)}</div>
            <div className="muted">Click to list its exemplars</div>
          </div>
        )}
      </div>
      {opened && heatmap.columns[opened.column] && <CellExemplars key={`${opened.column}-${opened.band}`} integrationKey={integrationKey} heatmap={heatmap} cell={opened} onClose={() => setOpened(null)} />}
      <p className="muted" style={{ margin: ".25rem 0 0", fontSize: ".85rem" }}>
        Calls per latency band ({bands} bands, log-spaced over the range&apos;s fastest to slowest call) per {formatStep(heatmap.stepMs)}; two ridges mean two populations that percentiles blend together.
        {heatmap.approximate && " Calls reported as metric histograms are placed by their bucket's bounds, so their band is approximate."}
      </p>
    </div>
  );
}

function formatStep(ms: number): string {
  if (ms % 86_400_000 === 0) return ms === 86_400_000 ? "day" : `${ms / 86_400_000} days`;
  if (ms % 3_600_000 === 0) return ms === 3_600_000 ? "hour" : `${ms / 3_600_000} hours`;
  return ms === 60_000 ? "minute" : `${ms / 60_000} minutes`;
}
