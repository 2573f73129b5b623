import { beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";
import { useOwnDatabase } from "@/scripts/test/own-database";
import { catalogGraph, systemGroupId, teamGroupId } from "./graph";
import { createIntegration } from "./integrations";

// Grouping counts the whole estate, so this file has a database of its own.
useOwnDatabase("graph");

// Teams A (a1, a2), B (b1), C (c1, c2); D (d1) calls nobody.  a1 → a2 → b1 → c1 → c2, a1 → b1 (async).
let slugs: Record<string, string> = {};
let teams: Record<string, string> = {};
let reader: Awaited<ReturnType<typeof actorFor>>;

beforeAll(async () => {
  const admin = await actorFor("admin");
  reader = await actorFor("viewer");
  for (const t of ["A", "B", "C", "D"]) teams[t] = (await makeTeam()).slug;
  const teamId = async (t: string) => (await db().team.findUniqueOrThrow({ where: { slug: teams[t]! } })).id;
  for (const [name, t] of [["a1", "A"], ["a2", "A"], ["b1", "B"], ["c1", "C"], ["c2", "C"], ["d1", "D"]] as const) slugs[name] = (await makeService(await teamId(t))).slug;
  const link = (from: string, to: string, extra: Record<string, unknown> = {}) => createIntegration(admin, syncDeclaration(slugs[from]!, slugs[to]!, extra));
  await link("a1", "a2");
  await link("a2", "b1");
  await link("b1", "c1");
  await link("c1", "c2");
  await link("a1", "b1", { style: "async-event", protocol: "kafka" });
});

const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();

describe("the dependency map's graph, cut to the view on the server", () => {
  it("draws a small estate whole, and groups it by team when asked", async () => {
    const whole = await catalogGraph(reader);
    expect(whole.mode).toBe("estate");
    expect(whole.nodes).toHaveLength(6);
    expect(whole.edges).toHaveLength(5);
    expect(whole.totals).toEqual({ services: 6, integrations: 5 });

    const grouped = await catalogGraph(reader, { group: "team" });
    expect(grouped.mode).toBe("grouped");
    expect(grouped.nodes.map((n) => [n.id, n.services])).toEqual(
      [["A", 2], ["B", 1], ["C", 2], ["D", 1]].map(([t, n]) => [teamGroupId(teams[t as string]!), n]).sort((x, y) => String(x[0]).localeCompare(String(y[0]))),
    );
    const pair = (from: string, to: string) => grouped.edges.find((e) => e.source === teamGroupId(teams[from]!) && e.target === teamGroupId(teams[to]!));
    // A → B stands for a2 → b1 and a1 → b1; one of two synchronous is not most: drawn as asynchronous.
    expect(pair("A", "B")).toMatchObject({ count: 2, protocol: "2 integration points", style: "async-event", status: "no-data" });
    expect(pair("A", "A")).toMatchObject({ count: 1, style: "sync" });
    expect(pair("B", "C")).toMatchObject({ count: 1 });
    expect(grouped.edges).toHaveLength(4); // A→A, A→B, B→C, C→C
  });

  it("groups by Backstage system, the services naming none in one group, and opens a system", async () => {
    // a1, a2 and c2 are in "storefront", b1 in "ledger"; c1 and d1 name no system.
    for (const [name, system] of [["a1", "storefront"], ["a2", "storefront"], ["c2", "storefront"], ["b1", "ledger"]] as const) {
      await db().service.update({ where: { slug: slugs[name]! }, data: { system } });
    }
    try {
      const bySystem = await catalogGraph(reader, { group: "system" });
      expect(bySystem.mode).toBe("grouped-system");
      expect(bySystem.nodes.map((n) => [n.id, n.label, n.services])).toEqual([
        [systemGroupId("ledger"), "ledger", 1],
        [systemGroupId("storefront"), "storefront", 3],
        [systemGroupId(null), "No system", 2],
      ]);
      const pair = (from: string | null, to: string | null) => bySystem.edges.find((e) => e.source === systemGroupId(from) && e.target === systemGroupId(to));
      // storefront → ledger: a2 → b1 (sync) and a1 → b1 (async); ledger → none: b1 → c1; none → storefront: c1 → c2.
      expect(pair("storefront", "storefront")).toMatchObject({ count: 1, style: "sync" });
      expect(pair("storefront", "ledger")).toMatchObject({ count: 2, style: "async-event" });
      expect(pair("ledger", null)).toMatchObject({ count: 1 });
      expect(pair(null, "storefront")).toMatchObject({ count: 1 });
      expect(bySystem.edges).toHaveLength(4);

      const ledger = await catalogGraph(reader, { system: "ledger" });
      expect(ledger.mode).toBe("system");
      expect(ids(ledger.nodes)).toEqual([slugs.a1, slugs.a2, slugs.b1, slugs.c1].sort());
      expect(ledger.edges).toHaveLength(3);
      // A system nobody names draws nothing, rather than the estate.
      expect(await catalogGraph(reader, { system: "no-such-system" })).toMatchObject({ mode: "system", nodes: [], edges: [] });
    } finally {
      await db().service.updateMany({ where: { slug: { in: Object.values(slugs) } }, data: { system: null } });
    }
  });

  it("opens one team: its services, their neighbours and the integration points that touch the team", async () => {
    const b = await catalogGraph(reader, { team: teams.B });
    expect(b.mode).toBe("team");
    expect(ids(b.nodes)).toEqual([slugs.a1, slugs.a2, slugs.b1, slugs.c1].sort());
    expect(b.edges.map((e) => [e.source, e.target]).sort()).toEqual([[slugs.a1, slugs.b1], [slugs.a2, slugs.b1], [slugs.b1, slugs.c1]].sort());
    // A team without integration points still shows its services.
    const d = await catalogGraph(reader, { team: teams.D });
    expect({ nodes: ids(d.nodes), edges: d.edges }).toEqual({ nodes: [slugs.d1], edges: [] });
  });

  it("focuses on a service and its neighbourhood, N hops out either way", async () => {
    const one = await catalogGraph(reader, { focus: slugs.b1 });
    expect(one).toMatchObject({ mode: "focus", focus: { service: slugs.b1, hops: 1 } });
    expect(ids(one.nodes)).toEqual([slugs.a1, slugs.a2, slugs.b1, slugs.c1].sort());
    // The edges among what is reached: a1 → a2 joins two neighbours of b1.
    expect(one.edges).toHaveLength(4);
    const two = await catalogGraph(reader, { focus: slugs.c2, hops: 2 });
    expect(ids(two.nodes)).toEqual([slugs.b1, slugs.c1, slugs.c2].sort());
    expect(two.edges.map((e) => e.target).sort()).toEqual([slugs.c1, slugs.c2].sort());
    const lonely = await catalogGraph(reader, { focus: slugs.d1, hops: 3 });
    expect({ nodes: ids(lonely.nodes), edges: lonely.edges }).toEqual({ nodes: [slugs.d1], edges: [] });
    // A slug that names no service: no focus, the rest of the scope as if it were not there.
    expect(await catalogGraph(reader, { focus: "no-such-service", team: teams.D })).toMatchObject({ mode: "team", focus: null });
  });

  it("needs catalog:read", async () => {
    const noScope = { ...reader, via: "token" as const, scopes: [] };
    await expect(catalogGraph(noScope)).rejects.toMatchObject({ code: "forbidden" });
  });
});
