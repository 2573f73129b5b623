import { describe, expect, it } from "vitest";
import { actorFor, makeService, makeTeam, syncDeclaration, unique } from "@/scripts/test/factories";
import { listIntegrations, integrationListQuerySchema } from "./integration-list";
import { createIntegration, getIntegration, integrationHistory, retireIntegration, updateIntegration } from "./integrations";

async function estate() {
  const team = await makeTeam();
  const other = await makeTeam();
  const a = await makeService(team.id);
  const b = await makeService(other.id);
  const member = await actorFor("member", [team.id]);
  return { team, other, a, b, member };
}

const list = (actor: Parameters<typeof listIntegrations>[0], query: Record<string, string>) => listIntegrations(actor, integrationListQuerySchema.parse(query));

describe("integration points", () => {
  it("a member declares one from their team's service; it reads back in the contract shape", async () => {
    const { team, a, b, member } = await estate();
    const { view, version } = await createIntegration(member, syncDeclaration(a.slug, b.slug, { operation: "authorize", tags: ["pci"] }));
    expect(version).toBe(1);
    expect(view).toMatchObject({
      key: `${a.slug}->${b.slug}:authorize`,
      sourceService: a.slug,
      targetService: b.slug,
      ownerTeam: team.slug,
      status: "no-data",
      delivery: null,
      telemetry: { sourceName: a.slug, targetName: b.slug, operation: null, side: "client" },
      tags: ["pci"],
    });
    const read = await getIntegration(member, view.key);
    expect(read.view).toEqual(view);
  });

  it("refuses another team's member (403), an unknown service (422 naming it) and a duplicate key (409)", async () => {
    const { a, b, member } = await estate();
    const outsider = await actorFor("member", [(await makeTeam()).id]);
    await expect(createIntegration(outsider, syncDeclaration(a.slug, b.slug))).rejects.toMatchObject({ code: "forbidden" });
    await expect(createIntegration(member, syncDeclaration(a.slug, "no-such-service"))).rejects.toMatchObject({
      code: "validation_failed",
      message: "Unknown service no-such-service",
    });
    const decl = syncDeclaration(a.slug, b.slug);
    await createIntegration(member, decl);
    await expect(createIntegration(member, decl)).rejects.toMatchObject({ code: "conflict" });
    // Members of the target's team do not own the integration either.
    const targetMember = await actorFor("member", [b.teamId]);
    const { view } = await getIntegration(member, `${a.slug}->${b.slug}:${decl.operation}`);
    await expect(updateIntegration(targetMember, view.key, { criticality: "low" }, null)).rejects.toMatchObject({ code: "forbidden" });
  });

  it("updates with a merge patch, re-validates the whole, and refuses a stale version without changing anything", async () => {
    const { a, b, member } = await estate();
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    const v2 = await updateIntegration(member, view.key, { budget: { p99Ms: 150 }, resilience: { timeoutMs: 200 } }, 1);
    expect(v2.version).toBe(2);
    expect(v2.view.budget).toEqual({ p50Ms: 10, p95Ms: 50, p99Ms: 150 });
    expect(v2.view.resilience).toEqual({ timeoutMs: 200, retries: null, circuitBreaker: null, fallback: null, concurrencyLimit: null });

    await expect(updateIntegration(member, view.key, { criticality: "low" }, 1)).rejects.toMatchObject({ code: "conflict", details: { currentVersion: 2 } });
    await expect(updateIntegration(member, view.key, { budget: { p95Ms: 500 } }, 2)).rejects.toThrow(/The p99 budget must be at least the p95 budget/);
    await expect(updateIntegration(member, view.key, { key: `${a.slug}->${b.slug}:renamed` }, 2)).rejects.toMatchObject({ code: "validation_failed" });
    const now = await getIntegration(member, view.key);
    expect(now.version).toBe(2);
    expect(now.view.criticality).toBe("medium");
  });

  it("keeps a readable history and retires instead of deleting", async () => {
    const { a, b, member } = await estate();
    const { view } = await createIntegration(member, syncDeclaration(a.slug, b.slug));
    await updateIntegration(member, view.key, { style: "hybrid", delivery: { guarantee: "at-least-once" } }, null);
    await retireIntegration(member, view.key, null);
    const history = await integrationHistory(member, view.key);
    expect(history.map((h) => h.action)).toEqual(["update", "update", "create"]);
    expect(history.every((h) => h.actor === member.email)).toBe(true);
    expect(history[0]!.changes).toEqual([{ path: "lifecycle", before: "active", after: "retired" }]);
    expect(history[1]!.changes).toContainEqual({ path: "style", before: "sync", after: "hybrid" });
    expect(history[1]!.changes).toContainEqual({ path: "delivery.guarantee", before: undefined, after: "at-least-once" });

    expect((await list(member, { source: a.slug })).items).toEqual([]);
    expect((await list(member, { source: a.slug, lifecycle: "retired" })).items.map((i) => i.key)).toEqual([view.key]);
    expect((await getIntegration(member, view.key)).view.lifecycle).toBe("retired");
  });

  it("lists with filters, full-text search, sorting and cursor paging", async () => {
    const team = await makeTeam();
    const architect = await actorFor("architect");
    const [a, b, c] = [await makeService(team.id, "Alpha"), await makeService(team.id, "Bravo"), await makeService(team.id, "Charlie")];
    const tag = unique("tag");
    await createIntegration(architect, syncDeclaration(a.slug, b.slug, { operation: "get-quote", budget: { p99Ms: 300 }, tags: [tag] }));
    await createIntegration(architect, syncDeclaration(a.slug, c.slug, { operation: "reserve", budget: { p99Ms: 100 }, criticality: "critical" }));
    await createIntegration(architect, {
      ...syncDeclaration(b.slug, c.slug, { operation: "stock-changed", budget: { p99Ms: 5000 } }),
      style: "async-event",
      protocol: "kafka",
      description: "Emitted whenever warehouse stock changes",
    });

    const byTeam = await list(architect, { team: team.slug });
    expect(byTeam.total).toBe(3);
    expect(byTeam.items.map((i) => i.operation).sort()).toEqual(["get-quote", "reserve", "stock-changed"]);
    expect((await list(architect, { team: team.slug, style: "async-event,hybrid" })).items.map((i) => i.operation)).toEqual(["stock-changed"]);
    expect((await list(architect, { team: team.slug, protocol: "kafka" })).total).toBe(1);
    expect((await list(architect, { tag })).items.map((i) => i.operation)).toEqual(["get-quote"]);
    expect((await list(architect, { team: team.slug, criticality: "critical" })).items.map((i) => i.operation)).toEqual(["reserve"]);
    expect((await list(architect, { team: team.slug, q: "warehouse stock" })).items.map((i) => i.operation)).toEqual(["stock-changed"]);
    expect((await list(architect, { team: team.slug, q: "Charlie" })).total).toBe(2);
    expect((await list(architect, { team: team.slug, service: c.slug })).total).toBe(2);
    expect((await list(architect, { team: team.slug, sort: "-p99" })).items.map((i) => i.budget.p99Ms)).toEqual([5000, 300, 100]);
    expect((await list(architect, { team: team.slug, status: "breaching" })).total).toBe(0);

    const page1 = await list(architect, { team: team.slug, sort: "p99", limit: "2" });
    expect(page1.items.map((i) => i.budget.p99Ms)).toEqual([100, 300]);
    expect(page1.nextCursor).not.toBeNull();
    const page2 = await list(architect, { team: team.slug, sort: "p99", limit: "2", cursor: page1.nextCursor! });
    expect(page2.items.map((i) => i.budget.p99Ms)).toEqual([5000]);
    expect(page2.nextCursor).toBeNull();
  });

  it("rejects bad list queries with clear messages", () => {
    expect(() => integrationListQuerySchema.parse({ sort: "-nope" })).toThrow(/sort is one of/);
    expect(() => integrationListQuerySchema.parse({ style: "sync,rpc" })).toThrow(/style is one of/);
    expect(() => integrationListQuerySchema.parse({ limit: "500" })).toThrow();
  });
});

describe("telemetry match on PATCH", () => {
  it("names left to default keep following the services, also after a move", async () => {
    const team = await makeTeam();
    const [a, b, c] = [await makeService(team.id), await makeService(team.id), await makeService(team.id)];
    const architect = await actorFor("architect");
    const { view } = await createIntegration(architect, syncDeclaration(a.slug, b.slug));
    const moved = await updateIntegration(architect, view.key, { targetService: c.slug }, null);
    expect(moved.view.telemetry).toEqual({ sourceName: a.slug, targetName: c.slug, operation: null, side: "client" });
    await expect(updateIntegration(architect, view.key, { lifecycle: "deprecated", migration: { targetDate: "2027-13-45" } }, null)).rejects.toThrow(/calendar date/);
  });
});
