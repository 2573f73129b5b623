// The journey's steps in words: the synchronous critical path with where each step starts and ends,
// and the asynchronous steps, which the user does not wait for, in a lane of their own.
import Link from "next/link";
import type { JourneyView } from "@/lib/governance/journeys";
import { formatMs, integrationHref } from "./format";
import css from "./governance.module.css";

export function CriticalPathTable({ journey }: { journey: JourneyView }) {
  const budget = journey.composition.budgetP99Ms;
  const sync = journey.composition.steps.map((s, i) => ({ ...s, position: i + 1, detail: journey.stepDetails[i] })).filter((s) => s.synchronous);
  if (!sync.length) return null;
  return (
    <div className="table-wrap">
      <table className={css.stepsTable} aria-label="Synchronous steps">
        <thead>
          <tr>
            <th>#</th>
            <th>Step</th>
            <th>Style</th>
            <th className={css.num}>p99 budget</th>
            <th className={css.num}>Starts</th>
            <th className={css.num}>Ends</th>
          </tr>
        </thead>
        <tbody>
          {sync.map((s) => {
            const endMs = s.offsetMs + s.budgetP99Ms;
            return (
              <tr key={s.key} data-testid="sync-step">
                <td className="muted">{s.position}</td>
                <td>
                  <Link className={css.key} href={integrationHref(s.key)}>
                    {s.key}
                  </Link>
                  {s.detail && s.detail.lifecycle !== "active" && <span className="badge" style={{ marginLeft: 6 }}>{s.detail.lifecycle}</span>}
                </td>
                <td className="mono">{s.detail?.style ?? "sync"}</td>
                <td className={css.num}>{formatMs(s.budgetP99Ms)}</td>
                <td className={css.num}>{formatMs(s.offsetMs)}</td>
                <td className={`${css.num} ${endMs > budget ? css.over : ""}`}>
                  {formatMs(endMs)}
                  {endMs > budget && <span className="sr-only"> (past the journey budget)</span>}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}

export function AsyncLane({ journey }: { journey: JourneyView }) {
  const steps = journey.composition.steps.map((s, i) => ({ ...s, position: i + 1, detail: journey.stepDetails[i] })).filter((s) => !s.synchronous);
  return (
    <section className={css.lane} aria-labelledby="async-lane" data-testid="async-lane">
      <h3 id="async-lane">Off the critical path</h3>
      {steps.length === 0 ? (
        <p className="muted" style={{ margin: 0 }}>
          Every step is synchronous: the user waits for all of them.
        </p>
      ) : (
        <>
          <p className="field-hint" style={{ margin: "0 0 .4rem" }}>
            Asynchronous steps start once the chain reaches them; the user does not wait for them, so they do not count against the journey budget.
          </p>
          <ul className={css.laneList}>
            {steps.map((s) => (
              <li key={s.key} data-testid="async-step">
                <span className="muted">{s.position}.</span>
                <Link className={css.key} href={integrationHref(s.key)}>
                  {s.key}
                </Link>
                <span />
                <span className={css.laneMeta}>
                  <span className="badge mono">{s.detail?.style ?? "async"}</span>
                  <span className="muted">
                    triggered at {formatMs(s.offsetMs)} · delivery p99 budget {formatMs(s.budgetP99Ms)}
                  </span>
                </span>
              </li>
            ))}
          </ul>
        </>
      )}
    </section>
  );
}
