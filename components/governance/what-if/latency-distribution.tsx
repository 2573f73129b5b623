"use client";
// The two end-to-end latency distributions as quantile curves (latency at each percentile), with
// the journey budget: where the scenario's tail moves relative to the baseline's.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import type { SimulationResult } from "@/lib/governance/simulate/engine";

const label = (q: number) => (q === 0 ? "min" : q === 1 ? "max" : `p${Math.round(q * 1000) / 10}`);

export function LatencyDistribution({ baseline, scenario }: { baseline: SimulationResult; scenario: SimulationResult }) {
  // Both share the same quantiles; drop the extremes' max, which is one request.
  const data = baseline.distribution
    .map((b, i) => ({ q: label(b.q), baseline: b.ms, scenario: scenario.distribution[i]?.ms ?? null }))
    .filter((d) => d.q !== "max");
  return (
    <div data-testid="latency-distribution" role="img" aria-label={`Latency by percentile: baseline p99 ${baseline.p99Ms} ms, scenario p99 ${scenario.p99Ms} ms, budget ${baseline.budgetP99Ms} ms`}>
      <LineChart responsive style={{ width: "100%", height: 260 }} data={data} margin={{ top: 16, right: 16, bottom: 0, left: 0 }}>
        <CartesianGrid strokeDasharray="3 3" />
        <XAxis dataKey="q" fontSize={12} interval="preserveStartEnd" />
        <YAxis fontSize={12} unit=" ms" width={70} />
        <Tooltip formatter={(v) => `${v} ms`} />
        <Legend />
        <ReferenceLine y={baseline.budgetP99Ms} stroke="var(--danger)" strokeDasharray="5 3" label={{ value: "budget", position: "insideTopLeft", fill: "var(--danger)", fontSize: 12 }} />
        <Line type="monotone" dataKey="baseline" stroke="var(--muted)" strokeWidth={2} dot={false} isAnimationActive={false} />
        <Line type="monotone" dataKey="scenario" stroke="var(--accent)" strokeWidth={2} dot={false} isAnimationActive={false} />
      </LineChart>
    </div>
  );
}
