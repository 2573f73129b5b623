"use client";
// The journey's budget waterfall: each synchronous step's p99 budget laid end to end against the
// journey budget. Recharts has no waterfall, so each bar stacks an invisible offset segment first.
import { Bar, BarChart, CartesianGrid, ReferenceLine, Tooltip, XAxis, YAxis, type TooltipContentProps } from "recharts";
import type { Composition } from "@/lib/governance/budget-math";
import { formatMs } from "./format";
import css from "./governance.module.css";
import { useWidth } from "./use-width";
import { axisTicksMs, shortKey, waterfallRows, type WaterfallRow } from "./waterfall-data";

const ROW_PX = 36;
const CHAR_PX = 6.9; // average glyph width of the 12px axis font, for truncating labels

function StepTooltip({ active, payload, measure = "p99 budget" }: Partial<TooltipContentProps<number, string>> & { measure?: string }) {
  const row = payload?.[0]?.payload as WaterfallRow | undefined;
  if (!active || !row) return null;
  return (
    <div className={css.tooltip}>
      <strong>
        {row.position}. {row.key}
      </strong>
      <div>
        {measure} {formatMs(row.budgetP99Ms)} · from {formatMs(row.offsetMs)} to {formatMs(row.endMs)}
      </div>
      {row.overMs > 0 && <div className={css.over}>{formatMs(row.overMs)} past the journey budget</div>}
    </div>
  );
}

/** `measure` names what each bar is (the what-if lays simulated p99s end to end, not budgets). */
export function BudgetWaterfall({ composition, measure = "p99 budget" }: { composition: Composition; measure?: string }) {
  const { ref, width } = useWidth<HTMLDivElement>();
  const rows = waterfallRows(composition);
  // On a phone the names would be cut to a few letters; the step numbers match the table below instead.
  const narrow = width < 520;
  const axisWidth = narrow ? 34 : Math.round(Math.min(240, Math.max(120, width * 0.3)));
  const maxChars = Math.floor((axisWidth - 12) / CHAR_PX);
  const label = (row: WaterfallRow | undefined) => {
    if (!row) return "";
    if (narrow) return `#${row.position}`;
    const text = `${row.position}. ${shortKey(row.key)}`;
    return text.length > maxChars ? `${text.slice(0, maxChars - 1)}…` : text;
  };
  const ticks = axisTicksMs(composition, narrow ? 4 : 7);

  return (
    <div ref={ref} className={css.chart} data-testid="waterfall" role="img" aria-label={`Budget waterfall: ${rows.length} synchronous steps adding up to ${formatMs(composition.syncTotalMs)} against a ${formatMs(composition.budgetP99Ms)} budget`}>
      <BarChart
        responsive
        style={{ width: "100%", height: 48 + rows.length * ROW_PX }}
        data={rows}
        layout="vertical"
        barCategoryGap={8}
        margin={{ top: 22, right: 16, bottom: 0, left: 0 }}
      >
        <CartesianGrid horizontal={false} strokeDasharray="3 3" />
        <XAxis type="number" domain={[0, ticks.at(-1) ?? "auto"]} ticks={ticks} interval={0} unit={narrow ? "" : " ms"} fontSize={12} />
        <YAxis
          type="category"
          dataKey="key"
          width={axisWidth}
          fontSize={12}
          interval={0}
          tickFormatter={(_: string, index: number) => label(rows[index])}
        />
        <Tooltip content={<StepTooltip measure={measure} />} cursor={{ fill: "var(--surface-2)" }} />
        <Bar dataKey="offsetMs" stackId="waterfall" fill="transparent" isAnimationActive={false} />
        <Bar dataKey="withinMs" stackId="waterfall" fill="var(--accent)" isAnimationActive={false} name="within budget" />
        <Bar dataKey="overMs" stackId="waterfall" fill="var(--danger)" isAnimationActive={false} name="past the budget" />
        <ReferenceLine
          x={composition.budgetP99Ms}
          stroke="var(--danger)"
          strokeWidth={2}
          strokeDasharray="5 3"
          label={{ value: `budget ${formatMs(composition.budgetP99Ms)}`, position: "top", fill: "var(--danger)", fontSize: 12 }}
        />
      </BarChart>
      {narrow && <p className="field-hint" style={{ margin: ".25rem 0 0" }}>Milliseconds since the request; bars are numbered as in the critical path below.</p>}
    </div>
  );
}
