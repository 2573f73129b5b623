// The drift board's rows: baseline against recent p99, the change, the trend as a sparkline with the
// budget, since when it has been drifting and when it would breach. Ranked on the server.
import Link from "next/link";
import { LocalTime } from "@/components/ui/time-zone";
import { msLabel } from "./format";
import type { DriftRow } from "@/lib/slo/drift-board";
import { DriftSparkline } from "./drift-sparkline";
import css from "./drift.module.css";

const latencyHref = (key: string) => `/catalog/${encodeURIComponent(key)}?tab=latency`;

function Change({ row }: { row: DriftRow }) {
  if (row.changeMs === null || row.changePercent === null) return <span className="muted">no baseline</span>;
  const sign = row.changeMs > 0 ? "+" : row.changeMs < 0 ? "−" : "±";
  const tone = row.changePercent >= 5 ? css.up : row.changePercent <= -5 ? css.down : "";
  return (
    <span className={tone}>
      {sign}
      {msLabel(Math.abs(row.changeMs))}
      <div className={css.sub}>
        {sign}
        {Math.abs(row.changePercent).toFixed(1)} %
      </div>
    </span>
  );
}

function Breach({ row }: { row: DriftRow }) {
  if (row.overBudget) return <span className={`badge ${css.over}`}>over budget</span>;
  if (!row.projectedBreachAt) return <span className="muted">not heading there</span>;
  return (
    <span>
      <time dateTime={row.projectedBreachAt}>{row.projectedBreachAt}</time>
      {row.daysToBreach !== null && <div className={css.sub}>in {Math.ceil(row.daysToBreach)} days</div>}
    </span>
  );
}

/** A persisting shift's start; else an ended episode (an incident) said as such, so it is not read as drift. */
function DriftingSince({ row }: { row: DriftRow }) {
  if (row.driftingSince) return <time dateTime={row.driftingSince}>{row.driftingSince}</time>;
  const e = row.lastEpisode;
  if (!e) return <span className="muted">—</span>;
  return (
    <span className="muted" data-testid="drift-episode">
      —
      <div className={css.sub}>
        spike <time dateTime={e.since}>{e.since}</time>
        {e.until !== e.since && (
          <>
            {" "}
            to <time dateTime={e.until}>{e.until}</time>
          </>
        )}
        , back to baseline
      </div>
    </span>
  );
}

/** The annotations near the change point (or the episode): what happened around then. */
function NearChange({ row }: { row: DriftRow }) {
  const near = row.annotations.filter((a) => a.nearChange);
  if (!near.length) return null;
  return (
    <ul className={css.marks} aria-label="Annotations near the change" data-testid="drift-near-annotations">
      {near.map((a, i) => (
        <li key={`${a.at} ${i}`} data-kind={a.kind}>
          <span className="badge">{a.kind}</span> <time dateTime={a.at}>{a.day}</time>{" "}
          {a.link ? (
            <a href={a.link} title={a.title}>
              {a.title}
            </a>
          ) : (
            <span title={a.title}>{a.title}</span>
          )}
        </li>
      ))}
    </ul>
  );
}

function KeyCell({ row, budget = false }: { row: DriftRow; budget?: boolean }) {
  return (
    <td>
      <Link className={css.key} href={latencyHref(row.key)}>
        {row.key}
      </Link>
      <div className={css.sub}>
        {row.sourceService} → {row.targetService} · {row.team}
        {budget && ` · budget ${msLabel(row.budgetP99Ms)}`}
      </div>
    </td>
  );
}

export function DriftTable({ items }: { items: DriftRow[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="drift-board">
        <thead>
          <tr>
            <th>Integration point</th>
            <th className={css.num}>Baseline p99</th>
            <th className={css.num}>Recent p99 (7 d · 24 h)</th>
            <th className={css.num}>Change</th>
            <th>Daily p99, 35 days</th>
            <th>Drifting since</th>
            <th>Projected breach</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.key} data-testid="drift-row" data-key={row.key}>
              <KeyCell row={row} budget />
              <td className={css.num}>{msLabel(row.baselineP99Ms)}</td>
              <td className={css.num}>
                {msLabel(row.recent7dP99Ms)}
                <div className={css.sub}>{msLabel(row.recent24hP99Ms)}</div>
              </td>
              <td className={css.num}>
                <Change row={row} />
              </td>
              <td>
                <DriftSparkline integrationKey={row.key} daily={row.daily} budgetP99Ms={row.budgetP99Ms} overBudget={row.overBudget} annotations={row.annotations} />
                {row.slopePercentPerDay !== null && (
                  <div className={css.sub}>
                    trend {row.slopePercentPerDay > 0 ? "+" : ""}
                    {row.slopePercentPerDay.toFixed(1)} %/day
                  </div>
                )}
              </td>
              <td>
                <DriftingSince row={row} />
                <NearChange row={row} />
              </td>
              <td>
                <Breach row={row} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

/** Silent integration points apart: no calls means no drift to measure, not "±0 ms, not heading there". */
export function SilentTable({ items }: { items: DriftRow[] }) {
  return (
    <div className="table-wrap">
      <table data-testid="drift-silent">
        <thead>
          <tr>
            <th>Integration point</th>
            <th>No calls since</th>
            <th className={css.num}>Baseline p99</th>
            <th>Daily p99, 35 days</th>
          </tr>
        </thead>
        <tbody>
          {items.map((row) => (
            <tr key={row.key} data-testid="silent-row" data-key={row.key}>
              <KeyCell row={row} />
              <td>
                <span className="badge">Silent</span> <LocalTime at={row.silentSince!} />
              </td>
              <td className={css.num}>{msLabel(row.baselineP99Ms)}</td>
              <td>
                <DriftSparkline integrationKey={row.key} daily={row.daily} budgetP99Ms={row.budgetP99Ms} overBudget={false} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
