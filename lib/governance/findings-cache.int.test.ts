// The findings cache: an estate change is seen at once; a minute passing answers the last findings
// while fresh ones are computed. A database of its own: any write elsewhere moves the estate stamp.
import { expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
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
