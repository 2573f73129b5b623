// The notification events one health refresh causes for one integration point (pure): an SLO's
// burn-rate alert going from ok to ticket/page fires once and resolves once per episode, and the
// health status going to breaching / at risk / silent fires, and recovering resolves. The episode's
// start is kept with the health row, so the resolved event names the same episode as the firing one.
import type { EventSeverity, NotificationEvent } from "@/lib/notifications/types";
import { alertSeverity } from "./burn-rate";
import type { DriftFigures } from "./drift-row";
import { DRIFT_HORIZON_DAYS, type HealthStatus } from "./health-status";
import type { HealthSlo, SloHealth } from "./health";

export const OBJECTIVES = ["availability", "latency"] as const;
export type Objective = (typeof OBJECTIVES)[number];

/** Statuses that open an integration.status episode. */
const BAD_STATUSES: Partial<Record<HealthStatus, EventSeverity>> = { breaching: "critical", warning: "warning", silent: "warning" };
const STATUS_WORDS: Partial<Record<HealthStatus, string>> = { breaching: "is breaching its SLO", warning: "is at risk", silent: "has gone silent" };

export interface HealthSnapshot {
  status: HealthStatus;
  slo: HealthSlo;
}

export interface HealthEventInput {
  key: string;
  team: string | null;
  before: HealthSnapshot | null;
  after: HealthSnapshot;
  reasons: string[];
  p99Ms24h: number | null;
  budgetP99Ms: number;
  /** The drift board's figures for the integration point (null: too little history). */
  drift: DriftFigures | null;
  now: Date;
  appUrl: string;
}

/** Answers the events and the `after` SLO with the episodes carried over (or opened) in it. */
export function healthEvents(i: HealthEventInput): { events: NotificationEvent[]; slo: HealthSlo } {
  const nowIso = i.now.toISOString();
  const link = `${i.appUrl}/catalog/${encodeURIComponent(i.key)}`;
  const events: NotificationEvent[] = [];
  const base = { occurredAt: nowIso, link, integration: i.key, team: i.team, decision: null };
  const slo: HealthSlo = { ...i.after.slo, availability: { ...i.after.slo.availability }, latency: { ...i.after.slo.latency } };

  for (const objective of OBJECTIVES) {
    const was = i.before?.slo[objective];
    const now = slo[objective];
    const open = was && was.alert !== "ok" && was.episode ? was.episode : null;
    const figures = { objective, alert: now.alert, targetPercent: now.targetPercent, burnRates: now.burnRates, remainingPercent: now.remainingPercent };
    if (now.alert === "ok") {
      now.episode = null;
      if (open) {
        events.push({
          ...base,
          id: `slo.alert:${i.key}:${objective}:${open.since}:resolved`,
          type: "slo.alert",
          state: "resolved",
          severity: open.severity,
          summary: `${i.key}: the ${objective} SLO's error budget is no longer burning fast (alert since ${open.since} resolved)`,
          data: { ...figures, since: open.since },
        });
      }
    } else if (open) {
      now.episode = open; // the same episode, even if it escalates from ticket to page
    } else {
      const episode = { since: nowIso, severity: alertSeverity(now.alert) };
      now.episode = episode;
      events.push({
        ...base,
        id: `slo.alert:${i.key}:${objective}:${nowIso}:firing`,
        type: "slo.alert",
        state: "firing",
        severity: episode.severity,
        summary: `${i.key}: the ${objective} SLO's error budget is burning at ${now.alert} level (1h burn ${now.burnRates["1h"].toFixed(1)}×, ${now.remainingPercent === null ? "no" : now.remainingPercent.toFixed(1) + " %"} of the budget left)`,
        data: { ...figures, since: nowIso },
      });
    }
  }

  const before = i.before;
  const openStatus = before && BAD_STATUSES[before.status] && before.slo.statusSince ? { status: before.status, since: before.slo.statusSince } : null;
  const badNow = BAD_STATUSES[i.after.status];
  const statusFigures = { status: i.after.status, reasons: i.reasons, p99Ms24h: i.p99Ms24h, budgetP99Ms: i.budgetP99Ms };
  if (openStatus && openStatus.status === i.after.status) {
    slo.statusSince = openStatus.since;
  } else {
    if (openStatus) {
      events.push({
        ...base,
        id: `integration.status:${i.key}:${openStatus.status}:${openStatus.since}:resolved`,
        type: "integration.status",
        state: "resolved",
        severity: BAD_STATUSES[openStatus.status]!,
        summary: `${i.key} no longer ${STATUS_WORDS[openStatus.status]} (now ${i.after.status})`,
        data: { ...statusFigures, previous: openStatus.status, since: openStatus.since },
      });
    }
    slo.statusSince = badNow ? nowIso : null;
    if (badNow) {
      events.push({
        ...base,
        id: `integration.status:${i.key}:${i.after.status}:${nowIso}:firing`,
        type: "integration.status",
        state: "firing",
        severity: badNow,
        summary: `${i.key} ${STATUS_WORDS[i.after.status]}${i.reasons.length ? `: ${i.reasons.join("; ")}` : ""}`,
        data: { ...statusFigures, previous: before?.status ?? null, since: nowIso },
      });
    }
  }
  // drift.detected: a new Page–Hinkley change point, or a breach newly projected within the horizon.
  const d = i.drift;
  const driftFigures = d ? { baselineP99Ms: d.baselineP99Ms, recent7dP99Ms: d.recent7dP99Ms, changePercent: d.changePercent, slopePercentPerDay: d.slopePercentPerDay, driftingSince: d.driftingSince, projectedBreachAt: d.projectedBreachAt, daysToBreach: d.daysToBreach, budgetP99Ms: i.budgetP99Ms } : null;
  slo.driftSince = d?.driftingSince ?? null;
  if (d?.driftingSince && d.driftingSince !== before?.slo.driftSince) {
    events.push({
      ...base,
      id: `drift.detected:${i.key}:change:${d.driftingSince}`,
      type: "drift.detected",
      state: null,
      severity: "warning",
      summary: `${i.key}: p99 has been drifting upward since ${d.driftingSince} (${d.baselineP99Ms ?? "?"} ms baseline → ${d.recent7dP99Ms ?? "?"} ms over 7 days, budget ${i.budgetP99Ms} ms)`,
      link: `${i.appUrl}/drift`,
      data: { ...driftFigures, reason: "change-point" },
    });
  }
  const projected = d?.daysToBreach != null && d.daysToBreach <= DRIFT_HORIZON_DAYS;
  slo.breachProjectedSince = projected ? (before?.slo.breachProjectedSince ?? nowIso) : null;
  if (projected && !before?.slo.breachProjectedSince) {
    events.push({
      ...base,
      id: `drift.detected:${i.key}:breach:${nowIso}`,
      type: "drift.detected",
      state: null,
      severity: "warning",
      summary: `${i.key}: at its current trend the p99 crosses the ${i.budgetP99Ms} ms budget around ${d.projectedBreachAt} (in ${Math.ceil(d.daysToBreach!)} days)`,
      link: `${i.appUrl}/drift`,
      data: { ...driftFigures, reason: "projected-breach" },
    });
  }
  return { events, slo };
}
