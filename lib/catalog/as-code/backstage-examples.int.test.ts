// Backstage's own example catalog (fixtures/backstage-examples, unmodified) through the real import
// and export route handlers on a database of its own: what lands, where each warning points, what a
// member without teams:manage may import, and that importing Edgewise's own export changes nothing.
import fs from "node:fs";
import path from "node:path";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { parseAllDocuments } from "yaml";
import * as exporter from "@/app/api/catalog/export/route";
import * as importer from "@/app/api/catalog/import/route";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import type { Scope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { makeUser } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import type { DocumentIssue } from "./types";

useOwnDatabase("backstage_examples");

const none = { params: Promise.resolve({}) };
const FIXTURES = path.join(__dirname, "fixtures", "backstage-examples");
const files = fs
  .readdirSync(FIXTURES, { recursive: true, encoding: "utf8" })
  .filter((f) => f.endsWith(".yaml"))
  .sort()
  .map((name) => ({ name, content: fs.readFileSync(path.join(FIXTURES, name), "utf8") }));
const lineOf = (file: string, needle: string) => files.find((f) => f.name === file)!.content.split("\n").findIndex((l) => l.includes(needle)) + 1;

async function tokenFor(role: "member" | "admin", teamIds: string[], scopes: Scope[]) {
  const user = await makeUser(role, teamIds);
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}
const importAs = (token: string, body: string, type = "application/json") =>
  importer.POST(new NextRequest("http://localhost/api/catalog/import", { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": type }, body }), none);

interface Plan {
  applied: boolean;
  created: { kind: string; name: string; file: string; document: number; line: number }[];
  changed: { kind: string; name: string; changes: unknown[] }[];
  retired: unknown[];
  unchanged: number;
  issues: DocumentIssue[];
}

async function estate() {
  const [teams, services, integrations] = await Promise.all([
    db().team.findMany({ select: { slug: true, name: true, parent: { select: { slug: true } } }, orderBy: { slug: "asc" } }),
    db().service.findMany({ select: { slug: true, type: true, lifecycle: true, system: true, tags: true, team: { select: { slug: true } }, version: true }, orderBy: { slug: "asc" } }),
    db().integrationPoint.findMany({ select: { key: true, version: true }, orderBy: { key: "asc" } }),
  ]);
  return { teams, services, integrations };
}

describe("Backstage's example catalog through POST /api/catalog/import and GET /api/catalog/export", () => {
  it("a member of team-a imports what team-a owns; the teams they may not create are left out, said once", async () => {
    const teamA = await db().team.create({ data: { slug: "team-a", name: "team-a" } });
    const member = await tokenFor("member", [teamA.id], ["catalog:write"]);
    const res = await importAs(member, JSON.stringify({ files }));
    expect(res.status).toBe(200);
    const plan = (await res.json()) as Plan;
    const teamsIssues = plan.issues.filter((i) => i.message.startsWith("Only an admin may create teams"));
    expect(teamsIssues).toHaveLength(1);
    expect(teamsIssues[0]!.message).toBe(
      "Only an admin may create teams: 7 teams backstage, boxoffice, infrastructure, acme-corp, team-b, team-c, needs-owner are not in Edgewise yet, so they were not created, " +
        "and the 9 Components and Systems they own (petstore, playback-sdk, playback-order, podcast-api, queue-proxy, example, shuffle-api, audio-playback, podcast) were not imported. Ask an admin to import these files or to create the teams first.",
    );
    expect(teamsIssues[0]).toMatchObject({ file: "acme/backstage-group.yaml", document: 0, line: lineOf("acme/backstage-group.yaml", "name: backstage"), severity: "warning" });
    expect(plan.created.map((c) => `${c.kind} ${c.name}`).sort()).toEqual([
      "Integration wayback-search->wayback-archive:wayback-archive",
      "Service artist-engagement-portal",
      "Service artist-lookup",
      "Service different-namespace",
      "Service wayback-archive",
      "Service wayback-search",
      "Service www-artist",
    ]);
    expect((await estate()).teams.map((t) => t.slug)).toEqual(["team-a"]);
  });

  it("an admin imports the rest: teams with their hierarchy, User-owned services in needs-owner, warnings at their file and line", async () => {
    const admin = await tokenFor("admin", [], ["admin"]);
    const res = await importAs(admin, JSON.stringify({ files }));
    expect(res.status).toBe(200);
    const plan = (await res.json()) as Plan;
    const { teams, services, integrations } = await estate();
    expect(teams.map((t) => [t.slug, t.name, t.parent?.slug ?? null])).toEqual([
      ["acme-corp", "ACME Corp", null],
      ["backstage", "Backstage", "infrastructure"],
      ["boxoffice", "Box Office", "infrastructure"],
      ["infrastructure", "infrastructure", "acme-corp"],
      ["needs-owner", "Needs owner", null],
      ["team-a", "team-a", "backstage"],
      ["team-b", "Team B", "backstage"],
      ["team-c", "Team C", "boxoffice"],
    ]);
    expect(services.map((s) => [s.slug, s.team.slug])).toEqual([
      ["artist-engagement-portal", "team-a"],
      ["artist-lookup", "team-a"],
      ["audio-playback", "team-c"],
      ["different-namespace", "team-a"],
      ["example", "needs-owner"],
      ["petstore", "needs-owner"],
      ["playback-order", "needs-owner"],
      ["playback-sdk", "team-c"],
      ["podcast", "needs-owner"],
      ["podcast-api", "team-b"],
      ["queue-proxy", "team-b"],
      ["shuffle-api", "needs-owner"],
      ["wayback-archive", "team-a"],
      ["wayback-search", "team-a"],
      ["www-artist", "team-a"],
    ]);
    expect(services.find((s) => s.slug === "artist-lookup")).toMatchObject({ type: "service", lifecycle: "experimental", system: "artist-engagement-portal", tags: ["java", "data"] });
    expect(services.find((s) => s.slug === "podcast")).toMatchObject({ type: "system", lifecycle: null, system: null });
    expect(integrations.map((i) => i.key)).toEqual(["wayback-search->wayback-archive:wayback-archive"]);
    // Plan entries point at the entity's own file and line.
    expect(plan.created.find((c) => c.name === "team-c")).toMatchObject({ file: "acme/team-c-group.yaml", document: 0, line: lineOf("acme/team-c-group.yaml", "name: team-c") });
    expect(plan.created.find((c) => c.name === "playback-sdk")).toMatchObject({ file: "components/playback-lib-component.yaml", document: 0, line: lineOf("components/playback-lib-component.yaml", "name: playback-sdk") });
    expect(plan.changed.map((c) => c.name)).toEqual(["team-a"]);

    const warning = (file: string, pathAt: string) => plan.issues.find((i) => i.file === file && i.path === pathAt);
    expect(warning("components/playback-order-component.yaml", "spec.owner")).toMatchObject({
      severity: "warning",
      document: 0,
      line: lineOf("components/playback-order-component.yaml", "owner: user:guest"),
      message: "user:guest is a User, and Edgewise services belong to teams: Component playback-order is placed in team needs-owner until a team takes it over",
    });
    expect(warning("systems/podcast-system.yaml", "spec.owner")).toMatchObject({ line: lineOf("systems/podcast-system.yaml", "owner: user:team-b") });
    expect(warning("components/petstore-component.yaml", "spec.owner")!.message).toMatch(/^sre is neither a Group in these files nor a team in the catalog/);
    expect(warning("components/different-namespace.yaml", "metadata.namespace")).toMatchObject({ line: 5, message: "Edgewise's catalog has no namespaces: Component alternative/different-namespace is imported as different-namespace" });
    expect(warning("acme/boxoffice-group.yaml", "spec.children.1")!.message).toMatch(/team-d is not in these files/);
    expect(warning("acme/team-a-group.yaml", "kind")).toMatchObject({ document: 1, line: lineOf("acme/team-a-group.yaml", "kind: User") });
    expect(plan.issues.filter((i) => i.severity === "error")).toEqual([]);
  });

  it("exports an experimental component as experimental with its system, Systems as Systems, and re-importing that export changes nothing", async () => {
    const admin = await tokenFor("admin", [], ["admin"]);
    const res = await exporter.GET(new NextRequest("http://localhost/api/catalog/export?format=backstage", { headers: { authorization: `Bearer ${admin}` } }), none);
    expect(res.status).toBe(200);
    const yaml = await res.text();
    const entities = parseAllDocuments(yaml).map((d) => d.toJS() as { kind: string; metadata: { name: string; tags?: string[] }; spec: Record<string, unknown> });
    const find = (kind: string, name: string) => entities.find((e) => e.kind === kind && e.metadata.name === name);
    expect(find("Component", "artist-lookup")!.spec).toMatchObject({ type: "service", lifecycle: "experimental", system: "artist-engagement-portal", owner: "group:default/team-a" });
    expect(find("Component", "artist-lookup")!.metadata.tags).toEqual(["java", "data"]);
    expect(entities.filter((e) => e.kind === "System").map((e) => e.metadata.name)).toEqual(["artist-engagement-portal", "audio-playback", "podcast"]);
    expect(find("Group", "backstage")!.spec).toMatchObject({ parent: "group:default/infrastructure", children: ["group:default/team-a", "group:default/team-b"] });
    expect(find("API", "wayback-archive")!.spec).toMatchObject({ type: "openapi" });

    const before = await estate();
    const again = await importAs(admin, yaml, "application/yaml");
    expect(again.status).toBe(200);
    const plan = (await again.json()) as Plan;
    expect({ applied: plan.applied, created: plan.created, changed: plan.changed, retired: plan.retired }).toEqual({ applied: false, created: [], changed: [], retired: [] });
    expect(plan.unchanged).toBe(before.teams.length + before.services.length);
    expect(await estate()).toEqual(before);
  });
});
