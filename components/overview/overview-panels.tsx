// The overview's panels: each a short list and a link to the full, filtered list behind it.
import { plural, pluralNoun } from "@/lib/format/plural";
import Link from "next/link";
import type { ReactNode } from "react";
import { integrationHref } from "@/components/catalog/labels";
import type { BurningSlo, EstateOverview } from "@/lib/overview/estate-overview";
import css from "./overview.module.css";
import { KeyText } from "@/components/catalog/key-text";
import { Clipped } from "@/components/ui/clipped";
import { LocalTime } from "@/components/ui/time-zone";

const burn = (v: number) => `${v >= 10 ? v.toFixed(0) : v.toFixed(1)}×`;
const ALERT_TONE: Record<BurningSlo["alert"], string> = { ok: "", ticket: "var(--warning)", page: "var(--danger)" };

function Panel({ title, href, linkText, testId, children }: { title: string; href: string; linkText: string; testId: string; children: ReactNode }) {
  return (
    <section className="card" data-testid={testId} aria-labelledby={`${testId}-title`}>
      <h2 className={css.panelTitle} id={`${testId}-title`}>
        <span>{title}</span>
        <Link href={href}>{linkText}</Link>
      </h2>
      {children}
    </section>
  );
}

export function BurningPanel({ items }: { items: BurningSlo[] }) {
  return (
    <Panel title="Burning fastest" href="/catalog?status=breaching" linkText="Breaching →" testId="overview-burning">
      {items.length === 0 ? (
        <p className={css.quiet}>No SLO is spending its error budget in the last hour.</p>
      ) : (
        <ul className={css.list}>
          {items.map((s) => (
            <li key={`${s.key} ${s.objective}`} data-testid="burning-slo">
              <span className={css.key}>
                <Link href={`${integrationHref(s.key)}?tab=latency`} className="mono">
                  <KeyText value={s.key} />
                </Link>{" "}
                <span className={css.meta}>
                  {s.objective} {s.targetPercent} %{s.alert !== "ok" && <strong style={{ color: ALERT_TONE[s.alert] }}> · {s.alert}</strong>}
                </span>
              </span>
              <span className={css.figure} title={`Burn rate over 1 h (6 h: ${burn(s.burnRate6h)})`}>
                {burn(s.burnRate1h)} /1h
              </span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function DriftPanel({ items }: { items: EstateOverview["drifting"] }) {
  return (
    <Panel title="Drifting the most" href="/drift" linkText="Drift board →" testId="overview-drift">
      {items.length === 0 ? (
        <p className={css.quiet}>No integration point&apos;s p99 has risen above its 28-day baseline.</p>
      ) : (
        <ul className={css.list}>
          {items.map((d) => (
            <li key={d.key} data-testid="drifting-integration">
              <span className={css.key}>
                <Link href={`${integrationHref(d.key)}?tab=latency`} className="mono">
                  <KeyText value={d.key} />
                </Link>
                {d.projectedBreachAt && <span className={css.meta}> · over budget by {d.projectedBreachAt}</span>}
              </span>
              <span className={css.figure}>+{Math.round(d.changePercent ?? 0)} %</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function SilentPanel({ silent }: { silent: EstateOverview["silent"] }) {
  return (
    <Panel title="Silent" href="/catalog?status=silent" linkText="All silent →" testId="overview-silent">
      {silent.count === 0 ? (
        <p className={css.quiet}>Every integration point that had calls still has them.</p>
      ) : (
        <>
          <p className={css.meta} style={{ margin: "0 0 .4rem" }}>
            {plural(silent.count, "integration point")} with calls once and none lately: silence is not health.
          </p>
          <ul className={`${css.list} ${css.wrapping}`}>
            {silent.top.map((s) => (
              <li key={s.key} data-testid="silent-integration">
                <span className={css.key}>
                  <Link href={`${integrationHref(s.key)}?tab=latency`} className="mono">
                    <KeyText value={s.key} />
                  </Link>
                </span>
                <span className={css.figure}>no calls since <LocalTime at={s.lastSeenAt} /></span>
              </li>
            ))}
          </ul>
        </>
      )}
    </Panel>
  );
}

export function EdgesPanel({ edges }: { edges: EstateOverview["observedEdges"] }) {
  return (
    <Panel title="Undeclared edges" href="/catalog/observed" linkText="Observed edges →" testId="overview-edges">
      <Link href="/catalog/observed" className={css.bigLink} data-testid="observed-edge-count">
        {edges.count}
      </Link>{" "}
      <span className={css.meta}>{pluralNoun(edges.count, "edge")} with traffic that no integration point declares</span>
      {edges.top.length > 0 && (
        <ul className={css.list} style={{ marginTop: ".5rem" }}>
          {edges.top.map((e) => (
            <li key={`${e.source}->${e.target}`}>
              <span className={`mono ${css.key}`}>
                <Clipped text={e.source} max={40} /> → <Clipped text={e.target} max={40} />
              </span>
              <span className={css.figure}>{e.calls.toLocaleString("en")} calls</span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}

export function DecisionsPanel({ decisions }: { decisions: EstateOverview["decisions"] }) {
  return (
    <Panel title="Decisions" href="/decisions" linkText="All decisions →" testId="overview-decisions">
      <Link href={decisions.href} className={css.bigLink} data-testid="decisions-awaiting">
        {decisions.awaitingReview}
      </Link>{" "}
      <span className={css.meta}>{decisions.label.toLowerCase()}</span>
    </Panel>
  );
}

export function AnnotationsPanel({ items }: { items: EstateOverview["annotations"] }) {
  return (
    <Panel title="Recent annotations" href="/catalog" linkText="Catalog →" testId="overview-annotations">
      {items.length === 0 ? (
        <p className={css.quiet}>
          No deploys, incidents or accepted decisions in the last two weeks. CI pipelines mark deploys with <code>POST /api/annotations</code>.
        </p>
      ) : (
        // In a third of the page a time beside the title left the title a word wide: the time goes under it.
        <ul className={`${css.list} ${css.stacked}`}>
          {items.map((a) => (
            <li key={a.id} data-testid="recent-annotation">
              <span className={css.key}>
                <span className="badge">{a.kind}</span> {a.link ? <a href={a.link}>{a.title}</a> : a.title}
                {a.integrations[0] && (
                  <span className={css.meta}>
                    {" "}
                    · <Link href={`${integrationHref(a.integrations[0])}?tab=latency`}>{a.integrations[0]}</Link>
                    {a.integrations.length > 1 && ` +${a.integrations.length - 1}`}
                  </span>
                )}
              </span>
              <span className={css.figure}><LocalTime at={a.at} /></span>
            </li>
          ))}
        </ul>
      )}
    </Panel>
  );
}
