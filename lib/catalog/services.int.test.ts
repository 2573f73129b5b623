import { NextRequest } from "next/server";
import pg from "pg";
import { describe, expect, inject, it } from "vitest";
import * as serviceRoute from "@/app/api/services/[slug]/route";
import { systemActor } from "@/lib/auth/actor";
import { createToken } from "@/lib/auth/api-tokens";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, makeUser, syncDeclaration, unique } from "@/scripts/test/factories";
import { createIntegration, retireIntegration } from "./integrations";
import { integrationCountsByService } from "./edge-counts";
import { createService, deleteService, getService, listServicePage, listServices, serviceFacets, updateService } from "./services";

async function xmin(sql: string, param: string): Promise<string | undefined> {
  const client = new pg.Client({ connectionString: inject("databaseUrl") });
  await client.connect();
  try {
    return (await client.query<{ xmin: string }>(sql, [param])).rows[0]?.xmin;
  } finally {
    await client.end();
  }
}

describe("services", () => {
  it("filters by the Backstage fields and pages in the database", async () => {
    const team = await makeTeam();
    const viewer = await actorFor("viewer");
    const system = unique("sys");
    const tag = unique("tag").toLowerCase();
    const slugs = [unique("a-svc"), unique("b-svc"), unique("c-svc")].sort();
    await createService(systemActor(), { slug: slugs[0]!, name: "A", team: team.slug, system, lifecycle: "experimental", tags: [tag, "java"] });
    await createService(systemActor(), { slug: slugs[1]!, name: "B", team: team.slug, system, lifecycle: "production", tags: [tag] });
    await createService(systemActor(), { slug: slugs[2]!, name: "C", team: team.slug, lifecycle: "production" });

    const bySystem = await listServicePage(viewer, { system }, 1, 100);
    expect(bySystem).toMatchObject({ total: 2, page: 1, pages: 1, from: 1, to: 2 });
    expect(bySystem.items.map((s) => s.slug)).toEqual(slugs.slice(0, 2));
    expect((await listServicePage(viewer, { tag }, 1, 100)).items.map((s) => s.slug)).toEqual(slugs.slice(0, 2));
    expect((await listServicePage(viewer, { team: team.slug, lifecycle: "production" }, 1, 100)).items.map((s) => s.slug)).toEqual(slugs.slice(1));
    expect((await listServicePage(viewer, { system, lifecycle: "production", tag }, 1, 100)).items.map((s) => s.slug)).toEqual([slugs[1]]);
    expect((await listServicePage(viewer, { system: unique("none") }, 3, 100)).items).toEqual([]);

    // Pages of two: the second holds the third service, a page past the end is the last one.
    const second = await listServicePage(viewer, { team: team.slug }, 2, 2);
    expect(second).toMatchObject({ total: 3, page: 2, pages: 2, from: 3, to: 3, offset: 2 });
    expect(second.items.map((s) => s.slug)).toEqual([slugs[2]]);
    expect((await listServicePage(viewer, { team: team.slug }, 7, 2)).items.map((s) => s.slug)).toEqual([slugs[2]]);

    const facets = await serviceFacets(viewer);
    expect(facets.systems).toContain(system);
    expect(facets.tags).toEqual(expect.arrayContaining([tag, "java"]));
    expect(facets.lifecycles).toEqual(expect.arrayContaining(["experimental", "production"]));
    expect(new Set(facets.tags).size).toBe(facets.tags.length);

    // Counts are read for the page's services only.
    await createIntegration(systemActor(), syncDeclaration(slugs[0]!, slugs[1]!));
    const counts = await integrationCountsByService(viewer, [slugs[0]!]);
    expect([...counts]).toEqual([[slugs[0], { inbound: 0, outbound: 1 }]]);
  });

  it("lets a member create and edit services of their own team only", async () => {
    const own = await makeTeam();
    const other = await makeTeam();
    const member = await actorFor("member", [own.id]);
    const slug = unique("svc");
    const created = await createService(member, { slug, name: "Svc", team: own.slug, links: [{ title: "Runbook", url: "https://r.example.com" }] });
    expect(created).toEqual({ slug, name: "Svc", team: own.slug, tier: 3, description: "", links: [{ title: "Runbook", url: "https://r.example.com" }], telemetryName: slug, type: null, lifecycle: null, system: null, tags: [] });

    await expect(createService(member, { slug: unique("svc"), name: "X", team: other.slug })).rejects.toMatchObject({ code: "forbidden" });
    await expect(updateService(member, slug, { team: other.slug })).rejects.toMatchObject({ code: "forbidden" });
    expect((await getService(member, slug)).team).toBe(own.slug);

    const updated = await updateService(member, slug, { tier: 1, telemetryName: "svc-otel" });
    expect(updated).toMatchObject({ tier: 1, telemetryName: "svc-otel" });
    // A PATCH changes only what it names: links and description survive.
    const renamed = await updateService(member, slug, { name: "Renamed" });
    expect(renamed).toMatchObject({ name: "Renamed", tier: 1, links: [{ title: "Runbook", url: "https://r.example.com" }] });
  });

  it("lets a viewer read but not write, and an architect write anywhere", async () => {
    const team = await makeTeam();
    const viewer = await actorFor("viewer", [team.id]);
    const architect = await actorFor("architect");
    await expect(createService(viewer, { slug: unique("svc"), name: "X", team: team.slug })).rejects.toMatchObject({ code: "forbidden" });
    const slug = unique("svc");
    await createService(architect, { slug, name: "Arch", team: team.slug });
    expect((await listServices(viewer, { team: team.slug })).map((s) => s.slug)).toEqual([slug]);
    await deleteService(architect, slug);
    await expect(getService(viewer, slug)).rejects.toMatchObject({ code: "not_found" });
  });

  it("answers DELETE of a service still in an integration point (even a retired one) with 409 naming it, and deletes nothing", async () => {
    const team = await makeTeam();
    const [caller, callee] = [await makeService(team.id), await makeService(team.id)];
    const system = systemActor("test");
    const { view: live } = await createIntegration(system, syncDeclaration(caller.slug, callee.slug));
    const { view: retired } = await createIntegration(system, syncDeclaration(callee.slug, caller.slug));
    await retireIntegration(system, retired.key, null);
    const admin = await makeUser("admin");
    const token = (await createToken(system, { name: "t", scopes: ["admin"], userEmail: admin.email })).token;
    const del = (slug: string) => serviceRoute.DELETE(new NextRequest(`http://localhost/api/services/${slug}`, { method: "DELETE", headers: { authorization: `Bearer ${token}` } }), { params: Promise.resolve({ slug }) });

    const res = await del(callee.slug);
    expect(res.status).toBe(409);
    const body = (await res.json()) as { error: { code: string; message: string; details: { integrations: string[] } } };
    expect(body.error.code).toBe("conflict");
    expect(body.error.message).toContain(`${retired.key} (retired)`);
    expect(body.error.details.integrations.sort()).toEqual([live.key, retired.key].sort());
    expect(await db().service.count({ where: { slug: callee.slug } })).toBe(1);
    expect(await db().auditEvent.count({ where: { action: "service.delete", entityId: callee.slug } })).toBe(0);

    const spare = await makeService(team.id);
    expect((await del(spare.slug)).status).toBe(204);
  });

  it("validates input with messages that say what to fix", async () => {
    const team = await makeTeam();
    const admin = await actorFor("admin");
    await expect(createService(admin, { slug: "Bad Slug", name: "X", team: team.slug })).rejects.toThrow(/lowercase letters, digits and single hyphens/);
    await expect(createService(admin, { slug: unique("svc"), name: "X", team: team.slug, tier: 7 })).rejects.toThrow(/Tier is 1/);
    await expect(
      createService(admin, { slug: unique("svc"), name: "X", team: team.slug, links: [{ title: "x", url: "javascript:alert(1)" }] }),
    ).rejects.toThrow(/http\(s\)|full URL/);
    await expect(createService(admin, { slug: unique("svc"), name: "X", team: "no-such-team" })).rejects.toMatchObject({ code: "validation_failed" });
  });

  it("writes the audit row in the same transaction as the change", async () => {
    const team = await makeTeam();
    const admin = await actorFor("admin");
    const slug = unique("svc");
    await createService(admin, { slug, name: "Audited", team: team.slug });
    const serviceXmin = await xmin("SELECT xmin::text FROM services WHERE slug = $1", slug);
    const auditXmin = await xmin("SELECT xmin::text FROM audit_events WHERE entity_type = 'service' AND entity_id = $1", slug);
    expect(serviceXmin).toBeDefined();
    expect(auditXmin).toBe(serviceXmin);
    const event = await db().auditEvent.findFirstOrThrow({ where: { entityType: "service", entityId: slug } });
    expect(event).toMatchObject({ action: "service.create", actorId: admin.userId, actorLabel: admin.email, before: null });
    expect(event.after).toMatchObject({ slug, name: "Audited", team: team.slug });
  });

  it("leaves no trace of a rejected write: neither the change nor an audit row", async () => {
    const team = await makeTeam();
    const admin = await actorFor("admin");
    const slug = unique("svc");
    await createService(admin, { slug, name: "First", team: team.slug });
    await expect(createService(admin, { slug, name: "Duplicate", team: team.slug })).rejects.toMatchObject({ code: "P2002" });
    await expect(updateService(admin, slug, { team: "no-such-team" })).rejects.toMatchObject({ code: "validation_failed" });
    const events = await db().auditEvent.findMany({ where: { entityType: "service", entityId: slug } });
    expect(events.map((e) => e.action)).toEqual(["service.create"]);
    expect((await getService(admin, slug)).name).toBe("First");
  });
});
