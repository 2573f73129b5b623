"use client";
// Daily p99 of the last 35 days as a sparkline, with the p99 budget as a dashed reference line
// (the axis stretches to include it, so the distance left to the budget is visible at a glance).
// With only a few days of calls there is no line to speak of, so the days show as dots. Annotations
// (deploys, incidents, accepted decisions) are vertical marks on their day, labelled by kind when they
// fall near the change point: the likely cause is read beside the change.
import { useSyncExternalStore } from "react";
import { Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { msLabel } from "./format";
import type { DailyPoint, DriftAnnotation } from "@/lib/slo/drift-row";

const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 11, color: "var(--text)", padding: "2px 6px" };

const KIND_LETTER: Record<string, string> = { deploy: "D", incident: "I", decision: "A" };

const noSubscription = () => () => undefined;
/**
 * False on the server and while hydrating, true after: the server sends each sparkline's frame and
 * label, and the browser draws the chart. Rendering the board's 200 Recharts charts on the server was
 * about half of the /drift page's time beyond the board itself.
 */
const useInBrowser = () => useSyncExternalStore(noSubscription, () => true, () => false);

export function DriftSparkline({
  integrationKey,
  daily,
  budgetP99Ms,
  overBudget,
  annotations = [],
}: {
  integrationKey: string;
  daily: DailyPoint[];
  budgetP99Ms: number;
  overBudget: boolean;
  annotations?: DriftAnnotation[];
}) {
  const inBrowser = useInBrowser();
  const seen = daily.filter((d) => d.p99Ms !== null);
  const first = seen[0]?.p99Ms;
  const last = seen[seen.length - 1]?.p99Ms;
  const label = `Daily p99 of ${integrationKey} over ${daily.length} days${first != null && last != null ? `, from ${msLabel(first)} to ${msLabel(last)}` : ""}, budget ${msLabel(budgetP99Ms)}${annotations.length ? `, ${annotations.length} annotation${annotations.length === 1 ? "" : "s"}` : ""}`;
  // The tooltip's day gets the titles of that day's annotations.
  const marks = new Map<string, string[]>();
  for (const a of annotations) marks.set(a.day, [...(marks.get(a.day) ?? []), `${a.kind}: ${a.title}`]);
  return (
    <div role="img" aria-label={label} data-testid="drift-sparkline" style={{ width: 168, height: 44 }}>
      {inBrowser && (
        <LineChart width={168} height={44} data={daily} margin={{ top: 4, right: 2, bottom: 4, left: 2 }}>
          <XAxis dataKey="day" hide />
          <YAxis hide domain={[0, "auto"]} />
          {annotations.map((a, i) => (
            <ReferenceLine
              key={`${a.at} ${i}`}
              x={a.day}
              className={a.nearChange ? "drift-annotation drift-annotation-near" : "drift-annotation"}
              stroke={a.nearChange ? "var(--warning)" : "var(--muted)"}
              strokeWidth={a.nearChange ? 1.5 : 1}
              label={a.nearChange ? { value: KIND_LETTER[a.kind] ?? "•", position: "insideTopLeft", fontSize: 9, fill: "var(--text)" } : undefined}
            />
          ))}
          <ReferenceLine y={budgetP99Ms} ifOverflow="extendDomain" stroke="var(--danger)" strokeDasharray="4 3" />
          <Tooltip
            contentStyle={tooltipStyle}
            labelFormatter={(_, payload) => {
              const day = String(payload?.[0]?.payload?.day ?? "");
              return [day, ...(marks.get(day) ?? [])].join(" · ");
            }}
            formatter={(v) => [typeof v === "number" ? msLabel(v) : "—", "p99"]}
            cursor={{ stroke: "var(--border)" }}
          />
          <Line dataKey="p99Ms" stroke={overBudget ? "var(--danger)" : "var(--accent)"} strokeWidth={1.5} dot={seen.length < 4 ? { r: 2 } : false} connectNulls isAnimationActive={false} />
        </LineChart>
      )}
    </div>
  );
}
