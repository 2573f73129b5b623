"use client";
// Both SLOs of an integration point: compliance over the window, the error budget left (as a share and
// as calls), its burn-down, the burn rates per window, and the multi-window alert state with the
// window pair that set it.
import { CartesianGrid, Legend, Line, LineChart, ReferenceLine, Tooltip, XAxis, YAxis } from "recharts";
import { ErrorNotice } from "@/components/ui/states";
import { tooltipStyle } from "./latency-chart";
import { useTimeZone } from "@/components/ui/time-zone";
import { formatInZone, zoneClock } from "@/lib/format/time";
import type { BurnWindow, Slo, SloObjective } from "./queries";
import css from "./telemetry.module.css";
import { formatDurationExact } from "@/lib/format/duration";
import { useDragZoom } from "./use-drag-zoom";

const WINDOWS: BurnWindow[] = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"];
const pct = (v: number | null, digits = 2) => (v === null ? "—" : !Number.isFinite(v) ? "exhausted" : `${v.toFixed(digits)} %`);
const calls = (v: number | null) => (v === null ? "—" : `${Math.round(v).toLocaleString("en")} calls`);
const rate = (v: number) => (v === 0 ? "0" : v < 10 ? v.toFixed(2) : v.toFixed(1));

const STATE_LABEL = { ok: "OK", ticket: "Ticket", page: "Page" } as const;

/** A drag across a burn-down between two day ends: the Latency tab zooms to those days. */
type OnZoom = (aMs: number, bMs: number) => void;

function BurnDown({ objective, windowDays, testId, onZoom }: { objective: SloObjective; windowDays: number; testId: string; onZoom?: OnZoom }) {
  const startMs = Date.parse(objective.burnDown[0]?.t ?? "");
  const points = objective.burnDown.map((p) => ({
    x: Date.parse(p.t),
    remaining: p.remainingPercent === null ? null : Math.round(p.remainingPercent * 100) / 100,
    // Spending the budget evenly over the window: 100 % at its start, 0 at its end (the points are at midnights, not a day apart).
    even: Math.round((100 - (100 * (Date.parse(p.t) - startMs)) / (windowDays * 86_400_000)) * 100) / 100,
  }));
  const low = Math.min(0, ...points.map((p) => p.remaining ?? 0));
  // Ticks at the full budget, at zero (spent) and at the lowest point once overspent.
  const bottom = Math.floor(low / 25) * 25;
  const ticks = bottom < 0 ? [bottom, 0, 100] : [0, 50, 100];
  const { zone } = useTimeZone();
  const zoom = useDragZoom(onZoom);
  return (
    <div data-testid={testId} className={zoom.className} role="img" aria-label={`Error budget burn-down over ${windowDays} days: ${pct(objective.remainingPercent, 1)} left`}>
      <LineChart responsive style={{ width: "100%", height: 170 }} data={points} margin={{ top: 8, right: 12, bottom: 0, left: 0 }} {...zoom.handlers}>
        <CartesianGrid strokeDasharray="3 3" vertical={false} stroke="var(--border)" />
        <XAxis dataKey="x" type="number" scale="time" domain={["dataMin", "dataMax"]} tickFormatter={(v: number) => zoneClock(v, zone).wall.slice(5, 10)} fontSize={11} stroke="var(--muted)" />
        <YAxis width={48} fontSize={11} stroke="var(--muted)" unit="%" domain={[bottom, 100]} ticks={ticks} />
        <Tooltip contentStyle={tooltipStyle} labelFormatter={(v) => formatInZone(Number(v), zone)} formatter={(v) => (typeof v === "number" ? `${v} %` : "—")} />
        <Legend verticalAlign="top" height={20} iconType="plainline" wrapperStyle={{ fontSize: 11, top: 0 }} />
        <ReferenceLine y={0} stroke="var(--danger)" />
        <Line dataKey="even" name="even spend" stroke="var(--muted)" strokeDasharray="4 4" dot={false} isAnimationActive={false} />
        <Line dataKey="remaining" name="budget left" stroke="var(--accent)" strokeWidth={2} dot={false} connectNulls={false} isAnimationActive={false} />
        {zoom.area()}
      </LineChart>
    </div>
  );
}

function Objective({ name, objective, windowDays, testId, silentSince, onZoom }: { name: string; objective: SloObjective; windowDays: number; testId: string; silentSince: string | null; onZoom?: OnZoom }) {
  const { alert } = objective;
  // Silence burns no budget, so every rate is 0: say there is nothing to measure rather than "OK".
  const silent = silentSince !== null;
  const tz = useTimeZone();
  const fired = (t: SloObjective["alert"]["thresholds"][number]) => objective.burnRates[t.long] >= t.factor && objective.burnRates[t.short] >= t.factor;
  return (
    <section className="card" data-testid={testId} aria-label={`${name} SLO`}>
      <div className="row" style={{ justifyContent: "space-between" }}>
        <h3 className={css.cardTitle}>{name}</h3>
        <span className={`${css.alert} ${silent ? "" : css[`alert-${alert.state}`]}`} data-testid="alert-state" data-state={silent ? "no-data" : alert.state}>
          {silent ? "No data" : STATE_LABEL[alert.state]}
        </span>
      </div>
      <p className={css.alertReason} data-testid="alert-reason">
        {silent
          ? `No data since ${tz.full(silentSince)}: with no calls nothing burns, which is not the same as meeting the objective.`
          : alert.state === "ok"
            ? "No window pair burns fast enough to alert."
            : `${STATE_LABEL[alert.state]}: ${alert.reason}.`}
      </p>
      <dl className={css.figures}>
        <div>
          <dt>Compliance</dt>
          <dd data-testid="compliance">{pct(objective.compliancePercent, 3)}</dd>
          <dd className="muted">target {objective.targetPercent} % · {objective.good.toLocaleString("en")} good of {objective.total.toLocaleString("en")}</dd>
        </div>
        <div>
          <dt>Error budget left</dt>
          <dd data-testid="budget-remaining" className={objective.remainingPercent !== null && objective.remainingPercent < 0 ? css.bad : undefined}>
            {pct(objective.remainingPercent, 1)}
          </dd>
          <dd className="muted">{calls(objective.remainingCalls)}</dd>
        </div>
      </dl>
      <BurnDown objective={objective} windowDays={windowDays} testId={`${testId}-burn-down`} onZoom={onZoom} />
      <div className="table-wrap" style={{ marginTop: ".75rem" }}>
        <table className={css.burnTable} data-testid="burn-rates">
          <caption className="sr-only">Burn rates per window (1 spends exactly the budget over {windowDays} days)</caption>
          <thead>
            <tr>
              <th scope="row">Window</th>
              {WINDOWS.map((w) => (
                <th key={w} scope="col">
                  {w}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            <tr>
              <th scope="row">Burn rate</th>
              {WINDOWS.map((w) => (
                <td key={w} data-window={w}>
                  {rate(objective.burnRates[w])}
                </td>
              ))}
            </tr>
          </tbody>
        </table>
      </div>
      <ul className={css.conditions} aria-label="Alert conditions">
        {alert.thresholds.map((t) => (
          <li key={`${t.long}-${t.short}`} data-fired={fired(t) || undefined}>
            <span className={css[`alert-${t.severity}`]}>{t.severity}</span> when {t.long} ({rate(objective.burnRates[t.long])}) and {t.short} ({rate(objective.burnRates[t.short])}) both burn ≥ {t.factor}
            {fired(t) ? " — firing" : ""}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** `onZoom`: a drag across a burn-down, from one day's end to another's. */
export function SloPanel({ slo, error, pending, silentSince = null, onZoom }: { slo: Slo | undefined; error: unknown; pending: boolean; silentSince?: string | null; onZoom?: OnZoom }) {
  return (
    <section aria-labelledby="slo-heading" data-testid="slo-panel" className={css.sloPanel}>
      <h2 id="slo-heading" className={css.sectionTitle}>
        SLOs and burn rates
      </h2>
      {pending ? (
        <div className={css.sloGrid} role="status" aria-busy="true" aria-label="Loading SLOs">
          {[0, 1].map((i) => (
            <div key={i} className="card">
              <div className="skeleton" style={{ width: "40%" }} />
              <div className="skeleton" style={{ height: "6rem", marginTop: ".75rem" }} />
            </div>
          ))}
        </div>
      ) : error || !slo ? (
        <ErrorNotice error={error} />
      ) : (
        <>
          <p className="muted" style={{ marginTop: 0 }}>
            Over the rolling {slo.windowDays}-day window{onZoom ? " (drag across a burn-down to chart those days above)" : ""}. Alert factors are the SRE workbook&apos;s for 30 days, scaled to {slo.windowDays} days.
            {slo.availability.total === 0 && " No calls in the window yet: the SLOs start counting when telemetry arrives."}
          </p>
          <div className={css.sloGrid}>
            <Objective name="Availability (non-error calls)" objective={slo.availability} windowDays={slo.windowDays} testId="slo-availability" silentSince={silentSince} onZoom={onZoom} />
            <Objective name={`Latency (calls within ${formatDurationExact(slo.latency.thresholdMs)})`} objective={slo.latency} windowDays={slo.windowDays} testId="slo-latency" silentSince={silentSince} onZoom={onZoom} />
          </div>
        </>
      )}
    </section>
  );
}
