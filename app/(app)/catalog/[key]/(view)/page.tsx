// One integration point: its declaration, owner and services, history, and the tabs later parts fill.
import Link from "next/link";
import { mayWriteFor } from "@/components/catalog/access";
import { CriticalityBadge, LifecycleBadge, StatusLabel } from "@/components/catalog/badges";
import { Declaration } from "@/components/catalog/detail/declaration";
import { History } from "@/components/catalog/detail/history";
import { RetireButton } from "@/components/catalog/detail/retire-button";
import { DecisionsTab, newDecisionHref } from "@/components/catalog/detail/decisions-tab";
import { FindingsTab } from "@/components/catalog/detail/findings-tab";
import { DetailTabs, tabOf } from "@/components/catalog/detail/tabs";
import { LatencyTab } from "@/components/telemetry/latency-tab";
import css from "@/components/catalog/catalog.module.css";
import { KeyText } from "@/components/catalog/key-text";
import { integrationHref, styleLabels } from "@/components/catalog/labels";
import { loadIntegration } from "@/components/catalog/load";
import { getTeam } from "@/lib/admin/teams";
import { requireSession } from "@/lib/auth/session";
import { etagOf, integrationHistory, lastCallAt } from "@/lib/catalog/integrations";
import { getService } from "@/lib/catalog/services";
import { can } from "@/lib/auth/permissions";
import { countDecisions, listDecisions } from "@/lib/decisions/list";
import { listFindings } from "@/lib/governance/findings";
import { attachTargets } from "@/lib/decisions/evidence";
import { LocalTime } from "@/components/ui/time-zone";

type Props = { params: Promise<{ key: string }>; searchParams: Promise<Record<string, string | string[] | undefined>> };

export async function generateMetadata({ params }: Props) {
  return { title: decodeURIComponent((await params).key) };
}

export default async function IntegrationPage({ params, searchParams }: Props) {
  const key = decodeURIComponent((await params).key);
  const tab = tabOf((await searchParams).tab);
  const actor = await requireSession("catalog:read", integrationHref(key) + (tab === "overview" ? "" : `?tab=${tab}`));
  const { view, version } = await loadIntegration(actor, key);
  const [owner, source, target, history, findings, decisions, lastCall, targets, decisionCount] = await Promise.all([
    getTeam(actor, view.ownerTeam),
    getService(actor, view.sourceService),
    getService(actor, view.targetService),
    tab === "history" ? integrationHistory(actor, key) : null,
    // Every tab shows the findings count (the findings are computed once for the estate and cached).
    listFindings(actor, { integration: key }),
    tab === "decisions" ? listDecisions(actor, { integration: key, sort: "-number" }) : null,
    tab === "latency" ? lastCallAt(actor, key) : null,
    tab === "latency" ? attachTargets(actor) : null,
    countDecisions(actor, key),
  ]);
  const canDecide = can(actor, "decision:write");
  const canEdit = mayWriteFor(actor, owner);
  const retired = view.lifecycle === "retired";

  return (
    <>
      <div className="page-header">
        <div style={{ minWidth: 0 }}>
          <p className="muted" style={{ margin: "0 0 .25rem" }}>
            <Link href="/catalog">Catalog</Link> / integration point
          </p>
          <h1 style={{ overflowWrap: "anywhere" }} data-testid="integration-key">
            <span className="mono">
              <KeyText value={view.key} />
            </span>
          </h1>
          <div className={css.headerMeta}>
            <span className={css.edge}>
              <Link href={`/services/${source.slug}`}>{source.name}</Link>
              <span className={css.arrow} aria-label="to">→</span>
              <Link href={`/services/${target.slug}`}>{target.name}</Link>
            </span>
            <span>·</span>
            <span className="mono">{view.operation}</span>
            <span>·</span>
            <span>
              {styleLabels[view.style]} over <span className="mono">{view.protocol}</span>
            </span>
            <CriticalityBadge value={view.criticality} />
            <LifecycleBadge value={view.lifecycle} />
          </div>
          <div className={css.headerMeta}>
            <span>
              Owned by <Link href={`/teams/${owner.slug}`}>{owner.name}</Link>
            </span>
            <span>·</span>
            <span>
              Status: <StatusLabel value={view.status} />
            </span>
            <span>·</span>
            <span>Updated <LocalTime at={view.updatedAt} /></span>
          </div>
          {view.tags.length > 0 && (
            <ul className={css.tagList} aria-label="Tags" style={{ marginTop: ".5rem" }}>
              {view.tags.map((t) => (
                <li key={t}>
                  <Link className="badge" href={`/catalog?tag=${encodeURIComponent(t)}`}>
                    {t}
                  </Link>
                </li>
              ))}
            </ul>
          )}
        </div>
        {(canEdit || canDecide) && (
          <div className="row">
            {canEdit && (
              <Link className="btn btn-primary" href={`${integrationHref(view.key)}/edit`}>
                Edit
              </Link>
            )}
            {canEdit && !retired && <RetireButton integrationKey={view.key} etag={etagOf(version)} />}
            {canDecide && (
              <Link className="btn" href={newDecisionHref(view.key)}>
                New decision about this
              </Link>
            )}
          </div>
        )}
      </div>
      {retired && (
        <div className="notice" style={{ marginBottom: "1rem" }} data-testid="retired-notice">
          This integration point is retired: it no longer appears in the catalog by default, and its declaration and history are kept.
        </div>
      )}
      <DetailTabs integrationKey={view.key} active={tab} counts={{ findings: findings.items.length, decisions: decisionCount }} />
      {tab === "overview" && <Declaration view={view} />}
      {tab === "history" && history && <History entries={history} />}
      {tab === "findings" && <FindingsTab findings={findings.items} />}
      {tab === "decisions" && decisions && <DecisionsTab integrationKey={view.key} decisions={decisions} canWrite={canDecide} />}
      {tab === "latency" && (
        <LatencyTab
          integrationKey={view.key}
          silentSince={view.status === "silent" ? lastCall : null}
          lastCallAt={lastCall}
          attachTargets={targets}
          telemetry={{ sourceName: view.telemetry?.sourceName ?? source.telemetryName, targetName: view.telemetry?.targetName ?? target.telemetryName }}
        />
      )}
    </>
  );
}
