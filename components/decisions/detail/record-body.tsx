// The record itself, MADR-shaped: context, drivers, options with pros and cons, outcome, consequences,
// confirmation, then people and links. User text is Markdown through the sanitizing renderer.
import Link from "next/link";
import type { ReactNode } from "react";
import { Markdown } from "@/components/catalog/markdown";
import type { DecisionView } from "@/lib/decisions/records";
import { formatNumber } from "@/lib/decisions/workflow";
import { decisionHref, integrationHref, journeyHref } from "../labels";
import css from "../decisions.module.css";
import { LocalTime } from "@/components/ui/time-zone";

function Section({ title, id, children }: { title: string; id: string; children: ReactNode }) {
  return (
    <section className={`card ${css.section}`} aria-labelledby={id} data-testid="record-section">
      <h2 id={id}>{title}</h2>
      {children}
    </section>
  );
}

const None = ({ children = "Not written yet." }: { children?: ReactNode }) => <p className={css.none} style={{ margin: 0 }}>{children}</p>;

function Text({ value }: { value: string }) {
  return value.trim() ? <Markdown>{value}</Markdown> : <None />;
}

function Bullets({ items, kind }: { items: string[]; kind?: "pro" | "con" }) {
  if (items.length === 0) return <None>None recorded.</None>;
  return (
    <ul className={css.bullets}>
      {items.map((item, i) => (
        <li key={i} className={kind ? css[kind] : undefined}>
          {item}
        </li>
      ))}
    </ul>
  );
}

function Names({ items, empty = "—" }: { items: ReactNode[]; empty?: string }) {
  return items.length ? <ul className={css.linkList}>{items.map((n, i) => <li key={i}>{n}</li>)}</ul> : <span className={css.none}>{empty}</span>;
}

export function RecordBody({ record }: { record: DecisionView }) {
  const r = record;
  return (
    <>
      <Section title="Context and problem statement" id="record-context">
        <Text value={r.context} />
      </Section>
      <Section title="Decision drivers" id="record-drivers">
        <Bullets items={r.drivers} />
      </Section>
      <Section title="Considered options" id="record-options">
        {r.options.length === 0 ? (
          <None>No options recorded.</None>
        ) : (
          <ol className={css.options} style={{ listStyle: "none", padding: 0, margin: 0 }}>
            {r.options.map((o, i) => (
              <li key={i} className={css.option} data-testid="record-option">
                <h3>
                  {i + 1}. {o.title}
                </h3>
                <div className={css.proCon}>
                  <div>
                    <h4>Pros</h4>
                    <Bullets items={o.pros} kind="pro" />
                  </div>
                  <div>
                    <h4>Cons</h4>
                    <Bullets items={o.cons} kind="con" />
                  </div>
                </div>
              </li>
            ))}
          </ol>
        )}
      </Section>
      <Section title="Decision outcome" id="record-outcome">
        <Text value={r.outcome} />
      </Section>
      <Section title="Consequences" id="record-consequences">
        <div className={css.proCon}>
          <div>
            <h4 className="muted" style={{ margin: "0 0 .3rem" }}>Positive</h4>
            <Bullets items={r.consequences.positive} kind="pro" />
          </div>
          <div>
            <h4 className="muted" style={{ margin: "0 0 .3rem" }}>Negative</h4>
            <Bullets items={r.consequences.negative} kind="con" />
          </div>
        </div>
      </Section>
      <Section title="Confirmation" id="record-confirmation">
        <Text value={r.confirmation} />
      </Section>
      <Section title="People and links" id="record-people">
        <dl className={css.dl}>
          <dt>Author</dt>
          <dd>{r.author}</dd>
          <dt>Deciders</dt>
          <dd>
            <Names items={r.deciders} />
          </dd>
          <dt>Consulted</dt>
          <dd>
            <Names items={r.consulted} />
          </dd>
          <dt>Informed</dt>
          <dd>
            <Names items={r.informed} />
          </dd>
          <dt>Tags</dt>
          <dd>
            {r.tags.length ? (
              <ul className={css.tags}>
                {r.tags.map((t) => (
                  <li key={t}>
                    <Link className="badge" href={`/decisions?tag=${encodeURIComponent(t)}`}>
                      {t}
                    </Link>
                  </li>
                ))}
              </ul>
            ) : (
              <span className={css.none}>—</span>
            )}
          </dd>
          <dt>Integration points</dt>
          <dd data-testid="record-integrations">
            <Names
              empty="None linked"
              items={r.integrations.map((k) => (
                <Link key={k} className={css.mono} href={integrationHref(k)}>
                  {k}
                </Link>
              ))}
            />
          </dd>
          <dt>Journeys</dt>
          <dd>
            <Names empty="None linked" items={r.journeys.map((s) => <Link key={s} href={journeyHref(s)}>{s}</Link>)} />
          </dd>
          {r.supersedes !== null && (
            <>
              <dt>Supersedes</dt>
              <dd>
                <Link href={decisionHref(r.supersedes)}>{formatNumber(r.supersedes)}</Link>
              </dd>
            </>
          )}
          {r.supersededBy !== null && (
            <>
              <dt>Superseded by</dt>
              <dd>
                <Link href={decisionHref(r.supersededBy)}>{formatNumber(r.supersededBy)}</Link>
              </dd>
            </>
          )}
          <dt>Created</dt>
          <dd><LocalTime at={r.createdAt} /></dd>
          {r.proposedAt && (
            <>
              <dt>Proposed</dt>
              <dd><LocalTime at={r.proposedAt} /></dd>
            </>
          )}
          {r.decidedAt && (
            <>
              <dt>Decided</dt>
              <dd><LocalTime at={r.decidedAt} /></dd>
            </>
          )}
        </dl>
      </Section>
    </>
  );
}
