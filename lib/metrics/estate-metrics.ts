// The estate as Prometheus gauges: each live integration point's observed p99, budget, SLO budget left,
// burn rates and status, as the health refresh last computed them (integration_health), plus the
// roll-up lag, the last hour's intake by outcome and the notification deliveries not yet made. Read at most every SNAPSHOT_MAX_AGE_MS however
// often Prometheus scrapes, and shared by concurrent scrapes.
import "server-only";
import { Prisma } from "@prisma/client";
import { Gauge, type Registry } from "prom-client";
import { integrationStatuses } from "@/lib/catalog/integration-statuses";
import { db } from "@/lib/db/client";
import { BURN_WINDOWS } from "@/lib/slo/burn-rate";
import type { HealthSlo } from "@/lib/slo/health";

export const SNAPSHOT_MAX_AGE_MS = 30_000;
/** Deliveries still to make (never tried; waiting for a retry or an open breaker) and dead letters. */
const QUEUED_STATES = ["pending", "waiting", "dead"] as const;
const OBJECTIVES = ["availability", "latency"] as const;

interface IntegrationRow {
  key: string;
  team: string;
  budget_p99_ms: number;
  status: string | null;
  p99_ms_24h: number | null;
  slo: HealthSlo | null;
}

export interface EstateSnapshot {
  integrations: IntegrationRow[];
  healthComputedAt: Date | null;
  rollups: { resolution: string; rolled_until: Date }[];
  intake: { signal: string; outcome: string; count: bigint }[];
  deliveries: { state: string; count: bigint; oldest: Date | null }[];
  at: Date;
}

async function readSnapshot(): Promise<EstateSnapshot> {
  const client = db();
  const hourAgo = new Date(Date.now() - 3_600_000);
  const [integrations, rollups, [health], intake, deliveries] = await Promise.all([
    client.$queryRaw<IntegrationRow[]>`
      SELECT ip.key, t.slug AS team, ip.budget_p99_ms, h.status, h.p99_ms_24h, h.slo
      FROM integration_points ip JOIN services s ON s.id = ip.source_service_id JOIN teams t ON t.id = s.team_id
      LEFT JOIN integration_health h ON h.integration_id = ip.id
      WHERE ip.lifecycle <> 'retired' ORDER BY ip.key`,
    client.$queryRaw<{ resolution: string; rolled_until: Date }[]>`SELECT resolution, rolled_until FROM telemetry_rollups ORDER BY resolution`,
    client.$queryRaw<{ computed_at: Date | null }[]>`SELECT min(computed_at) AS computed_at FROM integration_health`,
    client.$queryRaw<{ signal: string; outcome: string; count: bigint }[]>`
      SELECT signal, outcome, sum(count)::bigint AS count FROM ingest_counts WHERE minute >= ${hourAgo} GROUP BY signal, outcome ORDER BY signal, outcome`,
    // The (state, next_attempt_at) index answers this; delivered rows (the history) are never counted.
    client.$queryRaw<{ state: string; count: bigint; oldest: Date | null }[]>`
      SELECT state, count(*)::bigint AS count, min(created_at) AS oldest FROM notification_deliveries
      WHERE state IN (${Prisma.join([...QUEUED_STATES])}) GROUP BY state`,
  ]);
  return { integrations, healthComputedAt: health?.computed_at ?? null, rollups, intake, deliveries, at: new Date() };
}

// On globalThis beside the registry whose gauges read it, so both outlive a re-evaluated module.
const store = globalThis as unknown as { edgewiseEstateSnapshot?: { at: number; snapshot: Promise<EstateSnapshot> } | null };

/** The last snapshot while it is fresh enough; concurrent callers share one read. */
export function estateSnapshot(nowMs = Date.now()): Promise<EstateSnapshot> {
  let cached = store.edgewiseEstateSnapshot;
  if (!cached || nowMs - cached.at >= SNAPSHOT_MAX_AGE_MS || nowMs < cached.at) {
    const snapshot = readSnapshot();
    cached = store.edgewiseEstateSnapshot = { at: nowMs, snapshot };
    snapshot.catch(() => {
      if (store.edgewiseEstateSnapshot?.snapshot === snapshot) store.edgewiseEstateSnapshot = null;
    });
  }
  return cached.snapshot;
}

/** Adds the estate gauges to a registry once; their values are set from the snapshot at each scrape. */
export function registerEstateMetrics(registry: Registry): void {
  // Asked of the registry, which outlives this module when it is evaluated again (a dev reload, a test).
  if (registry.getSingleMetric("edgewise_integration_latency_p99_seconds")) return;
  const gauge = <L extends string>(name: string, help: string, labelNames: L[], fill: (g: Gauge<L>, s: EstateSnapshot) => void) =>
    new Gauge<L>({
      name,
      help,
      labelNames,
      registers: [registry],
      async collect() {
        const snapshot = await estateSnapshot();
        this.reset();
        fill(this, snapshot);
      },
    });
  const id = (r: IntegrationRow) => ({ integration: r.key, team: r.team });

  gauge("edgewise_integration_latency_p99_seconds", "Observed p99 latency over the last 24 h (absent without enough calls)", ["integration", "team"], (g, s) => {
    for (const r of s.integrations) if (r.p99_ms_24h !== null) g.set(id(r), r.p99_ms_24h / 1000);
  });
  gauge("edgewise_integration_budget_p99_seconds", "Declared p99 latency budget", ["integration", "team"], (g, s) => {
    for (const r of s.integrations) g.set(id(r), r.budget_p99_ms / 1000);
  });
  gauge("edgewise_slo_error_budget_remaining_ratio", "Share of the SLO window's error budget still unspent (negative once overspent; absent without calls)", ["integration", "team", "objective"], (g, s) => {
    for (const r of s.integrations)
      for (const objective of OBJECTIVES) {
        const remaining = r.slo?.[objective].remainingPercent;
        if (remaining != null && Number.isFinite(remaining)) g.set({ ...id(r), objective }, remaining / 100);
      }
  });
  gauge("edgewise_slo_burn_rate", "Error-budget burn rate over a window (1 spends exactly the budget over the SLO window)", ["integration", "team", "objective", "window"], (g, s) => {
    for (const r of s.integrations)
      for (const objective of OBJECTIVES) {
        const rates = r.slo?.[objective].burnRates;
        if (rates) for (const window of BURN_WINDOWS) g.set({ ...id(r), objective, window }, rates[window]);
      }
  });
  gauge("edgewise_integration_status", "1 for the integration point's current health status, 0 for the others", ["integration", "team", "status"], (g, s) => {
    for (const r of s.integrations) for (const status of integrationStatuses) g.set({ ...id(r), status }, r.status === status ? 1 : 0);
  });
  gauge("edgewise_health_age_seconds", "Age of the oldest integration health row (the refresh runs every minute)", [], (g, s) => {
    if (s.healthComputedAt) g.set((s.at.getTime() - s.healthComputedAt.getTime()) / 1000);
  });
  gauge("edgewise_rollup_lag_seconds", "How far behind now each roll-up tier is rolled", ["resolution"], (g, s) => {
    for (const r of s.rollups) g.set({ resolution: r.resolution }, (s.at.getTime() - r.rolled_until.getTime()) / 1000);
  });
  gauge("edgewise_ingest_items_last_hour", "Spans and metric points (or whole requests, outcome request:*) taken in or turned away in the last hour, across all instances", ["signal", "outcome"], (g, s) => {
    for (const r of s.intake) g.set({ signal: r.signal, outcome: r.outcome }, Number(r.count));
  });
  gauge("edgewise_notification_deliveries", "Notification deliveries not yet made (pending: never tried; waiting: a retry or an open breaker) and dead letters, across all instances", ["state"], (g, s) => {
    for (const state of QUEUED_STATES) g.set({ state }, Number(s.deliveries.find((d) => d.state === state)?.count ?? 0));
  });
  gauge("edgewise_notification_oldest_undelivered_seconds", "Age of the oldest pending or waiting notification delivery (0 when none is queued)", [], (g, s) => {
    const oldest = s.deliveries.filter((d) => d.state !== "dead" && d.oldest).map((d) => d.oldest!.getTime());
    g.set(oldest.length ? (s.at.getTime() - Math.min(...oldest)) / 1000 : 0);
  });
}

/** Drops the cached snapshot, so the next scrape reads afresh (tests). */
export function forgetEstateSnapshot(): void {
  store.edgewiseEstateSnapshot = null;
}
