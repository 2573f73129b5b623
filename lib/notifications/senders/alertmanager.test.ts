import { describe, expect, it } from "vitest";
import { EVENT_TYPES } from "../types";
import { ALERT_NAMES, alertFor, alertLabels, alertmanagerRequest, alertsUrl, FIRING_HOLD_MS, ONE_OFF_MS } from "./alertmanager";
import { sampleEvent } from "./sample-events";

const appUrl = "https://edgewise.example.com";

describe("alert names", () => {
  it("names every event type, as a valid Prometheus label value starting with Edgewise", () => {
    for (const type of EVENT_TYPES) expect(ALERT_NAMES[type]).toMatch(/^Edgewise[A-Z][A-Za-z]+$/);
    expect(ALERT_NAMES["slo.alert"]).toBe("EdgewiseSloAlert");
    expect(ALERT_NAMES["integration.status"]).toBe("EdgewiseIntegrationStatus");
    expect(ALERT_NAMES["finding.resolved"]).toBe(ALERT_NAMES["finding.opened"]);
  });
});

describe("labels", () => {
  it("carry alertname, integration, team, severity and objective", () => {
    expect(alertLabels(sampleEvent())).toEqual({
      alertname: "EdgewiseSloAlert",
      integration: "checkout->payments:authorize",
      team: "payments-team",
      severity: "critical",
      objective: "availability",
    });
  });
  it("are the same for the firing and the resolved event of an episode (Alertmanager matches by labels)", () => {
    const firing = sampleEvent();
    const resolved = sampleEvent({ id: "other", state: "resolved", occurredAt: "2026-12-03T13:00:00.000Z", summary: "recovered", data: { objective: "availability", alert: "none" } });
    expect(alertLabels(resolved)).toEqual(alertLabels(firing));
    const opened = sampleEvent({ type: "finding.opened", state: null, severity: "warning", data: { rule: "sync-timeout-declared" } });
    const closed = sampleEvent({ type: "finding.resolved", state: null, severity: "warning", data: { rule: "sync-timeout-declared" } });
    expect(alertLabels(closed)).toEqual(alertLabels(opened));
    expect(alertLabels(opened)).toMatchObject({ alertname: "EdgewiseFinding", rule: "sync-timeout-declared" });
  });
  it("leave absent values out and keep distinct decisions apart", () => {
    const labels = alertLabels(sampleEvent({ type: "decision.review_requested", state: null, integration: null, team: null, decision: 12, data: {} }));
    expect(labels).toEqual({ alertname: "EdgewiseDecisionReviewRequested", severity: "critical", decision: "12" });
  });
  it("give every test event its own alert", () => {
    expect(alertLabels(sampleEvent({ type: "test", id: "t-1", data: {} }))).toMatchObject({ alertname: "EdgewiseTest", event_id: "t-1" });
  });
});

describe("the alert", () => {
  it("fires from occurredAt and holds a day, with summary, description and generatorURL", () => {
    const alert = alertFor(sampleEvent(), appUrl);
    expect(alert).toEqual({
      labels: alertLabels(sampleEvent()),
      annotations: {
        summary: sampleEvent().summary,
        description: `${sampleEvent().summary}\nalert: page\nburnRates: {"1h":15.2,"5m":21.4}\nobjective: availability\nsuccessTargetPercent: 99.95\nwindowDays: 28`,
      },
      startsAt: "2026-12-03T12:00:00.000Z",
      endsAt: new Date(Date.parse("2026-12-03T12:00:00.000Z") + FIRING_HOLD_MS).toISOString(),
      generatorURL: sampleEvent().link,
    });
    expect(FIRING_HOLD_MS).toBe(86_400_000);
  });
  it("ends at the resolution time; startsAt is the episode's start when known, else left to the firing alert", () => {
    const alert = alertFor(sampleEvent({ state: "resolved", occurredAt: "2026-12-03T13:10:00.000Z" }), appUrl);
    expect(alert.endsAt).toBe("2026-12-03T13:10:00.000Z");
    expect(alert).not.toHaveProperty("startsAt");
    expect(alertFor(sampleEvent({ type: "finding.resolved", state: null }), appUrl).endsAt).toBe("2026-12-03T12:00:00.000Z");
    const withStart = alertFor(sampleEvent({ state: "resolved", occurredAt: "2026-12-03T13:10:00.000Z", data: { since: "2026-12-03T12:00:00.000Z" } }), appUrl);
    expect(withStart).toMatchObject({ startsAt: "2026-12-03T12:00:00.000Z", endsAt: "2026-12-03T13:10:00.000Z" });
    expect(alertFor(sampleEvent({ state: "resolved", data: { since: "yesterday" } }), appUrl)).not.toHaveProperty("startsAt");
  });
  it("gives one-off events a short life", () => {
    const alert = alertFor(sampleEvent({ type: "decision.accepted", state: null, decision: 3, link: "/decisions/3" }), appUrl);
    expect(alert).toMatchObject({ startsAt: "2026-12-03T12:00:00.000Z", endsAt: "2026-12-03T12:15:00.000Z", generatorURL: "https://edgewise.example.com/decisions/3" });
    expect(ONE_OFF_MS).toBe(15 * 60_000);
  });
});

describe("the request", () => {
  it.each([
    ["http://127.0.0.1:9093", "http://127.0.0.1:9093/api/v2/alerts"],
    ["http://127.0.0.1:9093/", "http://127.0.0.1:9093/api/v2/alerts"],
    ["https://am.example.com/alertmanager//", "https://am.example.com/alertmanager/api/v2/alerts"],
  ])("%s → %s", (base, url) => expect(alertsUrl(base)).toBe(url));
  it("posts a one-element list as JSON", () => {
    const request = alertmanagerRequest({ kind: "alertmanager", url: "http://am:9093", secret: null }, sampleEvent(), { appUrl });
    expect(request.headers["Content-Type"]).toBe("application/json");
    expect(JSON.parse(request.body)).toEqual([alertFor(sampleEvent(), appUrl)]);
  });
});
