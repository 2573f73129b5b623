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
    // A second integration and an incident on both, an hour later: each list filters by integration and time.
    const other = (await createIntegration(member, { ...syncDeclaration(b.slug, a.slug) })).view;
    const incident = await createAnnotation(member, { kind: "incident", title: "both down", integrations: [other.key, view.key], at: "2026-11-28T11:00:00Z" });
    expect(await listAnnotations(member, { integration: view.key, from: "2026-11-28T09:00:00Z", to: "2026-11-28T12:00:00Z" })).toEqual([deploy, incident]);
    expect(await listAnnotations(member, { integration: other.key })).toEqual([incident]);
    expect([...incident.integrations].sort()).toEqual([other.key, view.key].sort());
    expect((await listAnnotations(member, { integration: view.key, from: "2026-11-28T10:30:00Z" })).map((x) => x.title)).toEqual(["both down"]);
    expect((await listAnnotations(member, { integration: view.key, to: "2026-11-28T10:30:00Z" })).map((x) => x.title)).toEqual(["payments v2.4.1"]);
    await expect(listAnnotations(member, { integration: "x->y:nope" })).rejects.toMatchObject({ code: "not_found" });

    const outsider = await actorFor("member", [(await makeTeam()).id]);
    await expect(createAnnotation(outsider, { kind: "incident", title: "x", integrations: [view.key] })).rejects.toMatchObject({ code: "forbidden" });
    await expect(createAnnotation(member, { kind: "decision" as never, title: "x", integrations: [view.key] })).rejects.toThrow(/deploy or incident/);
    await expect(createAnnotation(member, { kind: "deploy", title: "x", integrations: ["x->y:nope"] })).rejects.toThrow("Unknown integration point: x->y:nope");
    expect(await db().annotation.count({ where: { title: "x" } })).toBe(0);
  });
});
