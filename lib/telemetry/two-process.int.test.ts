// Two real processes ingest into the same integration and minute at once: nothing is lost, nothing
// is counted twice (the bucket upsert merges under the row lock).
import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { describe, expect, inject, it } from "vitest";
import { createIntegration } from "@/lib/catalog/integrations";
import { db } from "@/lib/db/client";
import { actorFor, makeService, makeTeam, syncDeclaration } from "@/scripts/test/factories";

const run = promisify(execFile);

describe("two ingesting processes, one database", () => {
  it("count every span exactly once", async () => {
    const team = await makeTeam();
    const [a, b] = [await makeService(team.id), await makeService(team.id)];
    const { view } = await createIntegration(await actorFor("architect"), syncDeclaration(a.slug, b.slug));
    // One minute for both, recent enough to be inside the ingestion time window.
    const startNs = String((BigInt(Date.now()) / 60_000n - 10n) * 60_000_000_000n);
    const worker = (seed: string) =>
      run(process.execPath, ["node_modules/.bin/tsx", "--conditions=react-server", "scripts/test/ingest-worker.ts", a.slug, b.slug, "30", "200", seed, startNs], {
        env: { ...process.env, DATABASE_URL: inject("databaseUrl") },
        timeout: 120_000,
      });
    const outputs = await Promise.all([worker("one"), worker("two")]);
    const accepted = outputs.map((o) => (JSON.parse(o.stdout.trim().split("\n").at(-1)!) as { accepted: number }).accepted);
    expect(accepted).toEqual([6000, 6000]);
    const rows = await db().latencyBucket.findMany({ where: { seriesKey: view.id } });
    expect(rows).toHaveLength(1);
    expect(Number(rows[0]!.count)).toBe(12_000);
    expect((rows[0]!.histogram as { count: number }).count).toBe(12_000);
  }, 180_000);
});
