import { describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { inboxCount, listDecisions } from "./list";
import { toMadr } from "./markdown";
import { createDecision, getDecision, reviewDecision, transitionDecision, updateDecision } from "./records";

async function people() {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const architect = await actorFor("architect");
  const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
  return { team, member, architect, key: view.key };
}

describe("decision records", () => {
  it("concurrent creations get distinct, consecutive numbers", async () => {
    const { member } = await people();
    const created = await Promise.all(Array.from({ length: 8 }, (_, i) => createDecision(member, { title: `Concurrent ${i}` })));
    const numbers = created.map((d) => d.number).sort((x, y) => x - y);
    expect(new Set(numbers).size).toBe(8);
    expect(numbers.at(-1)! - numbers[0]!).toBe(7);
    expect(created[0]!.label).toMatch(/^ADR-\d{4,}$/);
  });

  it("walks draft → proposed → changes requested → revised → approved → accepted, with an annotation", async () => {
    const { member, architect, key } = await people();
    const d = await createDecision(member, { title: "Authorize asynchronously", context: "Card authorization adds 250 ms.", integrations: [key], options: [{ title: "Keep sync", pros: ["simple"], cons: ["slow"] }] });
    expect(d).toMatchObject({ status: "draft", revision: 1, integrations: [key], author: member.email });

    await expect(reviewDecision(architect, d.number, { verdict: "approve" })).rejects.toMatchObject({ code: "conflict" }); // not proposed yet
    await transitionDecision(member, d.number, { to: "proposed" });
    expect(await inboxCount(architect)).toBeGreaterThanOrEqual(1);
    expect((await listDecisions(architect, { awaiting: "me", sort: "-number" })).map((x) => x.number)).toContain(d.number);

    await expect(reviewDecision(member, d.number, { verdict: "approve" })).rejects.toMatchObject({ code: "forbidden" });
    await reviewDecision(architect, d.number, { verdict: "request-changes", comment: "Quantify the latency win" });
    await expect(transitionDecision(architect, d.number, { to: "accepted" })).rejects.toMatchObject({ code: "conflict", details: { allowed: ["draft", "rejected"] } });

    await updateDecision(member, d.number, { outcome: "Authorize at capture; saves 250 ms p99 on checkout." });
    await reviewDecision(architect, d.number, { verdict: "approve", comment: "Thanks" });
    const accepted = await transitionDecision(architect, d.number, { to: "accepted", comment: "Agreed in review" });
    expect(accepted).toMatchObject({ status: "accepted", revision: 2 });
    expect(accepted.decidedAt).not.toBeNull();
    expect((await listDecisions(architect, { awaiting: "me", sort: "-number" })).map((x) => x.number)).not.toContain(d.number);

    const detail = await getDecision(member, d.number);
    expect(detail.timeline.map((t) => `${t.kind}:${t.summary}`)).toEqual([
      "revision:Created revision 1",
      "transition:draft → proposed",
      "review:request-changes (revision 1)",
      "revision:Revision 2",
      "review:approve (revision 2)",
      "transition:proposed → accepted",
    ]);
    expect(detail.timeline[3]!.changes).toEqual([{ path: "outcome", before: "", after: "Authorize at capture; saves 250 ms p99 on checkout." }]);
    const annotation = await db().annotation.findUniqueOrThrow({ where: { decisionId: detail.record.id } });
    expect(annotation).toMatchObject({ kind: "decision", link: `/decisions/${d.number}` });
    expect(annotation.integrationIds).toHaveLength(1);

    await expect(updateDecision(member, d.number, { title: "Changed after acceptance" })).rejects.toMatchObject({ code: "conflict" });
    expect(toMadr(detail.record)).toContain("## Decision Outcome\n\nAuthorize at capture; saves 250 ms p99 on checkout.");
  });

  it("refuses illegal transitions with the allowed ones, and supersedes only by an accepted record", async () => {
    const { member, architect } = await people();
    const old = await createDecision(member, { title: "Old way" });
    await expect(transitionDecision(member, old.number, { to: "accepted" })).rejects.toMatchObject({ code: "conflict", details: { allowed: ["proposed"] } });
    await transitionDecision(member, old.number, { to: "proposed" });
    await reviewDecision(architect, old.number, { verdict: "approve" });
    // A role refusal is a permission error (403), not a conflict with the record's state.
    await expect(transitionDecision(member, old.number, { to: "accepted" })).rejects.toMatchObject({ code: "forbidden", message: "Only architects accept records" });
    await transitionDecision(architect, old.number, { to: "accepted" });

    const replacement = await createDecision(member, { title: "New way" });
    await expect(transitionDecision(architect, old.number, { to: "superseded", supersededBy: replacement.number })).rejects.toThrow(/must be another, accepted record/);
    await transitionDecision(member, replacement.number, { to: "proposed" });
    await reviewDecision(architect, replacement.number, { verdict: "approve" });
    await transitionDecision(architect, replacement.number, { to: "accepted" });
    const superseded = await transitionDecision(architect, old.number, { to: "superseded", supersededBy: replacement.number });
    expect(superseded).toMatchObject({ status: "superseded", supersededBy: replacement.number });
    expect((await getDecision(member, replacement.number)).record.supersedes).toBe(old.number);
  });

  it("lets only the author or an architect edit, and validates links", async () => {
    const { member, team } = await people();
    const other = await actorFor("member", [team.id]);
    const d = await createDecision(member, { title: "Mine" });
    await expect(updateDecision(other, d.number, { title: "Theirs" })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createDecision(member, { title: "Bad link", integrations: ["x->y:nope"] })).rejects.toThrow("Unknown integration point x->y:nope");
    const viewer = await actorFor("viewer");
    await expect(createDecision(viewer, { title: "No" })).rejects.toMatchObject({ code: "forbidden" });
  });
});
