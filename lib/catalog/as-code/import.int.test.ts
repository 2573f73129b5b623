// Catalog import and export against a real PostgreSQL: round-trips through empty databases, dry runs
// that predict the real import, atomic batches and idempotent re-imports.
import { afterAll, describe, expect, inject, it } from "vitest";
import { createTeam } from "@/lib/admin/teams";
import { systemActor } from "@/lib/auth/actor";
import { createIntegration } from "@/lib/catalog/integrations";
import { createService } from "@/lib/catalog/services";
import { db, disconnectDb } from "@/lib/db/client";
import { AppError } from "@/lib/errors";
import { createJourney } from "@/lib/governance/journeys";
import { makeService, makeTeam, unique } from "@/scripts/test/factories";
import { createDatabase, dropDatabases } from "@/scripts/test/own-database";
import { exportCatalog, importCatalog } from "./import";

const admin = systemActor("import-test");
const scratch: string[] = [];

/** Points the Prisma client at a new, migrated, empty database until `back()` is called. */
async function useEmptyDatabase(): Promise<void> {
  scratch.push((await createDatabase("catalog")).name);
}
async function back() {
  await disconnectDb();
  process.env.DATABASE_URL = inject("databaseUrl");
}
afterAll(() => dropDatabases(scratch));

const auditCount = () => db().auditEvent.count();
const file = (name: string, content: string) => ({ name, content });

/** A small but complete estate written through the ordinary API functions, every optional part used. */
async function richEstate() {
  await createTeam(admin, { slug: "shop-team", name: "Shop" });
  await createTeam(admin, { slug: "pay-team", name: "Payments" });
  await createService(admin, { slug: "checkout", name: "Checkout", team: "shop-team", tier: 1, description: "Takes orders.\n\nSecond paragraph.", links: [{ title: "Runbook", url: "https://runbooks.example.com/checkout" }] });
  await createService(admin, { slug: "payments", name: "Payments", team: "pay-team", telemetryName: "payments-api" });
  await createService(admin, { slug: "mailer", name: "Mailer", team: "shop-team" });
  await createIntegration(admin, {
    sourceService: "checkout",
    targetService: "payments",
    operation: "authorize",
    style: "sync",
    protocol: "grpc",
    criticality: "critical",
    budget: { p50Ms: 40, p95Ms: 120, p99Ms: 250 },
    slo: { successTargetPercent: 99.95, latencyTargetPercent: 99, windowDays: 28 },
    consistency: { model: "strong" },
    idempotency: { strategy: "key", key: "Idempotency-Key header" },
    resilience: { timeoutMs: 300, retries: { maxAttempts: 2, backoff: "exponential", baseDelayMs: 50, maxDelayMs: 400, jitter: true }, circuitBreaker: { failureRatePercent: 50, minimumCalls: 20, openMs: 30000 }, fallback: "authorize later", concurrencyLimit: 200 },
    contract: { format: "protobuf", ref: "https://git.example.com/payments/authorize.proto", version: "2.3.0", compatibility: "backward" },
    telemetry: { sourceName: "checkout-web", operation: "Authorize", side: "server" },
    tags: ["pci", "money"],
    description: "Card authorization during checkout: *critical*.",
  });
  await createIntegration(admin, {
    key: "checkout->mailer:order-placed",
    sourceService: "checkout",
    targetService: "mailer",
    operation: "order-placed",
    style: "async-event",
    protocol: "kafka",
    lifecycle: "migrating",
    migration: { targetStyle: "async-queue", featureFlag: "mail-queue", targetDate: "2027-03-01" },
    budget: { p99Ms: 5000 },
    consistency: { model: "eventual", stalenessBoundMs: 60000 },
    delivery: { guarantee: "at-least-once", ordering: "per-key", orderingKey: "orderId", deadLetterQueue: "mail.dlq" },
    idempotency: { strategy: "natural" },
  });
  const gone = await createIntegration(admin, { sourceService: "payments", targetService: "mailer", operation: "receipt", style: "async-event", protocol: "sqs", budget: { p99Ms: 9000 } });
  await db().integrationPoint.update({ where: { key: gone.view.key }, data: { lifecycle: "retired" } });
  await createJourney(admin, { slug: "place-order", name: "Place order", team: "shop-team", budgetP99Ms: 800, steps: ["checkout->payments:authorize", "checkout->mailer:order-placed"] });
}

describe("catalog export and import", () => {
  it("export → import into an empty database → export gives byte-identical YAML, and re-importing changes nothing", async () => {
    await useEmptyDatabase();
    try {
      await richEstate();
    const first = await exportCatalog(admin, "edgewise", "http://edgewise.test");
    expect(first).toContain("name: checkout->payments:authorize");
    expect(first).not.toContain("payments->mailer:receipt"); // retired and on no journey
    expect(first).toContain("sourceName: checkout-web");
    expect(first).toContain("telemetryName: payments-api");

    await useEmptyDatabase();
    const plan = await importCatalog(admin, { files: [file("catalog.yaml", first)] });
    expect(plan).toMatchObject({ applied: true, changed: [], retired: [], unchanged: 0 });
    expect(plan.created.map((e) => `${e.kind}/${e.name}`)).toEqual([
      "Team/pay-team",
      "Team/shop-team",
      "Service/checkout",
      "Service/mailer",
      "Service/payments",
      "Integration/checkout->mailer:order-placed",
      "Integration/checkout->payments:authorize",
      "Journey/place-order",
    ]);
    const second = await exportCatalog(admin, "edgewise", "http://edgewise.test");
    expect(second).toBe(first);

    const audits = await auditCount();
    const again = await importCatalog(admin, { files: [file("catalog.yaml", second)], prune: true });
    expect(again).toMatchObject({ applied: false, created: [], changed: [], retired: [], unchanged: 8 });
    expect(await auditCount()).toBe(audits);
      expect((await db().integrationPoint.findMany({ select: { version: true } })).every((r) => r.version === 1)).toBe(true);
    } finally {
      await back();
    }
  });

  it("a dry run predicts exactly what the real import then does, and applies nothing itself", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const kept = await createIntegration(admin, { sourceService: a.slug, targetService: b.slug, operation: "read", style: "sync", protocol: "http", budget: { p99Ms: 100 }, resilience: { timeoutMs: 150 } });
    const dropped = await createIntegration(admin, { sourceService: a.slug, targetService: b.slug, operation: "old", style: "sync", protocol: "http", budget: { p99Ms: 100 } });
    const newService = unique("svc");
    const yaml = `apiVersion: edgewise.dev/v1
kind: Service
metadata: { name: ${a.slug} }
spec: { name: ${a.name}, team: ${team.slug} }
---
apiVersion: edgewise.dev/v1
kind: Service
metadata: { name: ${newService} }
spec: { name: New, team: ${team.slug}, tier: 2 }
---
apiVersion: edgewise.dev/v1
kind: Integration
metadata: { name: ${kept.view.key} }
spec: { sourceService: ${a.slug}, targetService: ${b.slug}, operation: read, style: sync, protocol: http, budget: { p99Ms: 180 }, resilience: { timeoutMs: 200 } }
---
apiVersion: edgewise.dev/v1
kind: Integration
metadata: { name: ${a.slug}->${newService}:write }
spec: { sourceService: ${a.slug}, targetService: ${newService}, operation: write, style: async-queue, protocol: sqs, budget: { p99Ms: 2000 } }
`;
    const audits = await auditCount();
    const dry = await importCatalog(admin, { files: [file("estate.yaml", yaml)], dryRun: true, prune: true });
    expect(await auditCount()).toBe(audits);
    expect(await db().service.findUnique({ where: { slug: newService } })).toBeNull();
    expect(dry.changed).toEqual([
      { kind: "Integration", name: kept.view.key, file: "estate.yaml", document: 2, line: 11, changes: [{ path: "budget.p99Ms", before: 100, after: 180 }, { path: "resilience.timeoutMs", before: 150, after: 200 }] },
    ]);
    expect(dry.retired.map((e) => e.name)).toEqual([dropped.view.key]);

    const real = await importCatalog(admin, { files: [file("estate.yaml", yaml)], prune: true });
    const { dryRun: _d, applied: _a, ...predicted } = dry;
    const { dryRun: _r, applied, ...done } = real;
    expect(applied).toBe(true);
    expect(done).toEqual(predicted);
    // The effect is the plan: one audit row per created, changed and retired entity, and the values.
    expect((await auditCount()) - audits).toBe(dry.created.length + dry.changed.length + dry.retired.length);
    expect((await db().integrationPoint.findUniqueOrThrow({ where: { key: kept.view.key } })).budgetP99Ms).toBe(180);
    expect((await db().integrationPoint.findUniqueOrThrow({ where: { key: dropped.view.key } })).lifecycle).toBe("retired");
    expect((await db().service.findUniqueOrThrow({ where: { slug: newService } })).tier).toBe(2);
    const after = await importCatalog(admin, { files: [file("estate.yaml", yaml)], dryRun: true, prune: true });
    expect(after).toMatchObject({ created: [], changed: [], retired: [], unchanged: 4 });
  });

  it("applies nothing when one document in the middle of a batch is invalid, and reports them all", async () => {
    const team = await makeTeam();
    const [s1, s2, s3] = [unique("svc"), unique("svc"), unique("svc")];
    const service = (slug: string, extra = "") => `apiVersion: edgewise.dev/v1\nkind: Service\nmetadata: { name: ${slug} }\nspec: { name: ${slug}, team: ${team.slug}${extra} }\n`;
    const files = [file("a.yaml", service(s1)), file("b.yaml", `${service(s2)}---\n${service(s3, ", tier: 7")}`), file("c.yaml", service(unique("svc"), ", colour: red"))];
    const audits = await auditCount();
    const err = await importCatalog(admin, { files }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe("validation_failed");
    expect((err as AppError).details).toEqual({
      issues: [
        { file: "b.yaml", document: 1, path: "spec.tier", message: "Tier is 1 (most critical) to 4", severity: "error", line: 9 },
        { file: "c.yaml", document: 0, path: "spec.colour", message: "Unknown field colour for a Service", severity: "error", line: 4 },
      ],
    });
    expect(await db().service.count({ where: { slug: { in: [s1, s2, s3] } } })).toBe(0);
    expect(await auditCount()).toBe(audits);
  });

  it("refuses the whole batch when a member includes another team's service", async () => {
    const [mine, theirs] = [await makeTeam(), await makeTeam()];
    const user = await db().user.create({ data: { email: `${unique("m")}@test.local`, name: "m", role: "member", memberships: { create: [{ teamId: mine.id }] } } });
    const member = { userId: user.id, email: user.email, name: user.name, role: "member" as const, teamIds: [mine.id], via: "session" as const };
    const [ok, foreign] = [unique("svc"), unique("svc")];
    const yaml = `apiVersion: edgewise.dev/v1\nkind: Service\nmetadata: { name: ${ok} }\nspec: { name: ok, team: ${mine.slug} }\n---\napiVersion: edgewise.dev/v1\nkind: Service\nmetadata: { name: ${foreign} }\nspec: { name: no, team: ${theirs.slug} }\n`;
    const err = (await importCatalog(member, { files: [file("x.yaml", yaml)] }).catch((e: unknown) => e)) as AppError;
    expect(err.code).toBe("forbidden");
    expect(err.details).toEqual({
      issues: [{ file: "x.yaml", document: 1, path: "metadata.name", severity: "error", line: 8, message: `You may not create service ${foreign}: it belongs to team ${theirs.slug}, and members may change only their own teams' catalog` }],
    });
    expect(await db().service.count({ where: { slug: { in: [ok, foreign] } } })).toBe(0);
  });
});
