// The probes through their route handlers on the test database: live always answers; ready says which
// check fails — a migration marked rolled back, a roll-up watermark left behind — and recovers.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { db } from "@/lib/db/client";
import { GET as live } from "./live/route";
import { GET as ready } from "./ready/route";

describe("GET /api/health/live and /api/health/ready", () => {
  // Other files' roll-up tests read the watermark: it is put back exactly as it was.
  let watermark: { rolled_until: Date }[] = [];
  beforeAll(async () => {
    watermark = await db().$queryRaw`SELECT rolled_until FROM telemetry_rollups WHERE resolution = 'five_minute'`;
  });
  afterAll(async () => {
    if (watermark[0]) await db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = ${watermark[0].rolled_until} WHERE resolution = 'five_minute'`;
    else await db().$executeRaw`DELETE FROM telemetry_rollups WHERE resolution = 'five_minute'`;
  });

  it("live answers ok without touching the database", async () => {
    const res = live();
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: "ok", uptimeSeconds: expect.any(Number) });
  });

  it("ready is 200 on a migrated database with a current roll-up", async () => {
    await db().$executeRaw`INSERT INTO telemetry_rollups (resolution, rolled_until) VALUES ('five_minute', now()) ON CONFLICT (resolution) DO UPDATE SET rolled_until = now()`;
    const res = await ready();
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.status).toBe("ready");
    expect(body.checks.migrations.detail).toMatch(/^\d+ applied$/);
    expect(res.headers.get("cache-control")).toBe("no-store");
  });

  it("ready is 503 naming a migration that is not applied, then 200 again", async () => {
    const [last] = await db().$queryRaw<{ id: string; name: string }[]>`SELECT id, migration_name AS name FROM "_prisma_migrations" ORDER BY migration_name DESC LIMIT 1`;
    await db().$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = now() WHERE id = ${last!.id}`;
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect(await res.json()).toMatchObject({ status: "not_ready", checks: { database: { ok: true }, migrations: { ok: false, detail: `1 not applied: ${last!.name}` } } });
    } finally {
      await db().$executeRaw`UPDATE "_prisma_migrations" SET rolled_back_at = NULL WHERE id = ${last!.id}`;
    }
    expect((await ready()).status).toBe(200);
  });

  it("ready is 503 when the five-minute roll-up has not advanced past the stall limit", async () => {
    await db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = now() - interval '2 hours' WHERE resolution = 'five_minute'`;
    try {
      const res = await ready();
      expect(res.status).toBe(503);
      expect((await res.json()).checks.rollup).toEqual({ ok: false, detail: expect.stringMatching(/^stalled: 1(19|20) minutes behind \(limit 15\)$/) });
    } finally {
      await db().$executeRaw`UPDATE telemetry_rollups SET rolled_until = now() WHERE resolution = 'five_minute'`;
    }
  });
});
