// Events written by the state changes that cause them, in their transaction: a burn that starts and
// ends (driven through refreshHealth with buckets, as the health tests do), the decision workflow,
// the findings pass and the waiver-expiry pass — each once, however often the pass runs.
import { describe, expect, it } from "vitest";
import { createIntegration, retireIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { createDecision, reviewDecision, transitionDecision } from "@/lib/decisions/records";
import { findingsPass, waiverExpiryPass } from "@/lib/governance/notification-passes";
import { grantWaiver } from "@/lib/governance/waivers";
import { refreshHealth } from "@/lib/slo/health";
import { emptyHistogram, record } from "@/lib/telemetry/histogram";
import { rollUp } from "@/lib/telemetry/rollup";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { createChannel, createRule } from "./channels";

// The passes look at the whole estate: a database of its own.
useOwnDatabase("events");

const MINUTE = 60_000;
const NOW = new Date(Math.floor(Date.now() / MINUTE) * MINUTE);
const at = (minutes: number) => new Date(NOW.getTime() + minutes * MINUTE);

async function bucket(integrationId: string, minutesAgo: number, calls: number, errors = 0) {
  const h = emptyHistogram();
  record(h, 20, calls);
  await db().$executeRaw`INSERT INTO latency_buckets (series_key, resolution, start, count, errors, histogram)
    VALUES (${integrationId}, 'minute', ${new Date(NOW.getTime() - minutesAgo * MINUTE)}, ${h.count}, ${errors}, ${JSON.stringify(h)}::jsonb)`;
}

const eventsOf = (type: string, integration: string) => db().notificationEvent.findMany({ where: { type, integration }, orderBy: { occurredAt: "asc" } });

describe("notification events from state changes", () => {
  it("a burn that starts and ends fires exactly one slo.alert and resolves it once, delivered to the matching rule's channel", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const admin = await actorFor("admin");
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug, { slo: { successTargetPercent: 99.9, latencyTargetPercent: 99, windowDays: 28 } }));
    const pages = await createChannel(admin, { name: "pages", kind: "webhook", url: "http://127.0.0.1:9/hook", team: team.slug });
    await createRule(admin, { name: "pages only", events: ["slo.alert"], filters: { minSeverity: "critical" }, channelId: pages.id, muted: false });
    const muted = await createChannel(admin, { name: "muted", kind: "webhook", url: "http://127.0.0.1:9/hook" });
    await createRule(admin, { name: "muted", events: ["slo.alert"], filters: {}, channelId: muted.id, muted: true });

    // 2 % errors in the last 5 minutes out of a long clean history: a page-level burn (1 h and 5 m ≥ 13.44).
    for (let m = 1; m <= 5; m++) await bucket(view.id, m, 1000, 20);
    for (let m = 90; m < 60 * 24; m += 60) await bucket(view.id, m, 100_000);
    await rollUp(NOW);

    await refreshHealth(NOW); // the burn starts
    await refreshHealth(at(1)); // still burning (the 5 m window holds 4 of the 5 minutes)
    await refreshHealth(at(10)); // the 5 m window is clean: the page condition no longer holds
    await refreshHealth(at(11));

    const alerts = await eventsOf("slo.alert", view.key);
    expect(alerts.map((e) => [e.state, e.severity, (e.data as { objective: string }).objective])).toEqual([
      ["firing", "critical", "availability"],
      ["resolved", "critical", "availability"],
    ]);
    const since = NOW.toISOString();
    expect(alerts.map((e) => e.id)).toEqual([`slo.alert:${view.key}:availability:${since}:firing`, `slo.alert:${view.key}:availability:${since}:resolved`]);
    expect(alerts[0]).toMatchObject({ team: team.slug, link: expect.stringMatching(/^https?:\/\/.+\/catalog\//) });
    expect((alerts[0]!.data as { burnRates: Record<string, number> }).burnRates["1h"]).toBeCloseTo(20, 6);
    expect(await db().notificationDelivery.findMany({ where: { eventId: { in: alerts.map((e) => e.id) } }, select: { channelId: true } })).toEqual([
      { channelId: pages.id },
      { channelId: pages.id },
    ]);

    // The status episode too: breaching, then recovered.
    const status = await eventsOf("integration.status", view.key);
    expect(status.map((e) => e.state)).toEqual(["firing", "resolved"]);
    // A second refresh at the same time records nothing new.
    const count = await db().notificationEvent.count();
    await refreshHealth(at(11));
    expect(await db().notificationEvent.count()).toBe(count);
  });

  it("the decision workflow: a review request and an acceptance, with the integration's team", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const architect = await actorFor("architect");
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const d = await createDecision(member, { title: "Authorize asynchronously", integrations: [view.key] });
    await transitionDecision(member, d.number, { to: "proposed" });
    await reviewDecision(architect, d.number, { verdict: "approve" });
    await transitionDecision(architect, d.number, { to: "accepted" });
    const events = await db().notificationEvent.findMany({ where: { decision: d.number }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.type, e.team, e.integration])).toEqual([
      ["decision.review_requested", team.slug, view.key],
      ["decision.accepted", team.slug, view.key],
    ]);
    expect(events[1]!.link).toMatch(new RegExp(`/decisions/${d.number}$`));
  });

  it("findings pass: opened once however often it runs, resolved when the finding goes away", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    // No timeout declared on a synchronous call: the sync-timeout rule finds it.
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const first = await findingsPass(NOW);
    expect(first.ran).toBe(true);
    const opened = await eventsOf("finding.opened", view.key);
    expect(opened.length).toBeGreaterThan(0);
    expect(opened.every((e) => e.state === "firing" && e.team === team.slug)).toBe(true);
    expect(await findingsPass(at(1))).toMatchObject({ opened: 0, resolved: 0 });

    await retireIntegration(member, view.key, "*");
    const after = await findingsPass(at(2));
    const resolved = await eventsOf("finding.resolved", view.key);
    expect(resolved.map((e) => (e.data as { rule: string }).rule).sort()).toEqual(opened.map((e) => (e.data as { rule: string }).rule).sort());
    expect(after.resolved).toBeGreaterThanOrEqual(resolved.length);
    expect(await db().findingState.count({ where: { integration: view.key } })).toBe(0);
  });

  it("waiver expiry: the 7-day notice once, then the 1-day notice once", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const architect = await actorFor("architect");
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const d = await createDecision(member, { title: "Accept the missing timeout" });
    const expiresAt = new Date(NOW.getTime() + 3 * 86_400_000);
    const waiver = await grantWaiver(architect, { rule: "sync-timeout-declared", integration: view.key, reason: "Timeouts come with the next release", expiresAt: expiresAt.toISOString(), decision: d.number }, NOW);
    expect(await waiverExpiryPass(NOW)).toBe(1);
    expect(await waiverExpiryPass(at(60))).toBe(0);
    expect(await waiverExpiryPass(new Date(expiresAt.getTime() - 12 * 3_600_000))).toBe(1);
    const events = await db().notificationEvent.findMany({ where: { type: "waiver.expiring", integration: view.key }, orderBy: { occurredAt: "asc" } });
    expect(events.map((e) => [e.id, e.severity])).toEqual([
      [`waiver.expiring:${waiver.id}:7d`, "info"],
      [`waiver.expiring:${waiver.id}:1d`, "warning"],
    ]);
  });
});
