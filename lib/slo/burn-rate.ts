// SLO arithmetic (pure): compliance, error budget, burn rates, and the SRE workbook's multi-window,
// multi-burn-rate alert state, scaled to the SLO's own window.

export interface Counts {
  good: number;
  total: number;
}

export interface Budget {
  compliancePercent: number | null;
  /** Share of the error budget still unspent (negative once overspent); null without traffic. */
  remainingPercent: number | null;
  /** Bad calls the SLO still tolerates over the window (negative once overspent). */
  remainingCalls: number | null;
}

export function errorBudgetFraction(targetPercent: number): number {
  return 1 - targetPercent / 100;
}

export function budget(c: Counts, targetPercent: number): Budget {
  if (c.total <= 0) return { compliancePercent: null, remainingPercent: null, remainingCalls: null };
  const bad = c.total - c.good;
  const allowed = errorBudgetFraction(targetPercent) * c.total;
  return {
    compliancePercent: (c.good / c.total) * 100,
    remainingPercent: allowed > 0 ? ((allowed - bad) / allowed) * 100 : bad === 0 ? 100 : -Infinity,
    remainingCalls: allowed - bad,
  };
}

/** How fast the budget burns: 1 spends exactly the budget over the SLO window; 0 without traffic. */
export function burnRate(c: Counts, targetPercent: number): number {
  if (c.total <= 0) return 0;
  return (c.total - c.good) / c.total / errorBudgetFraction(targetPercent);
}

export const BURN_WINDOWS = ["5m", "30m", "1h", "2h", "6h", "1d", "3d"] as const;
export type BurnWindow = (typeof BURN_WINDOWS)[number];

/** Pairs of (long, short) windows and their burn factor for a 30-day SLO window (SRE workbook). */
const CONDITIONS: { severity: "page" | "ticket"; long: BurnWindow; short: BurnWindow; factor30d: number }[] = [
  { severity: "page", long: "1h", short: "5m", factor30d: 14.4 },
  { severity: "page", long: "6h", short: "30m", factor30d: 6 },
  { severity: "ticket", long: "1d", short: "2h", factor30d: 3 },
  { severity: "ticket", long: "3d", short: "6h", factor30d: 1 },
];

export interface AlertState {
  state: "ok" | "ticket" | "page";
  /** The condition that fired, e.g. "1h and 5m ≥ 13.44". */
  reason: string | null;
  thresholds: { severity: "page" | "ticket"; long: BurnWindow; short: BurnWindow; factor: number }[];
}

/**
 * How a burn-rate alert is labelled for Alertmanager, by Edgewise's own channel and by the exported
 * Prometheus rule file alike, so one routing tree (and Alertmanager's label-set identity) serves both.
 */
export const SLO_ALERT_NAME = "EdgewiseSloAlert";
export const alertSeverity = (state: AlertState["state"]): "critical" | "warning" => (state === "page" ? "critical" : "warning");

/**
 * Each factor is the burn that spends a fixed share of the budget within the long window; for a
 * window other than 30 days the same share is reached at a proportionally different burn rate.
 */
export function alertState(rates: Record<BurnWindow, number>, windowDays: number): AlertState {
  const thresholds = CONDITIONS.map((c) => ({ severity: c.severity, long: c.long, short: c.short, factor: Math.round(c.factor30d * (windowDays / 30) * 1000) / 1000 }));
  for (const severity of ["page", "ticket"] as const) {
    const hit = thresholds.find((t) => t.severity === severity && rates[t.long] >= t.factor && rates[t.short] >= t.factor);
    if (hit) return { state: severity, reason: `${hit.long} and ${hit.short} burn ≥ ${hit.factor}`, thresholds };
  }
  return { state: "ok", reason: null, thresholds };
}
