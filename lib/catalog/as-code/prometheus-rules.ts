// Integration points' SLOs as a Prometheus rule file (pure): per live integration point, recording
// rules for its error and latency SLIs over span-metric histograms (Tempo's metrics-generator or the
// Collector's spanmetrics connector), and the same multi-window, multi-burn-rate alerts Edgewise
// itself computes, scaled to the SLO window, labelled as Edgewise's Alertmanager channel labels them.
import { Document } from "yaml";
import { alertSeverity, alertState, BURN_WINDOWS, errorBudgetFraction, SLO_ALERT_NAME, type BurnWindow } from "@/lib/slo/burn-rate";
import { sloOf } from "./openslo-export";
import type { CatalogDocument } from "./types";

export const metricFlavors = ["collector", "tempo"] as const;
export type MetricFlavor = (typeof metricFlavors)[number];

/** The alert name (and, below, severities) Edgewise's Alertmanager channel uses, so routes treat both alike. */
export const BURN_ALERT = SLO_ALERT_NAME;
export const MISSING_BUCKET_ALERT = "EdgewiseLatencySliMissingBucket";

interface Flavor {
  /** The histogram's base name (`_bucket`, `_count` are appended). */
  histogram: string;
  /** Milliseconds per unit of the histogram's `le` boundaries. */
  msPerUnit: number;
  /** The label holding the span's own service. */
  service: string;
  description: string;
}

/** Label names both emit: dots in span-metric dimensions become underscores in Prometheus. */
const LABELS = { spanName: "span_name", spanKind: "span_kind", status: "status_code", peer: "peer_service" } as const;

const FLAVORS: Record<MetricFlavor, Flavor> = {
  collector: {
    histogram: "traces_span_metrics_duration_milliseconds",
    msPerUnit: 1,
    service: "service_name",
    description: "OpenTelemetry Collector spanmetrics connector (histogram unit ms, dimension peer.service), exported to Prometheus",
  },
  tempo: {
    histogram: "traces_spanmetrics_latency",
    msPerUnit: 1000,
    service: "service",
    description: "Grafana Tempo metrics-generator span metrics (seconds, dimension peer.service), remote-written to Prometheus",
  },
};

export interface RuleOptions {
  metrics: MetricFlavor;
  baseUrl: string;
}

/** A string literal in PromQL: double-quoted, with backslash and quote escaped (Go string syntax). */
export function promString(value: string): string {
  return `"${value.replace(/\\/g, "\\\\").replace(/"/g, '\\"').replace(/\n/g, "\\n")}"`;
}

/** An alternation matching `text` exactly inside a PromQL regex matcher (RE2: anchored by Prometheus). */
function reQuote(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/**
 * A bucket boundary as exporters write it in `le`: Go's shortest `%g` form (client_golang's
 * exposition, e.g. `1e+06`), and the plain decimal form other writers use (`1000000`).
 */
export function leForms(value: number): string[] {
  const [mantissa = "0", exponentText = "0"] = value.toExponential().split("e");
  const exponent = Number(exponentText);
  const go = exponent < -4 || exponent >= 6 ? `${mantissa}e${exponent < 0 ? "-" : "+"}${String(Math.abs(exponent)).padStart(2, "0")}` : String(value);
  const plain = String(value);
  return [...new Set(plain.includes("e") ? [go] : [go, plain])];
}

interface Target {
  key: string;
  team: string | null;
  sourceName: string;
  targetName: string;
  operation: string | null;
  side: "client" | "server";
  /** Measured by delivery lag, which span metrics cannot show: only the availability SLI applies. */
  lagOnly: boolean;
  p99Ms: number;
  successTargetPercent: number;
  latencyTargetPercent: number;
  windowDays: number;
}

const SYNC_STYLES = new Set(["sync", "hybrid"]);

/** Live integration points with their telemetry match resolved as ingestion resolves it. */
export function ruleTargets(documents: CatalogDocument[]): Target[] {
  const services = new Map(documents.filter((d) => d.kind === "Service").map((s) => [s.metadata.name, s.spec]));
  const telemetryNameOf = (service: string) => (services.get(service)?.telemetryName as string | null | undefined) ?? service;
  return documents
    .filter((d) => d.kind === "Integration" && d.spec.lifecycle !== "retired")
    .sort((a, b) => (a.metadata.name < b.metadata.name ? -1 : a.metadata.name > b.metadata.name ? 1 : 0))
    .map((d) => {
      const spec = d.spec;
      const source = String(spec.sourceService);
      const telemetry = (spec.telemetry ?? {}) as { sourceName?: string | null; targetName?: string | null; operation?: string | null; side?: "client" | "server" };
      const slo = sloOf(d);
      return {
        key: d.metadata.name,
        team: (services.get(source)?.team as string | undefined) ?? null,
        sourceName: telemetry.sourceName ?? telemetryNameOf(source),
        targetName: telemetry.targetName ?? telemetryNameOf(String(spec.targetService)),
        operation: telemetry.operation ?? null,
        side: telemetry.side ?? "client",
        lagOnly: !SYNC_STYLES.has(String(spec.style)),
        p99Ms: (spec.budget as { p99Ms: number }).p99Ms,
        ...slo,
      };
    });
}

/** The span-metric series of one integration point, as a PromQL label selector body. */
function selector(t: Target, flavor: Flavor, extra: string[] = []): string {
  const client = t.side === "client";
  const matchers = [
    `${flavor.service}=${promString(client ? t.sourceName : t.targetName)}`,
    `${LABELS.spanKind}=~${promString(client ? "SPAN_KIND_CLIENT|SPAN_KIND_PRODUCER" : "SPAN_KIND_SERVER|SPAN_KIND_CONSUMER")}`,
    `${LABELS.peer}=${promString(client ? t.targetName : t.sourceName)}`,
    ...(t.operation ? [`${LABELS.spanName}=${promString(t.operation)}`] : []),
    ...extra,
  ];
  return `{${matchers.join(", ")}}`;
}

const recordName = (w: BurnWindow) => `edgewise:sli_error:ratio_rate${w}`;

function round(value: number): number {
  return Number(value.toPrecision(12));
}

function groupFor(t: Target, flavor: Flavor, options: RuleOptions) {
  const base = { integration: t.key, ...(t.team ? { team: t.team } : {}) };
  const count = (extra: string[] = []) => `${flavor.histogram}_count${selector(t, flavor, extra)}`;
  const le = `le=~${promString(leForms(t.p99Ms / flavor.msPerUnit).map(reQuote).join("|"))}`;
  const objectives = t.lagOnly ? (["availability"] as const) : (["availability", "latency"] as const);
  const records = objectives.flatMap((objective) =>
    BURN_WINDOWS.map((w) => {
      const total = `sum(rate(${count()}[${w}]))`;
      const expr =
        objective === "availability"
          ? // No error series until the first error: count none rather than leave the SLI empty.
            `(sum(rate(${count([`${LABELS.status}="STATUS_CODE_ERROR"`])}[${w}])) or vector(0)) / ${total}`
          : `1 - sum(rate(${flavor.histogram}_bucket${selector(t, flavor, [le])}[${w}])) / ${total}`;
      return { record: recordName(w), expr, labels: { ...base, objective } };
    }),
  );
  const link = `${options.baseUrl.replace(/\/+$/, "")}/catalog/${encodeURIComponent(t.key)}`;
  const idle = Object.fromEntries(BURN_WINDOWS.map((w) => [w, 0])) as Record<BurnWindow, number>;
  const thresholds = alertState(idle, t.windowDays).thresholds;
  const alerts = objectives.flatMap((objective) => {
    const targetPercent = objective === "availability" ? t.successTargetPercent : t.latencyTargetPercent;
    const sli = (w: BurnWindow) => `${recordName(w)}{integration=${promString(t.key)}, objective="${objective}"}`;
    const condition = (severity: "page" | "ticket") =>
      thresholds
        .filter((c) => c.severity === severity)
        .map((c) => {
          const ratio = round(c.factor * errorBudgetFraction(targetPercent));
          return `(${sli(c.long)} >= ${ratio} and ${sli(c.short)} >= ${ratio})`;
        })
        .join(" or ");
    return (["page", "ticket"] as const).map((severity) => {
      const pairs = thresholds.filter((c) => c.severity === severity);
      // One state at a time, as Edgewise's own alert state: a page is not also a ticket.
      const expr = severity === "page" ? condition("page") : `(${condition("ticket")}) unless (${condition("page")})`;
      const windows = pairs.map((c) => `${c.long}/${c.short} ≥ ${c.factor}`).join(", ");
      return {
        alert: BURN_ALERT,
        expr,
        labels: { ...base, severity: alertSeverity(severity), objective },
        annotations: {
          summary: `${t.key}: ${objective} error budget burning (${severity})`,
          description: `The ${objective} SLO (${targetPercent} % over ${t.windowDays} days) of ${t.key} burns its error budget at or above ${windows} times the sustainable rate over both windows.`,
          link,
        },
      };
    });
  });
  // Without a bucket boundary at the budget, the latency SLI is empty and its alerts could never fire: say so.
  const missing = t.lagOnly
    ? []
    : [
        {
          alert: MISSING_BUCKET_ALERT,
          expr: `sum(rate(${count()}[1h])) > 0 unless sum(rate(${flavor.histogram}_bucket${selector(t, flavor, [le])}[1h]))`,
          for: "15m",
          labels: { ...base, severity: alertSeverity("ticket"), objective: "latency" },
          annotations: {
            summary: `${t.key}: no histogram bucket at the p99 budget`,
            description: `The latency SLI of ${t.key} needs a bucket boundary at ${t.p99Ms} ms (le ${leForms(t.p99Ms / flavor.msPerUnit)[0]}) in ${flavor.histogram}; add it to the histogram's buckets.`,
            link,
          },
        },
      ];
  return { name: `edgewise:${t.key}`, rules: [...records, ...alerts, ...missing] };
}

/** The rule file as YAML text (`groups:`), one group per live integration point. */
export function toPrometheusRules(documents: CatalogDocument[], options: RuleOptions): string {
  const flavor = FLAVORS[options.metrics];
  const targets = ruleTargets(documents);
  const doc = new Document({ groups: targets.map((t) => groupFor(t, flavor, options)) });
  const lagOnly = targets.filter((t) => t.lagOnly).map((t) => t.key);
  doc.commentBefore = [
    ` Edgewise SLO rules over ${flavor.description}.`,
    ` Series: ${flavor.histogram}_bucket/_count with labels ${flavor.service}, ${LABELS.spanName}, ${LABELS.spanKind}, ${LABELS.status}, ${LABELS.peer}.`,
    ` Recording rules ${recordName("5m")} … ${recordName("3d")} hold each SLI's bad-call ratio; ${BURN_ALERT} pages (severity ${alertSeverity("page")}) at 1h/5m and 6h/30m,`,
    ` tickets (${alertSeverity("ticket")}) at 1d/2h and 3d/6h (factors 14.4, 6, 3, 1 for 30 days, scaled to each SLO window).`,
    ` The latency SLI needs a histogram bucket at each p99 budget (${MISSING_BUCKET_ALERT} says when it is missing).`,
    ...(lagOnly.length ? [` Asynchronous integration points are held to delivery lag, which span metrics cannot show: only availability for ${lagOnly.length} of them.`] : []),
  ].join("\n");
  return doc.toString({ lineWidth: 0, minContentWidth: 0 });
}
