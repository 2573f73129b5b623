// The catalog list's raw row query must give exactly what the ORM's include gives.
import { expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam } from "@/scripts/test/factories";
import { createIntegration, integrationInclude, integrationRowsByIds } from "./integrations";

it("integrationRowsByIds equals the ORM's findMany with integrationInclude, field for field", async () => {
  const team = await makeTeam();
  const [a, b] = [await makeService(team.id), await makeService(team.id)];
  const member = await actorFor("member", [team.id]);
  const made = [
    await createIntegration(member, { sourceService: a.slug, targetService: b.slug, operation: "sparse", style: "sync", protocol: "grpc", budget: { p99Ms: 100 } }),
    await createIntegration(member, {
      sourceService: b.slug, targetService: a.slug, operation: "full", style: "async-event", protocol: "kafka", criticality: "high",
      budget: { p50Ms: 20, p95Ms: 80.5, p99Ms: 250 }, slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 7 },
      tags: ["pci", "tier-1"], description: "Every field set",
    }),
  ];
  const ids = made.map((m) => m.view.id);
  const byId = <T extends { id: string }>(rows: T[]) => [...rows].sort((x, y) => (x.id < y.id ? -1 : 1));
  const orm = await db().integrationPoint.findMany({ where: { id: { in: ids } }, include: integrationInclude });
  expect(byId(await integrationRowsByIds(ids))).toEqual(byId(orm));
  expect(await integrationRowsByIds([])).toEqual([]);
});
