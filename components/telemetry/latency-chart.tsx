"use client";
// The Latency tab: observed p50/p95/p99 against the declared budgets, calls and errors beneath on the
// same time axis, annotations as markers. The range lives in the URL; a range ending now refreshes
// every 30 s, and only while the tab is visible (TanStack Query pauses polling in hidden tabs).
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { usePathname, useRouter, useSearchParams } from "next/navigation";
import { Bar, BarChart, CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { fetchJson } from "@/lib/client/fetch-json";
import { ErrorNotice, LoadingRows } from "@/components/ui/states";

interface Point {
  t: string;
  count: number;
  errors: number;
  p50: number | null;
  p95: number | null;
  p99: number | null;
}
interface Latency {
  budget: { p50Ms: number | null; p95Ms: number | null; p99Ms: number };
  resolution: string;
  series: Point[];
}
interface Annotation {
  id: string;
  at: string;
  kind: string;
  title: string;
}

export const RANGES = { "1h": { ms: 3_600_000, step: "1m" }, "6h": { ms: 21_600_000, step: "5m" }, "24h": { ms: 86_400_000, step: "15m" }, "7d": { ms: 604_800_000, step: "1h" } } as const;
type Range = keyof typeof RANGES;

export const telemetryKeys = {
  latency: (key: string, range: string) => ["telemetry", "latency", key, range] as const,
  annotations: (key: string) => ["telemetry", "annotations", key] as const,
};

const time = (iso: string) => new Date(iso).toISOString().slice(11, 16);
const tooltipStyle = { background: "var(--surface)", border: "1px solid var(--border)", borderRadius: 6, fontSize: 12 };

export function LatencyChart({ integrationKey }: { integrationKey: string }) {
  const params = useSearchParams();
  const router = useRouter();
  const pathname = usePathname();
  const range: Range = (Object.keys(RANGES) as Range[]).find((r) => r === params.get("range")) ?? "6h";
  const latency = useQuery({
    queryKey: telemetryKeys.latency(integrationKey, range),
    queryFn: () => {
      const to = new Date();
      const from = new Date(to.getTime() - RANGES[range].ms);
      const q = new URLSearchParams({ from: from.toISOString(), to: to.toISOString(), step: RANGES[range].step });
      return fetchJson<Latency>(`/api/integrations/${encodeURIComponent(integrationKey)}/latency?${q}`);
    },
    refetchInterval: 30_000,
    staleTime: 15_000,
  });
  const annotations = useQuery({
    queryKey: telemetryKeys.annotations(integrationKey),
    queryFn: () => fetchJson<{ items: Annotation[] }>(`/api/annotations?integration=${encodeURIComponent(integrationKey)}`).then((r) => r.items),
    staleTime: 60_000,
  });

  const setRange = (r: Range) => {
    const next = new URLSearchParams(params);
    next.set("range", r);
    router.replace(`${pathname}?${next}`, { scroll: false });
  };

  const picker = (
    <div className="row" role="group" aria-label="Time range" style={{ marginBottom: ".75rem" }}>
      {(Object.keys(RANGES) as Range[]).map((r) => (
        <button key={r} className={`btn btn-sm ${r === range ? "btn-primary" : ""}`} aria-pressed={r === range} onClick={() => setRange(r)}>
          {r}
        </button>
      ))}
    </div>
  );
  if (latency.isPending) return <>{picker}<LoadingRows rows={4} /></>;
  if (latency.error) return <>{picker}<ErrorNotice error={latency.error} /></>;
  const data = latency.data.series.map((p) => ({ ...p, label: time(p.t), x: Date.parse(p.t) }));
  const calls = data.reduce((n, p) => n + p.count, 0);
  if (calls === 0) {
    return (
      <>
        {picker}
        <div className="card empty" data-testid="latency-empty">
          <h2>No telemetry yet for this range</h2>
          <p>
            Send OpenTelemetry traces for this integration and its latency appears here. <Link href="/settings/telemetry">Here is how to send some.</Link>
          </p>
        </div>
      </>
    );
  }
  const { budget } = latency.data;
  const inRange = (annotations.data ?? []).filter((a) => Date.parse(a.at) >= data[0]!.x && Date.parse(a.at) <= data.at(-1)!.x + 1);
  return (
    <>
      {picker}
      <div className="card" data-testid="latency-chart" role="img" aria-label={`Latency of ${integrationKey}: p50, p95 and p99 against a p99 budget of ${budget.p99Ms} ms, ${calls} calls`}>
        <LineChart responsive style={{ width: "100%", height: 280 }} data={data} margin={{ top: 16, right: 24, bottom: 4, left: 0 }}>
          <CartesianGrid strokeDasharray="3 3" vertical={false} />
          <XAxis dataKey="x" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => time(new Date(v).toISOString())} fontSize={11} />
          {/* The budget lines extend the axis: a budget far above the data must still show where it is. */}
          <YAxis unit=" ms" width={70} fontSize={11} />
          <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => new Date(Number(v)).toISOString().replace("T", " ").slice(0, 16)} />
          <ReferenceLine y={budget.p99Ms} ifOverflow="extendDomain" stroke="var(--danger)" strokeDasharray="6 3" label={{ value: `p99 budget ${budget.p99Ms} ms`, position: "insideTopRight", fontSize: 11, fill: "var(--danger)" }} />
          {budget.p95Ms !== null && <ReferenceLine y={budget.p95Ms} ifOverflow="extendDomain" stroke="var(--warning)" strokeDasharray="2 4" />}
          {inRange.map((a) => (
            <ReferenceLine key={a.id} x={Date.parse(a.at)} stroke="var(--accent)" label={{ value: a.kind === "decision" ? "◆" : a.kind === "deploy" ? "▲" : "!", position: "top", fontSize: 12 }} />
          ))}
          <Legend verticalAlign="top" height={24} iconType="plainline" wrapperStyle={{ fontSize: 12 }} />
          <Line dataKey="p50" name="p50" stroke="var(--ok)" dot={false} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="p95" name="p95" stroke="var(--warning)" dot={false} connectNulls={false} isAnimationActive={false} />
          <Line dataKey="p99" name="p99" stroke="var(--danger)" dot={false} strokeWidth={2} connectNulls={false} isAnimationActive={false} />
        </LineChart>
        <BarChart responsive style={{ width: "100%", height: 120 }} data={data} margin={{ top: 8, right: 24, bottom: 4, left: 0 }}>
          <XAxis dataKey="label" fontSize={11} />
          <YAxis width={70} fontSize={11} />
          <Tooltip contentStyle={tooltipStyle} />
          <Bar dataKey="count" name="calls" fill="var(--accent)" isAnimationActive={false} />
          <Bar dataKey="errors" name="errors" fill="var(--danger)" isAnimationActive={false} />
        </BarChart>
        <p className="muted" style={{ margin: ".25rem 0 0", fontSize: ".85rem" }}>
          {latency.data.resolution} buckets · percentiles within 1 % of the exact values · markers: ◆ decision accepted, ▲ deploy, ! incident
        </p>
      </div>
      {inRange.length > 0 && (
        <ul className="muted" data-testid="annotation-list">
          {inRange.map((a) => (
            <li key={a.id}>
              {new Date(a.at).toISOString().replace("T", " ").slice(0, 16)} UTC — {a.title}
            </li>
          ))}
        </ul>
      )}
    </>
  );
}
