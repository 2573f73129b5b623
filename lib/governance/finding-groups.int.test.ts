// Findings grouped and paged through the API's data function, and bulk waivers: all or nothing,
// architects only, over the real database (issue 20).
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import * as bulkRoute from "@/app/api/waivers/bulk/route";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { createDecision } from "@/lib/decisions/records";
import { actorFor, makeService, makeTeam, makeUser, syncDeclaration } from "@/scripts/test/factories";
import { findingsQuerySchema, listFindings } from "./findings";
import { grantWaiver, grantWaivers } from "./waivers";

const TIMEOUT_RULE = "sync-timeout-declared";

/** A team owning three sync integration points without timeouts (three open sync-timeout-declared errors, among others). */
async function estate() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const architect = await actorFor("architect");
  const keys: string[] = [];
  for (let i = 0; i < 3; i++) keys.push((await createIntegration(architect, syncDeclaration(i === 1 ? b.slug : a.slug, i === 1 ? a.slug : b.slug))).view.key);
  const decision = (await createDecision(architect, { title: "Accept missing timeouts for the migration", integrations: keys })).number;
  return { team, architect, keys, decision };
}

const inDays = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString();
const waiversOn = (keys: string[]) => db().waiver.count({ where: { integration: { key: { in: keys } } } });
const terms = (decision: number) => ({ reason: "Accepted while the client migrates", expiresAt: inDays(30), decision });

describe("findings grouped and paged", () => {
  it("groups a team's findings by rule, team and integration with counts that match the findings themselves", async () => {
    const { team, architect, keys } = await estate();
    const plain = await listFindings(architect, { team: team.slug });
    expect(plain).not.toHaveProperty("groups");
    expect(plain.nextCursor).toBeNull();

    const byRule = await listFindings(architect, { team: team.slug, groupBy: "rule" });
    // Same findings, same counts as without grouping; only the order and the groups are new.
    expect(byRule.counts).toEqual(plain.counts);
    expect(byRule.items).toHaveLength(plain.items.length);
    const timeout = byRule.groups!.find((g) => g.key === TIMEOUT_RULE);
    expect(timeout).toEqual({ key: TIMEOUT_RULE, total: 3, waived: 0, open: { error: 3, warning: 0, info: 0 } });
    // Every group's total is the number of findings the plain rule filter answers.
    for (const g of byRule.groups!) expect(g.total, g.key ?? "").toBe(plain.items.filter((f) => f.rule === g.key).length);
    expect(byRule.groups!.reduce((n, g) => n + g.total, 0)).toBe(plain.items.length);
    // Items come group by group, in the groups' order.
    const order = byRule.groups!.map((g) => g.key);
    const seen = byRule.items.map((f) => order.indexOf(f.rule));
    expect(seen).toEqual([...seen].sort((x, y) => x - y));

    const byTeam = await listFindings(architect, { team: team.slug, groupBy: "team" });
    expect(byTeam.groups!.map((g) => [g.key, g.total])).toEqual([[team.slug, plain.items.length]]);

    const byIntegration = await listFindings(architect, { team: team.slug, groupBy: "integration" });
    expect(byIntegration.groups!.map((g) => g.key).sort()).toEqual([...keys].sort());
    for (const g of byIntegration.groups!) expect(g.open.error).toBeGreaterThanOrEqual(1);
  });

  it("pages with limit and cursor: the pages together are the whole grouped list, each finding once", async () => {
    const { team, architect } = await estate();
    const whole = await listFindings(architect, { team: team.slug, groupBy: "rule" });
    expect(whole.items.length).toBeGreaterThan(4);
    const seen: typeof whole.items = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listFindings(architect, { team: team.slug, groupBy: "rule", limit: 2, cursor });
      expect(page.total).toBe(whole.items.length);
      expect(page.groups).toEqual(whole.groups);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items);
      cursor = page.nextCursor ?? undefined;
      pages += 1;
    } while (cursor && pages < 100);
    expect(pages).toBe(Math.ceil(whole.items.length / 2));
    expect(seen).toEqual(whole.items);

    await expect(listFindings(architect, { team: team.slug, cursor: "bm9wZQ" })).rejects.toMatchObject({ code: "bad_request" });
    expect(findingsQuerySchema.safeParse({ groupBy: "severity" }).error?.issues[0]?.message).toBe("groupBy is one of rule, team, integration");
    expect(findingsQuerySchema.safeParse({ limit: "0" }).success).toBe(false);
    expect(findingsQuerySchema.safeParse({ limit: "501" }).success).toBe(false);
  });
});

describe("bulk waivers", () => {
  it("waive several findings citing one decision; they show as waived and each waiver is audited", async () => {
    const { team, architect, keys, decision } = await estate();
    const granted = await grantWaivers(architect, { findings: keys.map((integration) => ({ rule: TIMEOUT_RULE, integration })), ...terms(decision) });
    expect(granted.map((w) => w.integration)).toEqual(keys);
    expect(granted.every((w) => w.decision === decision && w.state === "active" && w.grantedBy === architect.email)).toBe(true);
    const after = await listFindings(architect, { team: team.slug, rule: TIMEOUT_RULE, groupBy: "rule" });
    expect(after.items.map((f) => f.waived)).toEqual([true, true, true]);
    expect(after.groups).toEqual([{ key: TIMEOUT_RULE, total: 3, waived: 3, open: { error: 0, warning: 0, info: 0 } }]);
    expect(await db().auditEvent.count({ where: { action: "waiver.grant", entityId: { in: granted.map((w) => w.id) } } })).toBe(3);
  });

  it("one bad finding refuses the whole request and nothing is waived", async () => {
    const { architect, keys, decision } = await estate();
    const good = keys.map((integration) => ({ rule: TIMEOUT_RULE, integration }));
    const attempts: [unknown, RegExp][] = [
      [{ findings: [...good, { rule: TIMEOUT_RULE, integration: "nobody->nowhere:never" }], ...terms(decision) }, /Unknown integration point nobody->nowhere:never; nothing was waived/],
      [{ findings: [good[0], { rule: "no-such-rule", integration: keys[1] }, good[2]], ...terms(decision) }, /Unknown rule no-such-rule; nothing was waived/],
      [{ findings: [...good, good[0]], ...terms(decision) }, /is listed twice/],
      [{ findings: good, ...terms(999_999) }, /No decision record ADR-999999/],
      [{ findings: good, ...terms(decision), expiresAt: "2020-01-01" }, /must expire in the future/],
      [{ findings: good, ...terms(decision), expiresAt: inDays(400) }, /at most 366 days/],
      [{ findings: good, ...terms(decision), reason: "short" }, /at least 10 characters/],
      [{ findings: [], ...terms(decision) }, /Choose at least one finding/],
    ];
    for (const [body, message] of attempts) await expect(grantWaivers(architect, body as never), String(message)).rejects.toThrow(message);
    expect(await waiversOn(keys)).toBe(0);

    // Every problem is named with its position.
    const refusal = await grantWaivers(architect, { findings: [good[0]!, { rule: TIMEOUT_RULE, integration: "x->y:1" }, { rule: TIMEOUT_RULE, integration: "x->y:2" }], ...terms(decision) }).catch((e: unknown) => e);
    expect(refusal).toMatchObject({
      code: "validation_failed",
      message: "Unknown integration point x->y:1 (and 1 more problem); nothing was waived",
      details: [
        { path: "findings.1.integration", message: "Unknown integration point x->y:1" },
        { path: "findings.2.integration", message: "Unknown integration point x->y:2" },
      ],
    });
    expect(await waiversOn(keys)).toBe(0);
  });

  it("like a single waiver, a pair that is not an open finding now is accepted: waivers may be granted ahead of a finding, or renewed", async () => {
    const { team, architect, keys, decision } = await estate();
    // sync-timeout-fits-budgets only judges declared timeouts; these integration points declare none.
    const notFiring = "sync-timeout-fits-budgets";
    expect((await listFindings(architect, { team: team.slug, rule: notFiring })).items).toEqual([]);
    const single = await grantWaiver(architect, { rule: notFiring, integration: keys[0]!, ...terms(decision) });
    const bulk = await grantWaivers(architect, { findings: keys.slice(1).map((integration) => ({ rule: notFiring, integration })), ...terms(decision) });
    expect([single, ...bulk].map((w) => [w.rule, w.integration, w.state])).toEqual(keys.map((k) => [notFiring, k, "active"]));
    // An already waived finding (not open) may be waived again with a later expiry.
    const first = await grantWaivers(architect, { findings: [{ rule: TIMEOUT_RULE, integration: keys[0]! }], ...terms(decision) });
    const renewed = await grantWaivers(architect, { findings: [{ rule: TIMEOUT_RULE, integration: keys[0]! }], ...terms(decision), expiresAt: inDays(60) });
    expect(renewed[0]!.id).not.toBe(first[0]!.id);
    expect(await waiversOn(keys)).toBe(5);
  });

  it("over HTTP: a member's token is refused with 403, an architect's 422 names the bad finding, and only a valid request writes", async () => {
    const { team, keys, decision } = await estate();
    const system = systemActor("bulk-waiver-test");
    const tokenFor = async (role: "member" | "architect") => (await createToken(system, { name: `bulk ${role}`, scopes: ["catalog:write"], userEmail: (await makeUser(role, [team.id])).email })).token;
    const post = async (token: string, body: unknown) => {
      const res = await bulkRoute.POST(
        new NextRequest("http://localhost/api/waivers/bulk", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": "application/json" }, body: JSON.stringify(body) }),
        { params: Promise.resolve({}) },
      );
      return { status: res.status, body: (await res.json()) as Record<string, unknown> };
    };
    const findings = keys.map((integration) => ({ rule: TIMEOUT_RULE, integration }));
    const [member, architect] = [await tokenFor("member"), await tokenFor("architect")];

    expect((await post(member, { findings, ...terms(decision) })).status).toBe(403);
    const bad = await post(architect, { findings: [...findings, { rule: TIMEOUT_RULE, integration: "gone->away:x" }], ...terms(decision) });
    expect(bad.status).toBe(422);
    expect(bad.body).toMatchObject({ error: { code: "validation_failed", details: [{ path: "findings.3.integration" }] } });
    expect(await waiversOn(keys)).toBe(0);

    const ok = await post(architect, { findings, ...terms(decision) });
    expect(ok.status).toBe(201);
    expect((ok.body.items as { integration: string }[]).map((w) => w.integration)).toEqual(keys);
    expect(ok.body.nextCursor).toBeNull();
    expect(await waiversOn(keys)).toBe(3);
  });
});
