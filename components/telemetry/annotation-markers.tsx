"use client";
// Annotation markers drawn inside a Recharts chart at their time, each with a tooltip on hover or focus
// (kind, time, title) rendered as HTML over the chart, so long titles wrap.
import { usePlotArea, useXAxisScale } from "recharts";
import { useTimeZone } from "@/components/ui/time-zone";
import type { Annotation } from "./queries";
import css from "./telemetry.module.css";

const GLYPH: Record<string, string> = { decision: "◆", deploy: "▲", incident: "!" };
const KIND: Record<string, string> = { decision: "Decision accepted", deploy: "Deploy", incident: "Incident" };

export interface HoveredAnnotation {
  annotation: Annotation;
  /** Pixels from the chart's left edge. */
  x: number;
}

/** Lines and glyphs inside the chart's SVG; reports which marker is hovered or focused. */
export function AnnotationMarkers({ annotations, onHover }: { annotations: Annotation[]; onHover: (h: HoveredAnnotation | null) => void }) {
  const xScale = useXAxisScale();
  const plot = usePlotArea();
  const tz = useTimeZone();
  if (!xScale || !plot) return null;
  return (
    <g className={css.markers}>
      {annotations.map((a) => {
        const x = xScale(Date.parse(a.at));
        if (x === undefined || x < plot.x - 1 || x > plot.x + plot.width + 1) return null;
        const show = () => onHover({ annotation: a, x });
        return (
          <g
            key={a.id}
            data-testid="annotation-marker"
            tabIndex={0}
            role="button"
            aria-label={`${KIND[a.kind] ?? a.kind}: ${a.title}, ${tz.full(a.at)}`}
            onMouseEnter={show}
            onFocus={show}
            onMouseLeave={() => onHover(null)}
            onBlur={() => onHover(null)}
          >
            <line x1={x} x2={x} y1={plot.y} y2={plot.y + plot.height} stroke="var(--accent)" strokeDasharray="3 3" />
            {/* A generous invisible hit area: a 1-px line is hard to hover. */}
            <rect x={x - 9} y={plot.y - 18} width={18} height={plot.height + 18} fill="transparent" />
            <circle cx={x} cy={plot.y - 8} r={8} fill="var(--surface)" stroke="var(--accent)" />
            <text x={x} y={plot.y - 4.5} textAnchor="middle" fontSize={9} fill="var(--accent)">
              {GLYPH[a.kind] ?? "•"}
            </text>
          </g>
        );
      })}
    </g>
  );
}

export function AnnotationTooltip({ hovered }: { hovered: HoveredAnnotation | null }) {
  const tz = useTimeZone();
  if (!hovered) return null;
  const { annotation: a, x } = hovered;
  return (
    <div role="tooltip" className={css.tooltip} style={{ left: x, top: 0 }} data-testid="annotation-tooltip">
      <strong>{KIND[a.kind] ?? a.kind}</strong> · {tz.full(a.at)}
      <div>{a.title}</div>
    </div>
  );
}
