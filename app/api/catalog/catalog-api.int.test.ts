// Catalog import and export through their real route handlers, with bearer tokens.
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import type { Scope } from "@/lib/auth/permissions";
import { db } from "@/lib/db/client";
import { makeService, makeTeam, makeUser, unique } from "@/scripts/test/factories";
import * as exporter from "./export/route";
import * as importer from "./import/route";
import * as schema from "./schema/route";

const none = { params: Promise.resolve({}) };

async function tokenFor(role: "viewer" | "member" | "admin", teamIds: string[], scopes: Scope[]) {
  const user = await makeUser(role, teamIds);
  return (await createToken(systemActor("test"), { name: "t", scopes, userEmail: user.email })).token;
}

function post(path: string, token: string, body: string, type: string) {
  return new NextRequest(`http://localhost${path}`, { method: "POST", headers: { authorization: `Bearer ${token}`, "content-type": type }, body });
}

const serviceDoc = (slug: string, team: string, extra = "") => `apiVersion: edgewise.dev/v1\nkind: Service\nmetadata:\n  name: ${slug}\nspec:\n  name: ${slug}\n  team: ${team}\n${extra}`;

describe("/api/catalog/import", () => {
  it("takes raw YAML with ?dryRun=true and answers the plan, then JSON files apply it", async () => {
    const team = await makeTeam();
    const token = await tokenFor("member", [team.id], ["catalog:write"]);
    const slug = unique("svc");
    const dry = await importer.POST(post("/api/catalog/import?dryRun=true", token, serviceDoc(slug, team.slug), "application/yaml"), none);
    expect(dry.status).toBe(200);
    expect(await dry.json()).toMatchObject({ dryRun: true, applied: false, created: [{ kind: "Service", name: slug, file: "request.yaml", document: 0 }] });
    expect(await db().service.findUnique({ where: { slug } })).toBeNull();

    const applied = await importer.POST(post("/api/catalog/import", token, JSON.stringify({ files: [{ name: "svc.yaml", content: serviceDoc(slug, team.slug) }] }), "application/json"), none);
    expect(applied.status).toBe(200);
    expect(await applied.json()).toMatchObject({ dryRun: false, applied: true, created: [{ name: slug, file: "svc.yaml" }] });
    expect(await db().service.findUnique({ where: { slug } })).not.toBeNull();
  });

  it("answers 422 with every issue placed by file, document, field path and line", async () => {
    const team = await makeTeam();
    const token = await tokenFor("member", [team.id], ["catalog:write"]);
    const body = JSON.stringify({
      files: [
        { name: "ok.yaml", content: serviceDoc(unique("svc"), team.slug) },
        { name: "bad.yaml", content: `${serviceDoc(unique("svc"), team.slug)}---\n${serviceDoc(unique("svc"), "no-such-team", "  tier: 0\n")}` },
      ],
    });
    const res = await importer.POST(post("/api/catalog/import", token, body, "application/json"), none);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { code: string; message: string; details: { issues: unknown[] } } };
    expect(error.code).toBe("validation_failed");
    expect(error.message).toContain("bad.yaml:16 (document 2, spec.tier)");
    expect(error.details.issues).toEqual([
      { file: "bad.yaml", document: 1, path: "spec.tier", line: 16, severity: "error", message: "Tier is 1 (most critical) to 4" },
    ]);
  });

  it("answers a billion-laughs YAML with 422 naming its file and document (500 before, issue 21 defect 5), applying the valid document beside it neither", async () => {
    const team = await makeTeam();
    const token = await tokenFor("member", [team.id], ["catalog:write"]);
    const slug = unique("svc");
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) levels.push(`${"abcdefghi"[i]}: &${"abcdefghi"[i]} [${Array(9).fill(`*${"abcdefghi"[i - 1]}`).join(", ")}]`);
    const res = await importer.POST(post("/api/catalog/import?file=laughs.yaml", token, `${serviceDoc(slug, team.slug)}---\n${levels.join("\n")}\n`, "application/yaml"), none);
    expect(res.status).toBe(422);
    const { error } = (await res.json()) as { error: { details: { issues: { file: string; document: number; message: string }[] } } };
    expect(error.details.issues).toEqual([expect.objectContaining({ file: "laughs.yaml", document: 1, message: expect.stringMatching(/^YAML aliases expand too far/) })]);
    expect(await db().service.findUnique({ where: { slug } })).toBeNull();
  });

  it("answers 403 naming the entity when a member imports another team's service, and applies nothing", async () => {
    const [mine, theirs] = [await makeTeam(), await makeTeam()];
    const existing = await makeService(theirs.id);
    const token = await tokenFor("member", [mine.id], ["catalog:write"]);
    const own = unique("svc");
    const yaml = `${serviceDoc(own, mine.slug)}---\n${serviceDoc(existing.slug, theirs.slug, "  tier: 1\n")}`;
    const res = await importer.POST(post("/api/catalog/import", token, yaml, "text/yaml"), none);
    expect(res.status).toBe(403);
    const { error } = (await res.json()) as { error: { code: string; details: { issues: { message: string; document: number }[] } } };
    expect(error.code).toBe("forbidden");
    expect(error.details.issues).toEqual([expect.objectContaining({ document: 1, message: `You may not change service ${existing.slug}: it belongs to team ${theirs.slug}, and members may change only their own teams' catalog` })]);
    expect(await db().service.findUnique({ where: { slug: own } })).toBeNull();
    expect((await db().service.findUniqueOrThrow({ where: { slug: existing.slug } })).tier).toBe(3);
  });

  it("refuses a read-only token, another media type and a malformed body", async () => {
    const team = await makeTeam();
    const reader = await tokenFor("member", [team.id], ["catalog:read"]);
    expect((await importer.POST(post("/api/catalog/import", reader, serviceDoc("x-y", team.slug), "application/yaml"), none)).status).toBe(403);
    const writer = await tokenFor("member", [team.id], ["catalog:write"]);
    expect((await importer.POST(post("/api/catalog/import", writer, "x", "text/plain"), none)).status).toBe(415);
    expect((await importer.POST(post("/api/catalog/import", writer, "{", "application/json"), none)).status).toBe(400);
    expect((await importer.POST(post("/api/catalog/import", writer, JSON.stringify({ files: [] }), "application/json"), none)).status).toBe(422);
  });
});

describe("/api/catalog/export", () => {
  it("answers YAML with a file name in each format, and 422 for an unknown one", async () => {
    const team = await makeTeam();
    const service = await makeService(team.id);
    const token = await tokenFor("viewer", [], ["catalog:read"]);
    const get = (format: string) => exporter.GET(new NextRequest(`http://localhost/api/catalog/export?format=${format}`, { headers: { authorization: `Bearer ${token}` } }), none);
    const res = await get("edgewise");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/yaml; charset=utf-8");
    expect(res.headers.get("content-disposition")).toBe('attachment; filename="catalog.yaml"');
    expect(await res.text()).toContain(`kind: Service\nmetadata:\n  name: ${service.slug}\n`);
    const backstage = await get("backstage");
    expect(backstage.headers.get("content-disposition")).toBe('attachment; filename="catalog-backstage.yaml"');
    expect(await backstage.text()).toContain("apiVersion: backstage.io/v1alpha1");
    expect((await get("openslo")).status).toBe(200);
    expect((await get("csv")).status).toBe(422);
  });
});

describe("/api/catalog/schema", () => {
  it("serves the JSON Schema without authentication, for editors", async () => {
    const res = await schema.GET(new NextRequest("http://localhost/api/catalog/schema"), none);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("application/schema+json");
    expect(await res.json()).toMatchObject({ $id: "https://edgewise.dev/schemas/edgewise-v1.schema.json", properties: { apiVersion: { const: "edgewise.dev/v1" } } });
  });
});
