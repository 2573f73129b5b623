// The pattern an integration point declares, on real PostgreSQL: stored in its column, read back by
// the API's reads and the list, filled from the blueprint by YAML import, exported, and held to by
// the pattern-honoured rule.
import { describe, expect, it } from "vitest";
import { systemActor } from "@/lib/auth/actor";
import { db } from "@/lib/db/client";
import { allFindings } from "@/lib/governance/findings";
import { patternByName } from "@/lib/governance/patterns";
import { makeService, makeTeam, syncDeclaration, unique } from "@/scripts/test/factories";
import { exportCatalog, importCatalog } from "./as-code/import";
import { integrationListQuerySchema, listIntegrations } from "./integration-list";
import { createIntegration, getIntegration, updateIntegration } from "./integrations";

const admin = systemActor("pattern-test");

async function twoServices() {
  const team = await makeTeam();
  return { team, a: await makeService(team.id), b: await makeService(team.id) };
}

describe("an integration point's pattern", () => {
  it("is stored in its own column and read back by the API's reads and the list; null when none", async () => {
    const { team, a, b } = await twoServices();
    const sync = patternByName("sync-request")!.defaults;
    const { view } = await createIntegration(admin, { ...syncDeclaration(a.slug, b.slug), ...sync, pattern: "sync-request" });
    expect(view.pattern).toBe("sync-request");
    expect((await db().integrationPoint.findUniqueOrThrow({ where: { key: view.key } })).pattern).toBe("sync-request");
    expect((await getIntegration(admin, view.key)).view).toMatchObject({ pattern: "sync-request", resilience: sync.resilience });
    const page = await listIntegrations(admin, integrationListQuerySchema.parse({ team: team.slug }));
    expect(page.items.map((i) => i.pattern)).toEqual(["sync-request"]);

    const plain = await createIntegration(admin, syncDeclaration(a.slug, b.slug));
    expect(plain.view.pattern).toBeNull();
  });

  it("refuses an unknown pattern with a 422 naming the known ones, and stores nothing", async () => {
    const { a, b } = await twoServices();
    const input = { ...syncDeclaration(a.slug, b.slug), pattern: "two-phase-commit" };
    await expect(createIntegration(admin, input)).rejects.toMatchObject({ issues: [expect.objectContaining({ path: ["pattern"], message: expect.stringContaining("event-outbox") })] });
    expect(await db().integrationPoint.count({ where: { sourceServiceId: a.id } })).toBe(0);
  });

  it("a PATCH that contradicts the pattern is kept, and the rule flags it until it is put right", async () => {
    const { a, b } = await twoServices();
    const outbox = patternByName("event-outbox")!.defaults;
    const { view, version } = await createIntegration(admin, { ...syncDeclaration(a.slug, b.slug), ...outbox, pattern: "event-outbox" });
    const flagged = async () => (await allFindings()).filter((f) => f.rule === "pattern-honoured" && f.integration === view.key).map((f) => f.message);
    expect(await flagged()).toEqual([]);

    const changed = await updateIntegration(admin, view.key, { delivery: { deadLetterQueue: null } }, version);
    expect(changed.view.pattern).toBe("event-outbox");
    expect(await flagged()).toEqual([`${view.key} declares pattern event-outbox, which expects a dead-letter queue (delivery.deadLetterQueue).`]);

    const cleared = await updateIntegration(admin, view.key, { pattern: null }, changed.version);
    expect(cleared.view.pattern).toBeNull();
    expect(await flagged()).toEqual([]);
  });

  it("YAML spec.pattern fills what the document leaves out; the export writes the pattern and reads back the same", async () => {
    const { a, b } = await twoServices();
    const operation = unique("placed");
    const key = `${a.slug}->${b.slug}:${operation}`;
    const yaml = `apiVersion: edgewise.dev/v1
kind: Integration
metadata:
  name: ${key}
spec:
  sourceService: ${a.slug}
  targetService: ${b.slug}
  operation: ${operation}
  pattern: command-queue
  resilience:
    concurrencyLimit: 5
`;
    const plan = await importCatalog(admin, { files: [{ name: "queue.yaml", content: yaml }] });
    expect(plan.issues).toEqual([]);
    const queue = patternByName("command-queue")!.defaults;
    const { view } = await getIntegration(admin, key);
    expect(view).toMatchObject({ pattern: "command-queue", style: "async-queue", protocol: "sqs", delivery: queue.delivery, resilience: { ...queue.resilience, concurrencyLimit: 5 } });

    const exported = await exportCatalog(admin, "edgewise", "http://localhost");
    const doc = exported.split("---\n").find((d) => d.includes(`name: ${key}`))!;
    expect(doc).toContain("pattern: command-queue");
    const again = await importCatalog(admin, { files: [{ name: "export.yaml", content: exported }], dryRun: true });
    expect(again.issues).toEqual([]);
    expect(again.changed.filter((c) => c.name === key)).toEqual([]);
  });
});
