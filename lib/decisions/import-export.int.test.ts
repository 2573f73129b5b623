import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { unzipSync, strFromU8 } from "fflate";
import { afterAll, describe, expect, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor } from "@/scripts/test/factories";
import { createDatabase, dropDatabases } from "@/scripts/test/own-database";
import { exportAll, importDecisions } from "./import-export";
import { createDecision, reviewDecision, transitionDecision } from "./records";

// Round-trips need databases of their own: export from one, import into an empty one.
const made: string[] = [];
async function freshDatabase(): Promise<void> {
  made.push((await createDatabase("adr")).name);
}
afterAll(() => dropDatabases(made));

/** The same small estate in whichever database is current: one team, two services, one integration. */
async function estate() {
  const team = await db().team.create({ data: { slug: "payments-team", name: "Payments" } });
  for (const slug of ["checkout", "payments"]) await db().service.create({ data: { slug, name: slug, teamId: team.id, telemetryName: slug } });
  const architect = await actorFor("architect");
  const member = await actorFor("member", [team.id]);
  await createIntegration(architect, { sourceService: "checkout", targetService: "payments", operation: "authorize", style: "sync", protocol: "grpc", budget: { p99Ms: 250 } });
  return { architect, member };
}

const files = (zip: Uint8Array) => Object.entries(unzipSync(zip)).map(([name, bytes]) => ({ name, content: strFromU8(bytes) })).sort((a, b) => a.name.localeCompare(b.name));

describe("MADR import and export", () => {
  it("export → import into an empty database → export gives identical files", async () => {
    await freshDatabase();
    const { architect, member } = await estate();
    const old = await createDecision(member, { title: "Synchronous authorization", context: "Why we authorize inline.", integrations: ["checkout->payments:authorize"], options: [{ title: "Inline", pros: ["simple"], cons: ["slow"] }] });
    await transitionDecision(member, old.number, { to: "proposed" });
    await reviewDecision(architect, old.number, { verdict: "approve" });
    await transitionDecision(architect, old.number, { to: "accepted" });
    const next = await createDecision(member, { title: "Authorize at capture", outcome: "Move authorization to capture.", tags: ["payments"], consequences: { positive: ["faster"], negative: ["late declines"] } });
    await transitionDecision(member, next.number, { to: "proposed" });
    await reviewDecision(architect, next.number, { verdict: "approve" });
    await transitionDecision(architect, next.number, { to: "accepted" });
    await transitionDecision(architect, old.number, { to: "superseded", supersededBy: next.number });
    await createDecision(member, { title: "Still a draft" });
    const first = files(await exportAll(architect));
    expect(first.map((f) => f.name)).toEqual(["0001-synchronous-authorization.md", "0002-authorize-at-capture.md", "0003-still-a-draft.md"]);

    await freshDatabase();
    const target = await estate();
    const dry = await importDecisions(target.architect, { files: first, dryRun: true });
    expect(dry).toEqual({ dryRun: true, created: [1, 2, 3], updated: [], unchanged: [], errors: [], warnings: [] });
    expect(await db().decisionRecord.count()).toBe(0);

    const real = await importDecisions(target.architect, { files: first, dryRun: false });
    expect(real).toEqual({ ...dry, dryRun: false });
    expect(files(await exportAll(target.architect))).toEqual(first);

    // Importing the same files again changes nothing.
    expect(await importDecisions(target.architect, { files: first, dryRun: false })).toMatchObject({ created: [], updated: [], unchanged: [1, 2, 3] });
  });

  it("imports MADR's own decision log as it is, with a warning per status it had to guess, and re-imports it unchanged", async () => {
    await freshDatabase();
    const { architect } = await estate();
    const dir = join(__dirname, "fixtures", "madr");
    const madr = readdirSync(dir).filter((f) => /^\d{4}-.*\.md$/.test(f)).map((name) => ({ name, content: readFileSync(join(dir, name), "utf8") }));
    const report = await importDecisions(architect, { files: madr, dryRun: false });
    expect(report.errors).toEqual([]);
    expect(report.created).toEqual(Array.from({ length: 19 }, (_, i) => i));
    expect(report.warnings.filter((w) => w.path === "status" && w.message.includes('"on hold"'))).toEqual([
      { file: "0003-provide-own-madr-tools.md", path: "status", message: 'Status "on hold" is not one of Edgewise\'s; imported as draft, the nearest state' },
    ]);
    expect(report.warnings.filter((w) => w.path === "date")).toHaveLength(19);
    const record = await db().decisionRecord.findUniqueOrThrow({ where: { number: 5 }, include: { transitions: true } });
    expect(record).toMatchObject({ title: "Use Dashes in Filenames", status: "draft", decidedAt: null });
    expect(record.transitions[0]!.comment).toContain("(undated, author import)");
    expect(await importDecisions(architect, { files: madr, dryRun: false })).toMatchObject({ created: [], updated: [], unchanged: Array.from({ length: 19 }, (_, i) => i), errors: [] });
  });

  it("is atomic: one bad file in the batch and nothing is applied, with file and field named", async () => {
    await freshDatabase();
    const { architect, member } = await estate();
    const good = { name: "adr-0007.md", content: "---\nnumber: 7\ndate: 2026-05-01\nstatus: accepted\n---\n# Use gRPC internally\n" };
    const badLink = { name: "adr-0008.md", content: "---\nnumber: 8\ndate: 2026-05-01\nintegrations: [\"x->y:nope\"]\n---\n# Links nowhere\n" };
    const report = await importDecisions(architect, { files: [good, badLink], dryRun: false });
    expect(report.errors).toEqual([{ file: "adr-0008.md", path: "integrations", message: "Unknown integration point x->y:nope" }]);
    expect(report.created).toEqual([]);
    expect(await db().decisionRecord.count()).toBe(0);

    const broken = await importDecisions(architect, { files: [good, { name: "b.md", content: "---\nnumber: 9\ndate: nope\n---\n# Broken date\n" }], dryRun: false });
    expect(broken.errors).toEqual([{ file: "b.md", path: "date", message: "date is YYYY-MM-DD" }]);
    await expect(importDecisions(member, { files: [good], dryRun: true })).rejects.toMatchObject({ code: "forbidden" });
  });
});
