// The findings cache: an estate change is seen at once; a minute passing answers the last findings
// while fresh ones are computed. A database of its own: any write elsewhere moves the estate stamp.
import { expect, it } from "vitest";
import { createIntegration, retireIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { allFindings } from "./findings";

useOwnDatabase("findings_cache");

it("recomputes at once when the estate changes, and in the background when only the minute moves on", async () => {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const first = await createIntegration(member, syncDeclaration(a.slug, b.slug));
  const t0 = Date.now();
  const before = await allFindings(new Date(t0));
  expect(before.some((f) => f.integration === first.view.key)).toBe(true);
  expect(await allFindings(new Date(t0))).toBe(before); // nothing moved: the same answer

  // A minute later: the last answer at once…
  expect(await allFindings(new Date(t0 + 60_000))).toBe(before);
  // …and a fresh one for a later reader, once computed.
  let later = before;
  for (let i = 0; i < 100 && later === before; i++) {
    await new Promise((r) => setTimeout(r, 20));
    later = await allFindings(new Date(t0 + 60_000));
  }
  expect(later).not.toBe(before);
  expect(later).toEqual(before);

  // A new declaration is in the very next answer.
  const second = await createIntegration(member, syncDeclaration(b.slug, a.slug));
  expect((await allFindings(new Date(t0 + 60_000))).some((f) => f.integration === second.view.key)).toBe(true);
  // Far from the last computation (an idle server), the clock is not trusted to be close: recomputed at once.
  const far = await allFindings(new Date(t0 + 10 * 60_000));
  expect(far).not.toBe(later);
});

it("keeps declarations between computations and reads only what changed, without missing a late commit, a deletion or a retirement", async () => {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const guarded = { resilience: { timeoutMs: 100 } }; // the p99 budget, and within the caller's (each calls the other)
  const first = (await createIntegration(member, syncDeclaration(a.slug, b.slug, guarded))).view.key;
  const second = (await createIntegration(member, syncDeclaration(b.slug, a.slug, guarded))).view.key;
  const t0 = Date.now();
  const ruleOn = (findings: { integration: string | null; rule: string }[], key: string, rule: string) => findings.some((f) => f.integration === key && f.rule === rule);
  const at = (minutes: number) => allFindings(new Date(t0 + minutes * 60_000));
  expect(ruleOn(await at(0), first, "sync-timeout-fits-budgets")).toBe(false);

  // A commit whose updated_at is older than the newest row already read (it committed late).
  await db().$executeRaw`UPDATE integration_points SET budget_p99_ms = 500 WHERE key = ${first}`;
  expect(ruleOn(await at(10), first, "sync-timeout-fits-budgets")).toBe(true);

  // A row deleted outright leaves no update to read: the count disagrees and everything is reloaded.
  expect((await at(10)).some((f) => f.integration === second)).toBe(true);
  await db().$executeRaw`DELETE FROM integration_points WHERE key = ${second}`;
  expect((await at(20)).some((f) => f.integration === second)).toBe(false);

  // Retired through the catalog: its findings go.
  await retireIntegration(member, first, "*");
  expect((await at(30)).some((f) => f.integration === first)).toBe(false);
});
