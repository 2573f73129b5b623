import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { createIntegration } from "./integrations";
import { estateSummary, filterOptions } from "./summary";

it("counts teams, services and live integration points by style, and names the actor's teams", async () => {
  const [t1, t2] = [await makeTeam(), await makeTeam()];
  const [a, b] = [await makeService(t1.id), await makeService(t2.id)];
  const member = await actorFor("member", [t1.id, t2.id]);
  await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "s", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } });
  const summary = await estateSummary(member);
  expect(summary.teams).toBe(await db().team.count());
  expect(summary.services).toBe(await db().service.count());
  expect(summary.yourTeams).toHaveLength(2);
  expect(summary.yourTeams).toEqual(expect.arrayContaining([t1, t2].map((t) => ({ slug: t.slug, name: t.name }))));
  const byStyle = await db().integrationPoint.groupBy({ by: ["style"], where: { lifecycle: { not: "retired" } }, _count: { _all: true }, orderBy: { style: "asc" } });
  expect(summary.styles).toEqual(byStyle.map((s) => ({ style: s.style, count: s._count._all })));
  expect(summary.integrations).toBe(await db().integrationPoint.count({ where: { lifecycle: { not: "retired" } } }));
});

it("offers every team and service as slug and name, teams by name and services by slug", async () => {
  const team = await makeTeam();
  await makeService(team.id);
  // The shared test database may hold more services than the page's cap: lift it to see them all.
  const { teams, services } = await filterOptions(await actorFor("viewer"), await db().service.count());
  expect(teams).toEqual((await db().team.findMany({ orderBy: [{ name: "asc" }, { slug: "asc" }], select: { slug: true, name: true } })));
  expect(services).toEqual((await db().service.findMany({ orderBy: { slug: "asc" }, select: { slug: true, name: true } })));
});

it("offers no list of services beyond the cap, so the filters ask for a slug instead", async () => {
  const count = await db().service.count();
  const viewer = await actorFor("viewer");
  expect((await filterOptions(viewer, count - 1)).services).toBeNull();
  expect((await filterOptions(viewer, count)).services).toHaveLength(count);
});
