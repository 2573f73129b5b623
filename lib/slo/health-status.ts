// An integration point's health at a glance (pure): one status from what telemetry shows against its
// declaration — the status the catalog filters on and the overview counts.
import type { IntegrationStatus } from "@/lib/catalog/integrations";
import type { AlertState } from "./burn-rate";
import { formatDuration, formatDurationExact } from "@/lib/format/duration";

export type HealthStatus = IntegrationStatus;

/** Calls in the last 24 h before the observed p99 is trusted (the same default as the policy rule). */
export const MIN_CALLS_24H = 100;
/** An observed p99 at or above this share of the budget is at risk. */
export const AT_RISK_P99_FRACTION = 0.9;
/** Less than this share of the availability error budget left is at risk. */
export const AT_RISK_BUDGET_PERCENT = 10;
/** A drift projection crossing the budget within this many days is at risk. */
export const DRIFT_HORIZON_DAYS = 14;
/** How old the health rows may get before a reader recomputes them itself (the schedule runs every minute). */
export const HEALTH_MAX_AGE_MS = 2 * 60_000;

export interface HealthInput {
  nowMs: number;
  /** End of the last minute with any calls, ever; null when there never were any. */
  lastSeenMs: number | null;
  silentAfterMs: number;
  budgetP99Ms: number;
  successTargetPercent: number;
  calls24h: number;
  p99Ms24h: number | null;
  /** Availability over the SLO window. */
  windowCalls: number;
  windowErrors: number;
  /** Multi-window burn-rate alert states of the two SLOs (availability, latency). */
  alerts: AlertState["state"][];
  /** When the drift trend projects the p99 to cross its budget, if it does. */
  projectedBreachMs?: number | null;
}

export interface Health {
  status: HealthStatus;
  /** Why, in words, most important first (empty for ok and no-data). */
  reasons: string[];
}


/** Bad calls the availability SLO allows over the window (rounded as the policy rule rounds it). */
export function allowedErrors(windowCalls: number, successTargetPercent: number): number {
  return Math.round((1 - successTargetPercent / 100) * windowCalls * 1e6) / 1e6;
}

/**
 * Precedence: no data (never any calls) → silent (calls once, none for the silence period) →
 * breaching → warning (at risk) → ok. Breaching: the trusted 24 h p99 over the p99 budget, the
 * availability error budget exhausted, or a "page" burn-rate alert. Warning: a "ticket" alert, the
 * p99 within 10 % of its budget, under 10 % of the error budget left, or drift projected to breach
 * within 14 days.
 */
export function classifyHealth(i: HealthInput): Health {
  if (i.lastSeenMs === null) return { status: "no-data", reasons: [] };
  if (i.lastSeenMs < i.nowMs - i.silentAfterMs) return { status: "silent", reasons: [`No calls since ${new Date(i.lastSeenMs).toISOString()}`] };

  const trusted = i.p99Ms24h !== null && i.calls24h >= MIN_CALLS_24H ? i.p99Ms24h : null;
  const allowed = allowedErrors(i.windowCalls, i.successTargetPercent);
  const breaching: string[] = [];
  const warning: string[] = [];

  if (trusted !== null && trusted > i.budgetP99Ms) breaching.push(`p99 ${formatDuration(trusted)} over the ${formatDurationExact(i.budgetP99Ms)} budget (24 h)`);
  if (i.windowCalls > 0 && i.windowErrors > allowed) breaching.push(`Error budget exhausted: ${i.windowErrors} errors, ${Math.floor(allowed)} allowed`);
  if (i.alerts.includes("page")) breaching.push("Burn-rate alert: page");

  if (i.alerts.includes("ticket")) warning.push("Burn-rate alert: ticket");
  if (trusted !== null && trusted <= i.budgetP99Ms && trusted >= AT_RISK_P99_FRACTION * i.budgetP99Ms) {
    warning.push(`p99 ${formatDuration(trusted)} within ${Math.round((1 - AT_RISK_P99_FRACTION) * 100)} % of the ${formatDurationExact(i.budgetP99Ms)} budget`);
  }
  if (i.windowCalls > 0 && i.windowErrors <= allowed && allowed > 0 && ((allowed - i.windowErrors) / allowed) * 100 < AT_RISK_BUDGET_PERCENT) {
    warning.push(`Under ${AT_RISK_BUDGET_PERCENT} % of the error budget left`);
  }
  if (i.projectedBreachMs != null && i.projectedBreachMs <= i.nowMs + DRIFT_HORIZON_DAYS * 86_400_000) {
    warning.push(`Drifting: projected over budget by ${new Date(i.projectedBreachMs).toISOString().slice(0, 10)}`);
  }

  if (breaching.length) return { status: "breaching", reasons: [...breaching, ...warning] };
  if (warning.length) return { status: "warning", reasons: warning };
  return { status: "ok", reasons: [] };
}
