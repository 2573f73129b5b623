import { describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { createAnnotation, listAnnotations } from "./annotations";
import { createIntegration } from "./integrations";

describe("annotations", () => {
  it("a member marks a deploy on their team's integration; others are refused; lists filter by integration", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const member = await actorFor("member", [team.id]);
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const deploy = await createAnnotation(member, { kind: "deploy", title: "payments v2.4.1", link: "https://ci.example.com/run/7", integrations: [view.key], at: "2026-11-28T10:00:00Z" });
    expect(deploy).toMatchObject({ kind: "deploy", title: "payments v2.4.1", integrations: [view.key], at: "2026-11-28T10:00:00.000Z" });
    expect((await listAnnotations(member, { integration: view.key })).map((x) => x.title)).toEqual(["payments v2.4.1"]);

    const outsider = await actorFor("member", [(await makeTeam()).id]);
    await expect(createAnnotation(outsider, { kind: "incident", title: "x", integrations: [view.key] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAnnotation(member, { kind: "decision" as never, title: "x", integrations: [view.key] })).rejects.toThrow(/deploy or incident/);
    await expect(createAnnotation(member, { kind: "deploy", title: "x", integrations: ["x->y:nope"] })).rejects.toThrow("Unknown integration point: x->y:nope");
    expect(await db().annotation.count({ where: { title: "x" } })).toBe(0);
  });
});
