// The declaration of an integration point, grouped the way an architect reads it.
import type { ReactNode } from "react";
import { carriesMessages } from "@/lib/catalog/integration-schema";
import type { IntegrationView } from "@/lib/catalog/integrations";
import { patternByName } from "@/lib/governance/patterns";
import { LifecycleBadge } from "../badges";
import { formatMs, lifecycleLabels, styleLabels } from "../labels";
import { Markdown } from "../markdown";
import css from "../catalog.module.css";

const Unset = ({ children = "Not declared" }: { children?: ReactNode }) => <span className={css.unset}>{children}</span>;

function Group({ title, children, wide }: { title: string; children: ReactNode; wide?: boolean }) {
  return (
    <section className={`card ${wide ? css.wide : ""}`} aria-label={title}>
      <h2 className={css.sectionTitle}>{title}</h2>
      {children}
    </section>
  );
}

function Facts({ rows }: { rows: [string, ReactNode][] }) {
  return (
    <dl className={css.dl}>
      {rows.map(([label, value]) => (
        <div key={label} style={{ display: "contents" }}>
          <dt>{label}</dt>
          <dd>{value ?? <Unset />}</dd>
        </div>
      ))}
    </dl>
  );
}

const pct = (v: number) => `${v} %`;
const opt = (v: string | null | undefined) => (v ? v : null);

export function Declaration({ view }: { view: IntegrationView }) {
  const { budget, slo, consistency, delivery, idempotency, resilience: r, contract, migration, telemetry } = view;
  const retries = r?.retries;
  const breaker = r?.circuitBreaker;
  const pattern = view.pattern ? patternByName(view.pattern) : undefined;
  return (
    <div className={css.sections}>
      <Group title="Budget & SLO">
        <Facts
          rows={[
            ["p50 budget", budget.p50Ms != null ? formatMs(budget.p50Ms) : null],
            ["p95 budget", budget.p95Ms != null ? formatMs(budget.p95Ms) : null],
            ["p99 budget", formatMs(budget.p99Ms)],
            ["Success target", pct(slo.successTargetPercent)],
            ["Latency SLO", `${pct(slo.latencyTargetPercent)} of calls within p99 budget`],
            ["Window", `${slo.windowDays} days, rolling`],
          ]}
        />
        {carriesMessages(view.style) && <p className="field-hint">For this style the budget is end-to-end delivery lag.</p>}
      </Group>
      <Group title="Consistency & delivery">
        <Facts
          rows={[
            ["Consistency", consistency?.model ?? null],
            ["Staleness bound", consistency?.stalenessBoundMs != null ? formatMs(consistency.stalenessBoundMs) : consistency ? <Unset>None</Unset> : null],
            ...(carriesMessages(view.style)
              ? ([
                  ["Delivery", delivery?.guarantee ?? null],
                  ["Ordering", delivery ? (delivery.ordering === "per-key" ? `per key (${delivery.orderingKey})` : delivery.ordering) : null],
                  ["Dead-letter queue", delivery ? opt(delivery.deadLetterQueue) : null],
                ] satisfies [string, ReactNode][])
              : ([["Delivery", <Unset key="d">Not applicable to a synchronous call</Unset>]] satisfies [string, ReactNode][])),
            ["Idempotency", idempotency ? `${idempotency.strategy}${idempotency.key ? `: ${idempotency.key}` : ""}` : null],
          ]}
        />
      </Group>
      <Group title="Resilience">
        <Facts
          rows={[
            ["Timeout", r?.timeoutMs != null ? formatMs(r.timeoutMs) : null],
            [
              "Retries",
              retries
                ? `${retries.maxAttempts} attempts, ${retries.backoff} backoff${retries.baseDelayMs != null ? ` from ${formatMs(retries.baseDelayMs)}` : ""}${retries.maxDelayMs != null ? ` up to ${formatMs(retries.maxDelayMs)}` : ""}, ${retries.jitter ? "with" : "no"} jitter`
                : null,
            ],
            ["Circuit breaker", breaker ? `opens at ${pct(breaker.failureRatePercent)} failures (min. ${breaker.minimumCalls} calls) for ${formatMs(breaker.openMs)}` : null],
            ["Fallback", opt(r?.fallback)],
            ["Concurrency limit", r?.concurrencyLimit != null ? String(r.concurrencyLimit) : null],
          ]}
        />
      </Group>
      <Group title="Contract">
        <Facts
          rows={[
            ["Format", contract?.format ?? null],
            ["Reference", contract?.ref ? <ContractRef href={contract.ref} /> : null],
            ["Version", contract ? opt(contract.version) : null],
            ["Compatibility", contract?.compatibility ?? null],
          ]}
        />
      </Group>
      <Group title="Lifecycle">
        <Facts
          rows={
            view.lifecycle === "migrating"
              ? [
                  ["Lifecycle", <LifecycleBadge key="l" value={view.lifecycle} />],
                  ["Migrating to", migration?.targetStyle ? styleLabels[migration.targetStyle] : null],
                  ["Feature flag", opt(migration?.featureFlag)],
                  ["Target date", opt(migration?.targetDate)],
                ]
              : [["Lifecycle", <LifecycleBadge key="l" value={view.lifecycle} />]]
          }
        />
        <Facts rows={[["Pattern", view.pattern ? <span data-testid="declared-pattern">{pattern?.title ?? view.pattern} <span className="mono">({view.pattern})</span></span> : <Unset>None declared</Unset>]]} />
        {view.lifecycle !== "migrating" && <p className="field-hint">A migration (say, sync to async behind a feature flag) is declared while the lifecycle is {lifecycleLabels.migrating.toLowerCase()}.</p>}
      </Group>
      <Group title="Telemetry match">
        <Facts
          rows={[
            ["Source name", <span key="s" className="mono">{telemetry?.sourceName ?? view.sourceService}</span>],
            ["Target name", <span key="t" className="mono">{telemetry?.targetName ?? view.targetService}</span>],
            ["Span name", telemetry?.operation ? <span className="mono">{telemetry.operation}</span> : <Unset>Any</Unset>],
            ["Measured on", `${telemetry?.side ?? "client"} spans`],
          ]}
        />
      </Group>
      <Group title="Description" wide>
        {view.description.trim() ? <Markdown>{view.description}</Markdown> : <Unset>No description yet.</Unset>}
      </Group>
    </div>
  );
}

/** Contract references are often URLs; only http(s) ones become links. */
function ContractRef({ href }: { href: string }) {
  if (/^https?:\/\//i.test(href)) {
    return (
      <a href={href} rel="noopener noreferrer nofollow" target="_blank" className="mono">
        {href}
      </a>
    );
  }
  return <span className="mono">{href}</span>;
}
