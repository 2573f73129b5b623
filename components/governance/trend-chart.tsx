"use client";
// A team's share of passing integration points over the daily snapshots. With a single snapshot there
// is no line yet, so that one day is drawn as a dot and the caption says the trend is just starting.
import { plural } from "@/lib/format/plural";
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from "recharts";
import css from "./governance.module.css";

export interface TrendPoint {
  day: string;
  passingPercent: number;
  level: string;
}

export function TrendChart({ trend, team }: { trend: TrendPoint[]; team: string }) {
  const latest = trend.at(-1);
  const summary = latest ? `${plural(trend.length, "daily snapshot")}, latest ${latest.passingPercent}% passing on ${latest.day}` : "No snapshots yet";
  return (
    <figure style={{ margin: 0 }}>
      <div className={css.trend} role="img" aria-label={`Passing trend for ${team}: ${summary}`}>
        <LineChart responsive style={{ width: "100%", height: 80 }} data={trend} margin={{ top: 6, right: 8, bottom: 6, left: 0 }}>
          <CartesianGrid vertical={false} strokeDasharray="3 3" />
          <XAxis dataKey="day" hide />
          <YAxis domain={[0, 100]} ticks={[0, 50, 100]} width={40} unit="%" fontSize={11} tickLine={false} axisLine={false} />
          <Tooltip
            formatter={(v) => [`${String(v)}%`, "passing"]}
            contentStyle={{ background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 }}
            labelStyle={{ color: "var(--muted)" }}
          />
          <Line type="monotone" dataKey="passingPercent" stroke="var(--ok)" strokeWidth={2} dot={{ r: 3, fill: "var(--ok)" }} isAnimationActive={false} />
        </LineChart>
      </div>
      <figcaption className="field-hint">{trend.length <= 1 ? "Trend starts today: a snapshot is kept each day." : `Last ${trend.length} days`}</figcaption>
    </figure>
  );
}
