import { describe, expect, it } from "vitest";
import { parse } from "yaml";
import { alertLabels } from "@/lib/notifications/senders/alertmanager";
import { sampleEvent } from "@/lib/notifications/senders/sample-events";
import { BURN_ALERT, leForms, MISSING_BUCKET_ALERT, promString, ruleTargets, toPrometheusRules } from "./prometheus-rules";
import { API_VERSION, type CatalogDocument } from "./types";

const doc = (kind: CatalogDocument["kind"], name: string, spec: Record<string, unknown>): CatalogDocument => ({ apiVersion: API_VERSION, kind, metadata: { name }, spec });

const estate: CatalogDocument[] = [
  doc("Team", "payments-team", { name: "Payments" }),
  doc("Service", "checkout", { name: "Checkout", team: "payments-team", telemetryName: "checkout-svc" }),
  doc("Service", "payments", { name: "Payments", team: "payments-team" }),
  doc("Integration", "checkout->payments:authorize", {
    sourceService: "checkout",
    targetService: "payments",
    operation: "authorize",
    style: "sync",
    budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 },
    slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
  }),
  doc("Integration", "payments->checkout:paid", {
    sourceService: "payments",
    targetService: "checkout",
    operation: "paid",
    style: "async-event",
    budget: { p50Ms: 1000, p95Ms: 5000, p99Ms: 10000 },
    telemetry: { sourceName: null, targetName: "orders.paid", operation: "publish paid", side: "client" },
  }),
  doc("Integration", "checkout->payments:old", { sourceService: "checkout", targetService: "payments", operation: "old", style: "sync", lifecycle: "retired", budget: { p50Ms: 1, p95Ms: 2, p99Ms: 3 } }),
];

interface Rule {
  record?: string;
  alert?: string;
  expr: string;
  for?: string;
  labels: Record<string, string>;
  annotations?: Record<string, string>;
}

const groups = (metrics: "collector" | "tempo") => (parse(toPrometheusRules(estate, { metrics, baseUrl: "https://edgewise.example.com/" })) as { groups: { name: string; rules: Rule[] }[] }).groups;

describe("leForms", () => {
  it.each([
    [250, ["250"]],
    [0.25, ["0.25"]],
    [1, ["1"]],
    [100_000, ["100000"]],
    [1_000_000, ["1e+06", "1000000"]],
    [2_500_000, ["2.5e+06", "2500000"]],
    [0.0001, ["0.0001"]],
    [0.00005, ["5e-05", "0.00005"]],
  ])("%d is written as %j", (value, forms) => {
    expect(leForms(value)).toEqual(forms);
  });
});

describe("promString", () => {
  it("escapes backslashes, quotes and newlines as Go strings do", () => {
    expect(promString('a"b\\c\nd')).toBe('"a\\"b\\\\c\\nd"');
  });
});

describe("ruleTargets", () => {
  it("resolves telemetry names from the services and skips retired integration points", () => {
    const targets = ruleTargets(estate);
    expect(targets.map((t) => t.key)).toEqual(["checkout->payments:authorize", "payments->checkout:paid"]);
    expect(targets[0]).toMatchObject({ sourceName: "checkout-svc", targetName: "payments", team: "payments-team", lagOnly: false, windowDays: 28 });
    expect(targets[1]).toMatchObject({ sourceName: "payments", targetName: "orders.paid", operation: "publish paid", lagOnly: true, windowDays: 28 });
  });
});

describe("toPrometheusRules", () => {
  it("writes one group per live integration point with 7 windows per objective and the burn-rate alerts", () => {
    const [sync, async] = groups("collector");
    expect(sync?.name).toBe("edgewise:checkout->payments:authorize");
    const records = sync!.rules.filter((r) => r.record);
    expect(records).toHaveLength(14);
    expect(new Set(records.map((r) => r.record))).toEqual(new Set(["5m", "30m", "1h", "2h", "6h", "1d", "3d"].map((w) => `edgewise:sli_error:ratio_rate${w}`)));
    expect(sync!.rules.filter((r) => r.alert === BURN_ALERT).map((r) => [r.labels.objective, r.labels.severity])).toEqual([
      ["availability", "critical"],
      ["availability", "warning"],
      ["latency", "critical"],
      ["latency", "warning"],
    ]);
    expect(sync!.rules.filter((r) => r.alert === MISSING_BUCKET_ALERT)).toHaveLength(1);
    // Delivery lag is not in span metrics: availability only, and no missing-bucket alert.
    expect(async!.rules.filter((r) => r.record)).toHaveLength(7);
    expect(async!.rules.every((r) => r.labels.objective === "availability")).toBe(true);
  });

  it("selects the caller's client spans to the callee, errors by status code, the budget's bucket for latency", () => {
    const sync = groups("collector")[0]!;
    const availability5m = sync.rules.find((r) => r.record === "edgewise:sli_error:ratio_rate5m" && r.labels.objective === "availability")!;
    const sel = 'service_name="checkout-svc", span_kind=~"SPAN_KIND_CLIENT|SPAN_KIND_PRODUCER", peer_service="payments"';
    expect(availability5m.expr).toBe(
      `(sum(rate(traces_span_metrics_duration_milliseconds_count{${sel}, status_code="STATUS_CODE_ERROR"}[5m])) or vector(0)) / sum(rate(traces_span_metrics_duration_milliseconds_count{${sel}}[5m]))`,
    );
    expect(availability5m.labels).toEqual({ integration: "checkout->payments:authorize", team: "payments-team", objective: "availability" });
    const latency1h = sync.rules.find((r) => r.record === "edgewise:sli_error:ratio_rate1h" && r.labels.objective === "latency")!;
    expect(latency1h.expr).toBe(`1 - sum(rate(traces_span_metrics_duration_milliseconds_bucket{${sel}, le=~"250"}[1h])) / sum(rate(traces_span_metrics_duration_milliseconds_count{${sel}}[1h]))`);
  });

  it("reads Tempo's series in seconds, with its service label and the operation as span name", () => {
    const [sync, async] = groups("tempo");
    const latency = sync!.rules.find((r) => r.record === "edgewise:sli_error:ratio_rate5m" && r.labels.objective === "latency")!;
    expect(latency.expr).toContain('traces_spanmetrics_latency_bucket{service="checkout-svc", span_kind=~"SPAN_KIND_CLIENT|SPAN_KIND_PRODUCER", peer_service="payments", le=~"0\\\\.25"}[5m]');
    const availability = async!.rules.find((r) => r.record === "edgewise:sli_error:ratio_rate5m")!;
    expect(availability.expr).toContain('traces_spanmetrics_latency_count{service="payments", span_kind=~"SPAN_KIND_CLIENT|SPAN_KIND_PRODUCER", peer_service="orders.paid", span_name="publish paid", status_code="STATUS_CODE_ERROR"}');
  });

  it("scales the burn factors to the SLO window and turns them into bad-call ratios", () => {
    const sync = groups("collector")[0]!;
    const page = sync.rules.find((r) => r.alert === BURN_ALERT && r.labels.objective === "availability" && r.labels.severity === "critical")!;
    // 28-day window: 14.4 × 28/30 = 13.44 and 6 × 28/30 = 5.6; budget 0.05 % → 0.00672 and 0.0028.
    const sli = (w: string) => `edgewise:sli_error:ratio_rate${w}{integration="checkout->payments:authorize", objective="availability"}`;
    expect(page.expr).toBe(`(${sli("1h")} >= 0.00672 and ${sli("5m")} >= 0.00672) or (${sli("6h")} >= 0.0028 and ${sli("30m")} >= 0.0028)`);
    const ticket = sync.rules.find((r) => r.alert === BURN_ALERT && r.labels.objective === "latency" && r.labels.severity === "warning")!;
    // 3 × 28/30 = 2.8 and 1 × 28/30 = 0.933; latency budget 1 % → 0.028 and 0.00933.
    expect(ticket.expr).toMatch(/^\(\(edgewise.*\)\) unless \(\(edgewise:sli_error:ratio_rate1h.* >= 0\.1344 and .*ratio_rate5m.* >= 0\.1344\) or \(.*ratio_rate6h.* >= 0\.056 and .*ratio_rate30m.* >= 0\.056\)\)$/);
    expect(ticket.expr.split(" unless ")[0]).toBe(
      "((edgewise:sli_error:ratio_rate1d{integration=\"checkout->payments:authorize\", objective=\"latency\"} >= 0.028 and edgewise:sli_error:ratio_rate2h{integration=\"checkout->payments:authorize\", objective=\"latency\"} >= 0.028)" +
        " or (edgewise:sli_error:ratio_rate3d{integration=\"checkout->payments:authorize\", objective=\"latency\"} >= 0.00933 and edgewise:sli_error:ratio_rate6h{integration=\"checkout->payments:authorize\", objective=\"latency\"} >= 0.00933))",
    );
    expect(page.labels).toEqual({ integration: "checkout->payments:authorize", team: "payments-team", severity: "critical", objective: "availability" });
    expect(page.annotations?.link).toBe("https://edgewise.example.com/catalog/checkout-%3Epayments%3Aauthorize");
  });

  it("labels a page exactly as the Alertmanager channel labels the same episode, so one route (and one alert) serves both", () => {
    const sync = groups("collector")[0]!;
    const page = sync.rules.find((r) => r.alert === BURN_ALERT && r.labels.objective === "availability" && r.labels.severity === "critical")!;
    // The sample is the channel's firing page for this integration point's availability SLO.
    expect({ alertname: page.alert, ...page.labels }).toEqual(alertLabels(sampleEvent()));
    const ticket = sampleEvent({ severity: "warning", data: { objective: "latency", alert: "ticket" } });
    const latencyTicket = sync.rules.find((r) => r.alert === BURN_ALERT && r.labels.objective === "latency" && r.labels.severity === "warning")!;
    expect({ alertname: latencyTicket.alert, ...latencyTicket.labels }).toEqual(alertLabels(ticket));
  });

  it("escapes names that PromQL strings cannot hold as they are", () => {
    const odd = estate.map((d) => (d.metadata.name === "checkout" ? { ...d, spec: { ...d.spec, telemetryName: 'we"ird\\name' } } : d));
    const text = toPrometheusRules(odd, { metrics: "collector", baseUrl: "http://x" });
    const rule = (parse(text) as { groups: { rules: Rule[] }[] }).groups[0]!.rules[0]!;
    expect(rule.expr).toContain('service_name="we\\"ird\\\\name"');
  });
});
