// The overview's figures: the estate by health status, the SLOs burning fastest, the top drift,
// undeclared edges, open findings, decisions waiting for review and recent annotations. Each figure
// comes from the same function (or the same table) as the list it links to, so the numbers agree.
import "server-only";
import { authorize, type Actor } from "@/lib/auth/actor";
import { can } from "@/lib/auth/permissions";
import { listAnnotations, type AnnotationView } from "@/lib/catalog/annotations";
import { integrationStatuses, type IntegrationStatus } from "@/lib/catalog/integrations";
import { inboxCount } from "@/lib/decisions/list";
import { listFindings, type FindingsResult } from "@/lib/governance/findings";
import type { BurnWindow } from "@/lib/slo/burn-rate";
import type { DriftRow } from "@/lib/slo/drift-board";
import { rankDrift } from "@/lib/slo/drift-row";
import { ensureFreshHealth, HEALTH_MAX_AGE_MS, recentDrift, type HealthSlo } from "@/lib/slo/health";
import { observedEdges, type ObservedEdge } from "@/lib/telemetry/observed";
import { readDb, withReader } from "@/lib/db/replicas";

export const OVERVIEW_TOP = 5;
const ANNOTATION_DAYS = 14;

export interface BurningSlo {
  key: string;
  objective: "availability" | "latency";
  targetPercent: number;
  burnRate1h: number;
  burnRate6h: number;
  alert: "ok" | "ticket" | "page";
  remainingPercent: number | null;
}

export interface EstateOverview {
  generatedAt: string;
  /** When integration health was last computed; null before the first computation. */
  healthComputedAt: string | null;
  integrations: number;
  byStatus: Record<IntegrationStatus, number>;
  /** Whether any telemetry has ever arrived (the fresh-install empty state). */
  hasTelemetry: boolean;
  burning: BurningSlo[];
  drifting: DriftRow[];
  /** Silent integration points (calls once, none lately), the most recently fallen silent first. */
  silent: { count: number; top: { key: string; lastSeenAt: string }[] };
  observedEdges: { count: number; top: ObservedEdge[] };
  findings: FindingsResult["counts"];
  decisions: { awaitingReview: number; href: string; label: string };
  annotations: AnnotationView[];
}

/** Live integration points by status, from the table the catalog's status filter reads. */
async function statusCounts(): Promise<{ byStatus: Record<IntegrationStatus, number>; computedAt: Date | null; oldest: Date | null; missing: number }> {
  const rows = await readDb().$queryRaw<{ status: IntegrationStatus; n: bigint; missing: bigint; computed_at: Date | null; oldest: Date | null }[]>`
    SELECT coalesce(h.status, 'no-data') AS status, count(*) AS n, count(*) FILTER (WHERE h.integration_id IS NULL) AS missing,
           max(h.computed_at) AS computed_at, min(h.computed_at) AS oldest
    FROM integration_points ip LEFT JOIN integration_health h ON h.integration_id = ip.id
    WHERE ip.lifecycle <> 'retired' GROUP BY 1`;
  const byStatus = Object.fromEntries(integrationStatuses.map((s) => [s, 0])) as Record<IntegrationStatus, number>;
  let computedAt: Date | null = null;
  let oldest: Date | null = null;
  let missing = 0;
  for (const r of rows) {
    byStatus[r.status] = Number(r.n);
    missing += Number(r.missing);
    if (r.computed_at && (!computedAt || r.computed_at > computedAt)) computedAt = r.computed_at;
    if (r.oldest && (!oldest || r.oldest < oldest)) oldest = r.oldest;
  }
  return { byStatus, computedAt, oldest, missing };
}

/** The SLOs with the highest 1 h burn rate (either objective), read from the health table's index. */
async function burningFastest(): Promise<BurningSlo[]> {
  const rows = await readDb().$queryRaw<{ key: string; slo: HealthSlo }[]>`
    SELECT ip.key, h.slo FROM integration_health h JOIN integration_points ip ON ip.id = h.integration_id
    WHERE ip.lifecycle <> 'retired' AND h.burn_rate_1h > 0
    ORDER BY h.burn_rate_1h DESC, ip.key LIMIT ${OVERVIEW_TOP * 2}`;
  const objective = (key: string, name: BurningSlo["objective"], s: HealthSlo[BurningSlo["objective"]]): BurningSlo => ({
    key,
    objective: name,
    targetPercent: s.targetPercent,
    burnRate1h: s.burnRates["1h" satisfies BurnWindow],
    burnRate6h: s.burnRates["6h"],
    alert: s.alert,
    remainingPercent: s.remainingPercent,
  });
  return rows
    .flatMap((r) => [objective(r.key, "availability", r.slo.availability), objective(r.key, "latency", r.slo.latency)])
    .filter((s) => s.burnRate1h > 0)
    .sort((a, b) => b.burnRate1h - a.burnRate1h || a.key.localeCompare(b.key))
    .slice(0, OVERVIEW_TOP);
}

/** Silent integration points from the health table the status counts read, so the two agree. */
async function silentIntegrations(): Promise<{ key: string; lastSeenAt: string }[]> {
  const rows = await readDb().$queryRaw<{ key: string; last_seen_at: Date }[]>`
    SELECT ip.key, h.last_seen_at FROM integration_health h JOIN integration_points ip ON ip.id = h.integration_id
    WHERE ip.lifecycle <> 'retired' AND h.status = 'silent' AND h.last_seen_at IS NOT NULL
    ORDER BY h.last_seen_at DESC, ip.key LIMIT ${OVERVIEW_TOP}`;
  return rows.map((r) => ({ key: r.key, lastSeenAt: r.last_seen_at.toISOString() }));
}

export async function estateOverview(actor: Actor, now = new Date()): Promise<EstateOverview> {
  return withReader(actor, async () => {
    authorize(actor, "catalog:read");
    const reviewer = can(actor, "decision:review");
    // The health table is read as the server's schedule left it; when it is stale (or an integration has
    // no row yet), refreshed first, as ensureFreshHealth would — checked from the counts themselves.
    const fresh = statusCounts().then(async (counts) => {
      if (counts.missing === 0 && (!counts.oldest || counts.oldest.getTime() >= now.getTime() - HEALTH_MAX_AGE_MS)) return counts;
      await ensureFreshHealth(now);
      return statusCounts();
    });
    const [status, burning, silent, drift, edges, findings, anyTelemetry, awaiting, proposed, annotations] = await Promise.all([
      fresh,
      fresh.then(() => burningFastest()),
      fresh.then(() => silentIntegrations()),
      // The drift board's rows as the health refresh last computed them (within a quarter of an hour).
      recentDrift(now),
      observedEdges(actor),
      listFindings(actor, {}, now),
      readDb().$queryRaw<{ any: boolean }[]>`SELECT EXISTS (SELECT FROM latency_buckets) AS any`.then(([r]) => (r?.any ? true : null)),
      reviewer ? inboxCount(actor) : Promise.resolve(0),
      reviewer ? Promise.resolve(0) : readDb().$queryRaw<{ n: number }[]>`SELECT count(*)::int AS n FROM decision_records WHERE status = 'proposed'`.then(([r]) => r?.n ?? 0),
      listAnnotations(actor, { from: new Date(now.getTime() - ANNOTATION_DAYS * 86_400_000).toISOString() }),
    ]);
    return {
      generatedAt: now.toISOString(),
      healthComputedAt: status.computedAt?.toISOString() ?? null,
      integrations: Object.values(status.byStatus).reduce((a, b) => a + b, 0),
      byStatus: status.byStatus,
      hasTelemetry: anyTelemetry !== null,
      burning,
      // The drift board's first rows, less those whose p99 did not rise and the silent (they have their own list).
      drifting: rankDrift(
        drift.filter((d) => d.silentSince === null),
        "drift",
      )
        .slice(0, OVERVIEW_TOP)
        .filter((d) => (d.changePercent ?? 0) > 0),
      silent: { count: status.byStatus.silent, top: silent },
      observedEdges: { count: edges.length, top: edges.slice(0, 3) },
      findings: findings.counts,
      // Reviewers see their own inbox; everyone else every proposal waiting for a reviewer.
      decisions: reviewer
        ? { awaitingReview: awaiting, href: "/decisions?awaiting=me", label: "Awaiting your review" }
        : { awaitingReview: proposed, href: "/decisions?status=proposed", label: "Proposed, awaiting review" },
      annotations: annotations.slice(-OVERVIEW_TOP).reverse(),
    };
  });
}
