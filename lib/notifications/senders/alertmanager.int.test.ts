// The Alertmanager sender against Debian's real Alertmanager 0.25: a firing slo.alert becomes an active
// alert with Edgewise's labels; its resolved event ends it.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { alertmanagerMissing, startAlertmanager, type RunningAlertmanager } from "@/scripts/test/alertmanager";
import type { ChannelTarget } from "../types";
import { send } from "./index";
import { sampleEvent } from "./sample-events";

const missing = alertmanagerMissing();
if (missing) console.warn(`Skipping the real-Alertmanager tests: ${missing}`);

describe.skipIf(missing)("alertmanager sender → real Alertmanager", () => {
  let am: RunningAlertmanager;
  let target: ChannelTarget;
  const options = { timeoutMs: 5000, appUrl: "https://edgewise.example.com" };
  beforeAll(async () => {
    am = await startAlertmanager();
    target = { kind: "alertmanager", url: am.url, secret: null };
  });
  afterAll(async () => {
    await am?.stop();
  });

  it("a firing slo.alert appears in GET /api/v2/alerts with the labels; its resolution ends it", async () => {
    const startedAt = new Date(Date.now() - 60_000).toISOString();
    const integration = `checkout->payments:authorize-${Date.now()}`;
    const firing = sampleEvent({ id: `${integration}:firing`, integration, occurredAt: startedAt });
    expect(await send(target, firing, options)).toMatchObject({ ok: true, status: 200 });

    // Selected here rather than with a ?filter= matcher, whose parsing differs between Alertmanager releases.
    const mine = async () => (await am.alerts()).filter((a) => a.labels.integration === integration);
    const active = await mine();
    expect(active).toHaveLength(1);
    const [alert] = active as [(typeof active)[number]];
    expect(alert.labels).toEqual({
      alertname: "EdgewiseSloAlert",
      integration,
      team: "payments-team",
      severity: "critical",
      objective: "availability",
    });
    expect(alert.annotations.summary).toBe(firing.summary);
    expect(alert.annotations.description).toContain("burnRates:");
    expect(alert.generatorURL).toBe(firing.link);
    expect(Date.parse(alert.startsAt)).toBe(Date.parse(startedAt));
    // Still active after Alertmanager's default resolve_timeout would have expired an alert without endsAt.
    expect(Date.parse(alert.endsAt)).toBeGreaterThan(Date.now() + 23 * 3_600_000);
    expect(alert.status.state).toBe("active");

    const resolved = sampleEvent({ id: `${integration}:resolved`, integration, state: "resolved", occurredAt: new Date(Date.now() - 1000).toISOString(), summary: "recovered" });
    expect(await send(target, resolved, options)).toMatchObject({ ok: true, status: 200 });
    expect(await mine()).toEqual([]);
    // Not merely hidden by a filter: Alertmanager's API lists no resolved alerts at all, and it has no other alert left.
    expect((await am.alerts([], { active: false })).filter((a) => a.labels.integration === integration)).toEqual([]);
  });

  it("keeps two integrations' episodes apart and resolves only the one that recovered", async () => {
    const stamp = Date.now();
    const a = `a->b:op-${stamp}`;
    const b = `c->d:op-${stamp}`;
    for (const integration of [a, b]) expect(await send(target, sampleEvent({ id: `${integration}:f`, integration, occurredAt: new Date().toISOString() }), options)).toMatchObject({ ok: true });
    await send(target, sampleEvent({ id: `${a}:r`, integration: a, state: "resolved", occurredAt: new Date().toISOString() }), options);
    const active = (await am.alerts()).filter((x) => x.labels.integration?.endsWith(`-${stamp}`));
    expect(active.map((x) => x.labels.integration)).toEqual([b]);
  });

  it("a one-off event is active now and ends on its own within minutes", async () => {
    const event = sampleEvent({ type: "decision.review_requested", state: null, integration: null, decision: 4242, severity: "info", data: {}, occurredAt: new Date().toISOString() });
    expect(await send(target, event, options)).toMatchObject({ ok: true });
    const [alert] = (await am.alerts()).filter((x) => x.labels.decision === "4242");
    expect(alert?.labels).toEqual({ alertname: "EdgewiseDecisionReviewRequested", severity: "info", decision: "4242", team: "payments-team" });
    expect(Date.parse(alert!.endsAt) - Date.parse(event.occurredAt)).toBe(15 * 60_000);
  });

  it("Alertmanager's rejection of a malformed alert is a permanent failure", async () => {
    // generatorURL must be a URI; a link that is not one (and cannot be resolved) is refused with 422.
    const outcome = await send(target, sampleEvent({ link: "http://[bad" }), { ...options, appUrl: "not a url" });
    expect(outcome).toMatchObject({ ok: false, retry: false, status: 422 });
  });
});
