// Integration points' SLOs as OpenSLO v1 documents (pure): per integration an availability SLO
// (good/total calls) and a latency SLO (calls within the p99 budget), each with its SLI inline, and
// shared AlertPolicies with their AlertConditions for the multi-window burn-rate alerts, scaled to
// each SLO window exactly as the SLO page computes them.
import { sloSchema } from "@/lib/catalog/integration-schema";
import { alertState, BURN_WINDOWS, type BurnWindow } from "@/lib/slo/burn-rate";
import { dnsLabel } from "./names";
import type { CatalogDocument } from "./types";

export const OPENSLO_API_VERSION = "openslo/v1";
/** Annotations that tie an OpenSLO SLO back to its integration point and objective. */
export const INTEGRATION_ANNOTATION = "edgewise.dev/integration";
export const OBJECTIVE_ANNOTATION = "edgewise.dev/objective";
export type Objective = "availability" | "latency";

const SUFFIX = { availability: "availability", latency: "latency" } as const;
/** Room for the longest suffix (`-latency-under-p99`, 18) within a 63-character name. */
const BASE_MAX = 63 - 18;

/** The SLO's name by convention: the integration key as a DNS label, then the objective. */
export function sloName(key: string, objective: Objective): string {
  return `${dnsLabel(key, BASE_MAX)}-${SUFFIX[objective]}`;
}

export interface Slo {
  successTargetPercent: number;
  latencyTargetPercent: number;
  windowDays: number;
}

/** An integration's SLO with the schema's defaults filled in (export form may leave them out). */
export function sloOf(integration: CatalogDocument): Slo {
  const parsed = sloSchema.safeParse(integration.spec.slo ?? {});
  return parsed.success ? parsed.data : sloSchema.parse({});
}

/** 99.95 → 0.9995 without binary noise (0.9995 is not 0.99949999…). */
function fraction(percent: number): number {
  return Number((percent / 100).toFixed(12));
}

function burnThresholds(windowDays: number) {
  const idle = Object.fromEntries(BURN_WINDOWS.map((w) => [w, 0])) as Record<BurnWindow, number>;
  return alertState(idle, windowDays).thresholds;
}

function policyName(t: { severity: string; long: string; short: string }, windowDays: number): string {
  return `burn-${t.severity}-${t.long}-${t.short}-w${windowDays}d`;
}

function alertDocuments(windowDays: number): unknown[] {
  return burnThresholds(windowDays).flatMap((t) => {
    const name = policyName(t, windowDays);
    const rule = `the error budget burns at ${t.factor}× or faster over both the last ${t.long} and the last ${t.short}`;
    return [
      {
        apiVersion: OPENSLO_API_VERSION,
        kind: "AlertCondition",
        metadata: { name: `${name}-condition`, annotations: { "edgewise.dev/long-window": t.long, "edgewise.dev/short-window": t.short } },
        spec: {
          description: `${t.severity === "page" ? "Page" : "Open a ticket"} when ${rule} (multi-window burn rate, scaled to a ${windowDays}-day SLO window).`,
          severity: t.severity,
          // The long window is the lookback; holding for the short window stands in for the short-window check.
          condition: { kind: "burnrate", op: "gte", threshold: t.factor, lookbackWindow: t.long, alertAfter: t.short },
        },
      },
      {
        apiVersion: OPENSLO_API_VERSION,
        kind: "AlertPolicy",
        metadata: { name },
        spec: {
          description: `Burn-rate ${t.severity} for SLOs over ${windowDays} days: ${rule}.`,
          alertWhenBreaching: true,
          alertWhenResolved: t.severity === "page",
          alertWhenNoData: false,
          conditions: [{ conditionRef: `${name}-condition` }],
          notificationTargets: [{ targetRef: `edgewise-${t.severity}` }],
        },
      },
    ];
  });
}

const notificationTargets = [
  { name: "edgewise-page", target: "page", description: "The owning team's on-call pager; route this name to your paging receiver." },
  { name: "edgewise-ticket", target: "ticket", description: "The owning team's ticket queue; route this name to your ticketing receiver." },
].map(({ name, target, description }) => ({ apiVersion: OPENSLO_API_VERSION, kind: "AlertNotificationTarget", metadata: { name }, spec: { target, description } }));

function metricSource(key: string, signal: string) {
  return { metricSource: { type: "Edgewise", spec: { integration: key, signal } } };
}

function sloDocuments(integration: CatalogDocument, team: string | null): unknown[] {
  const key = integration.metadata.name;
  const spec = integration.spec;
  const slo = sloOf(integration);
  const p99Ms = (spec.budget as { p99Ms: number }).p99Ms;
  const edge = `${String(spec.sourceService)} → ${String(spec.targetService)} (${String(spec.operation)})`;
  const common = (objective: Objective) => ({
    apiVersion: OPENSLO_API_VERSION,
    kind: "SLO",
    metadata: {
      name: sloName(key, objective),
      displayName: `${edge}: ${objective}`.slice(0, 200),
      labels: { ...(team ? { team } : {}), objective, style: String(spec.style) },
      annotations: { [INTEGRATION_ANNOTATION]: key, [OBJECTIVE_ANNOTATION]: objective },
    },
  });
  const timing = { timeWindow: [{ duration: `${slo.windowDays}d`, isRolling: true }], budgetingMethod: "Occurrences" };
  const alertPolicies = burnThresholds(slo.windowDays).map((t) => ({ alertPolicyRef: policyName(t, slo.windowDays) }));
  return [
    {
      ...common("availability"),
      spec: {
        description: `Share of calls on ${edge} that succeed.`,
        service: String(spec.sourceService),
        indicator: {
          metadata: { name: `${dnsLabel(key, BASE_MAX)}-success-ratio` },
          spec: { ratioMetric: { counter: true, good: metricSource(key, "successful-calls"), total: metricSource(key, "calls") } },
        },
        ...timing,
        objectives: [{ displayName: `${slo.successTargetPercent} % of calls succeed`, target: fraction(slo.successTargetPercent) }],
        alertPolicies,
      },
    },
    {
      ...common("latency"),
      spec: {
        description: `Share of calls on ${edge} within the p99 latency budget of ${p99Ms} ms.`,
        service: String(spec.sourceService),
        indicator: {
          metadata: { name: `${dnsLabel(key, BASE_MAX)}-latency-under-p99` },
          spec: { thresholdMetric: metricSource(key, "latency-ms") },
        },
        ...timing,
        objectives: [{ displayName: `${slo.latencyTargetPercent} % of calls within ${p99Ms} ms`, op: "lte", value: p99Ms, target: fraction(slo.latencyTargetPercent) }],
        alertPolicies,
      },
    },
  ];
}

export function toOpenSlo(documents: CatalogDocument[]): unknown[] {
  const teamOf = new Map(documents.filter((d) => d.kind === "Service").map((s) => [s.metadata.name, String(s.spec.team)]));
  const integrations = documents
    .filter((d) => d.kind === "Integration" && d.spec.lifecycle !== "retired")
    .sort((a, b) => a.metadata.name.localeCompare(b.metadata.name));
  const windows = [...new Set(integrations.map((i) => sloOf(i).windowDays))].sort((a, b) => a - b);
  return [
    ...(integrations.length ? notificationTargets : []),
    ...windows.flatMap(alertDocuments),
    ...integrations.flatMap((i) => sloDocuments(i, teamOf.get(String(i.spec.sourceService)) ?? null)),
  ];
}
