import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration, unique } from "@/scripts/test/factories";
import { createDecision } from "@/lib/decisions/records";
import { listFindings } from "./findings";
import { createJourney, getJourney, updateJourney } from "./journeys";
import { listPolicies, updatePolicy } from "./policies";
import { scorecards } from "./scorecards";
import { grantWaiver, listWaivers, revokeWaiver } from "./waivers";

/** A team with one sync integration that has no timeout: one open error finding. */
async function weakEstate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const architect = await actorFor("architect");
  const { view } = await createIntegration(architect, syncDeclaration(a.slug, b.slug));
  const decision = await createDecision(architect, { title: "Accept the legacy client's missing timeout", integrations: [view.key] });
  return { team, a, b, architect, key: view.key, decision: decision.number };
}

const findingsFor = async (actor: Parameters<typeof listFindings>[0], key: string, now?: Date) =>
  (await listFindings(actor, { integration: key, rule: "sync-timeout-declared" }, now)).items;

describe("waivers", () => {
  it("an architect waives a finding; it shows as waived until the waiver expires or is revoked", async () => {
    const { architect, key, decision } = await weakEstate();
    expect((await findingsFor(architect, key)).map((f) => f.waived)).toEqual([false]);

    const waiver = await grantWaiver(architect, { rule: "sync-timeout-declared", integration: key, reason: "Legacy client; timeout added in Q1", expiresAt: new Date(Date.now() + 86_400_000).toISOString(), decision });
    expect(waiver).toMatchObject({ state: "active", decision, grantedBy: architect.email });
    const [waived] = await findingsFor(architect, key);
    expect(waived).toMatchObject({ waived: true, waiver: { id: waiver.id, reason: "Legacy client; timeout added in Q1", decision } });

    // The day after expiry the finding is open again.
    expect((await findingsFor(architect, key, new Date(Date.now() + 2 * 86_400_000)))[0]).toMatchObject({ waived: false, waiver: null });

    await revokeWaiver(architect, waiver.id);
    expect((await findingsFor(architect, key))[0]).toMatchObject({ waived: false });
    expect((await listWaivers(architect, { integration: key, state: "revoked" })).map((w) => w.id)).toEqual([waiver.id]);
  });

  it("a member cannot grant; bad input is refused with a clear message", async () => {
    const { team, architect, key, decision } = await weakEstate();
    const member = await actorFor("member", [team.id]);
    const valid = { rule: "sync-timeout-declared", integration: key, reason: "because we must", expiresAt: "2099-01-01", decision };
    const soon = new Date(Date.now() + 86_400_000).toISOString();
    await expect(grantWaiver(architect, { ...valid, expiresAt: soon, decision: undefined as never })).rejects.toThrow(/Cite the decision record/);
    await expect(grantWaiver(architect, { ...valid, expiresAt: soon, decision: 999_999 })).rejects.toThrow("No decision record ADR-999999");
    // Past PostgreSQL's integer: a validation error, not P2020 from the lookup (a 500, found by the hostile fuzz shapes of issue 21).
    await expect(grantWaiver(architect, { ...valid, expiresAt: soon, decision: 2 ** 31 })).rejects.toThrow(/Record numbers are at most 999999999/);
    await expect(grantWaiver(member, valid)).rejects.toMatchObject({ code: "forbidden" });
    await expect(grantWaiver(architect, { ...valid, rule: "no-such-rule" })).rejects.toThrow(/Unknown rule no-such-rule/);
    await expect(grantWaiver(architect, { ...valid, expiresAt: "2020-01-01" })).rejects.toThrow(/must expire in the future/);
    await expect(grantWaiver(architect, { ...valid, expiresAt: "2099-01-01" })).rejects.toThrow(/at most 366 days/);
    await expect(grantWaiver(architect, { ...valid, reason: "short", expiresAt: new Date(Date.now() + 86_400_000).toISOString() })).rejects.toThrow(/at least 10 characters/);
    expect(await db().waiver.count({ where: { integration: { key } } })).toBe(0);
  });
});

describe("journeys", () => {
  it("composes the budget, reports the overrun as a finding, and follows edits", async () => {
    const { team, a, b, architect, key } = await weakEstate();
    const { view: second } = await createIntegration(architect, syncDeclaration(b.slug, a.slug, { budget: { p99Ms: 300 } }));
    const slug = unique("journey");
    const journey = await createJourney(architect, { slug, name: "Buy", team: team.slug, budgetP99Ms: 350, criticality: "high", description: "kept", steps: [key, second.key] });
    expect(journey.composition).toMatchObject({ syncTotalMs: 400, slackMs: -50, syncHops: 2 });
    // The journey's findings include those of its steps (the first step declares no timeout).
    expect((await listFindings(architect, { journey: slug, rule: "sync-timeout-declared" })).items.map((f) => f.integration)).toContain(key);
    const findings = await listFindings(architect, { journey: slug, rule: "journey-budget-composition" });
    expect(findings.items.map((f) => f.message)).toEqual([`Journey Buy: synchronous p99 budgets add up to 400 ms, 50 ms over its 350 ms budget.`]);
    expect(findings.items[0]!.team).toBe(team.slug);

    await updateJourney(architect, slug, { budgetP99Ms: 500 });
    const updated = await getJourney(architect, slug);
    expect(updated.composition.slackMs).toBe(100);
    expect(updated).toMatchObject({ description: "kept", criticality: "high" });
    expect((await listFindings(architect, { journey: slug, rule: "journey-budget-composition" })).items).toEqual([]);
    await expect(createJourney(architect, { slug: unique("j"), name: "X", team: team.slug, budgetP99Ms: 100, steps: ["a->b:nope"] })).rejects.toThrow("Unknown integration point: a->b:nope");
  });
});

describe("policy settings and scorecards", () => {
  it("architects switch a rule off and tune thresholds; members cannot; changes are audited", async () => {
    const { architect, key } = await weakEstate();
    const member = await actorFor("member");
    await expect(updatePolicy(member, "journey-chain-depth", { thresholds: { maxHops: 3 } })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updatePolicy(architect, "journey-chain-depth", { thresholds: { maxHops: 99 } })).rejects.toThrow(/between 1 and 20/);
    const tuned = await updatePolicy(architect, "journey-chain-depth", { thresholds: { maxHops: 3 } });
    expect(tuned.thresholds).toEqual([{ name: "maxHops", value: 3, spec: expect.objectContaining({ default: 4 }) }]);
    await updatePolicy(architect, "sync-timeout-declared", { enabled: false });
    try {
      expect(await findingsFor(architect, key)).toEqual([]);
      expect((await listPolicies(architect)).find((p) => p.id === "sync-timeout-declared")?.enabled).toBe(false);
    } finally {
      await updatePolicy(architect, "sync-timeout-declared", { enabled: true });
      await updatePolicy(architect, "journey-chain-depth", { thresholds: { maxHops: 4 } });
    }
    const audit = await db().auditEvent.findMany({ where: { entityType: "policy", entityId: "sync-timeout-declared" }, orderBy: { id: "asc" } });
    expect(audit.slice(-2).map((a) => (a.after as { enabled: boolean }).enabled)).toEqual([false, true]);
  });

  it("scores a team and snapshots the day once", async () => {
    const { team, architect, key, decision } = await weakEstate();
    const before = (await scorecards(architect)).find((s) => s.team === team.slug)!;
    expect(before).toMatchObject({ total: 1, passing: 0, level: "none" });
    await grantWaiver(architect, { rule: "sync-timeout-declared", integration: key, reason: "accepted for the quarter", expiresAt: new Date(Date.now() + 86_400_000).toISOString(), decision });
    const after = (await scorecards(architect)).find((s) => s.team === team.slug)!;
    expect(after.counts.waived).toBeGreaterThanOrEqual(1);
    expect(after.trend).toHaveLength(1);
    expect(await db().scorecardSnapshot.count({ where: { teamId: team.id } })).toBe(1);
  });
});

describe("retired steps", () => {
  it("stay listed on the journey but leave its synchronous chain", async () => {
    const { team, a, b, architect, key } = await weakEstate();
    const { view: slow } = await createIntegration(architect, syncDeclaration(b.slug, a.slug, { budget: { p99Ms: 500 } }));
    const slug = unique("journey");
    await createJourney(architect, { slug, name: "Chain", team: team.slug, budgetP99Ms: 400, steps: [key, slow.key] });
    expect((await getJourney(architect, slug)).composition.slackMs).toBe(-200);
    const { retireIntegration } = await import("@/lib/catalog/integrations");
    await retireIntegration(architect, slow.key, null);
    const after = await getJourney(architect, slug);
    expect(after.steps).toEqual([key, slow.key]);
    expect(after.composition).toMatchObject({ syncTotalMs: 100, slackMs: 300, syncHops: 1 });
    expect((await listFindings(architect, { journey: slug, rule: "journey-budget-composition" })).items).toEqual([]);
  });
});
